"""The lifecycle's one form page (title, intro, back link), shared by its simple forms."""

from django.shortcuts import render
from django.urls import reverse


def form_page(request, *, form, title: str, back_url: str, submit_label: str = "Save",
              intro: str = "", template: str = "lifecycle/form.html", **extra):
    if not back_url.startswith("/"):
        back_url = reverse(back_url)
    return render(request, template, {
        "form": form, "title": title, "back_url": back_url, "submit_label": submit_label,
        "intro": intro, **extra,
    })
