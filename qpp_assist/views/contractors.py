"""The seed's table “QIN-QIOs and the Quality Payment Program: Who Does What?”, with the
organizations on record as each type of contractor."""

from django.shortcuts import render

from qis_portal.views.common import require_perm
from qpp_assist import selectors
from qpp_assist.who_does_what import FOOTNOTES, INTRO

ROWS = [
    ("providers_served", "Providers served"),
    ("providers_excluded", "Providers excluded"),
    ("primary_objectives", "Primary objectives"),
    ("key_services", "Key QPP services"),
    ("success_measures", "How success is measured"),
]


def contractor_types(request):
    require_perm(request, "qpp_assist.view_contractortype")
    types = list(selectors.contractor_types())
    table = [{"key": key, "label": label, "cells": [getattr(t, key) for t in types]}
             for key, label in ROWS]
    return render(request, "qpp_assist/contractor_types.html", {
        "types": types, "table": table, "intro": INTRO, "footnotes": FOOTNOTES,
        "contractors": selectors.active_contractors(),
    })
