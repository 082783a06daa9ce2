"""The pages: list, intake, inquiry with its chain and steps, dashboard, practices, table.
Bad input is a message or a form error, never a 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from qpp_assist import services
from qpp_assist.models import AssistanceRecord, HandOff, Inquiry, Practice
from qpp_assist.who_does_what import QPP_SURS

pytestmark = pytest.mark.django_db


def intake_post(**overrides) -> dict:
    data = {
        "practice_name": "Aroostook Family Medicine", "tin": "210000001", "state": "ME",
        "clinician_name": "", "contact_email": "", "group_size": "6",
        "medicare_charges": "85000", "medicare_patients": "240", "advanced_apm": "no",
        "any_apm": "no", "ptn_enrolled": "no", "ptn": "", "areas": ["rural"],
        "kind": "question", "mips_category": "improvement_activities",
        "question": "Which activities can we report?",
    }
    data.update(overrides)
    return data


def test_the_intake_form_records_and_routes(client, pia, contractors):
    client.force_login(pia)
    assert client.get(reverse("qpp_assist:inquiry_create")).status_code == 200
    response = client.post(reverse("qpp_assist:inquiry_create"), intake_post(), follow=True)
    inquiry = Inquiry.objects.get()
    assert response.redirect_chain[-1][0] == inquiry.get_absolute_url()
    assert inquiry.contractor == contractors[QPP_SURS] and inquiry.rural and inquiry.priority
    assert b"Routed to QPP-SURS" in response.content


@pytest.mark.parametrize("overrides", [
    {"tin": "12"}, {"group_size": "0"}, {"state": ""}, {"medicare_charges": "abc"},
    {"advanced_apm": ""}, {"question": ""}, {"ptn": "99999"}, {"areas": ["nowhere"]},
])
def test_bad_intake_input_re_renders_the_form_with_errors(client, pia, contractors, overrides):
    client.force_login(pia)
    response = client.post(reverse("qpp_assist:inquiry_create"), intake_post(**overrides))
    assert response.status_code == 200
    assert b"usa-error-message" in response.content
    assert not Inquiry.objects.exists()


def test_a_ptn_chosen_without_enrolment_is_a_form_error(client, pia, contractors):
    client.force_login(pia)
    ptn = contractors["ptn"]
    response = client.post(reverse("qpp_assist:inquiry_create"), intake_post(ptn=str(ptn.pk)))
    assert b"Name a PTN only when" in response.content


def test_the_inquiry_page_shows_the_chain_and_the_steps_work(client, submit, quinn_qpp, sue,
                                                            pia, contractors):
    inquiry = submit()
    url = inquiry.get_absolute_url()
    client.force_login(quinn_qpp)
    page = client.get(url).content.decode()
    assert "Hand off to another contractor" in page and "Answer the clinician" in page
    bad = client.post(reverse("qpp_assist:inquiry_hand_off", args=[inquiry.pk]),
                      {"handoff-to_contractor": contractors[QPP_SURS].pk, "handoff-note": ""})
    assert bad.status_code == 200 and b"usa-error-message" in bad.content
    client.post(reverse("qpp_assist:inquiry_hand_off", args=[inquiry.pk]),
                {"handoff-to_contractor": contractors[QPP_SURS].pk,
                 "handoff-note": "Nine clinicians, not twenty."})
    assert HandOff.objects.filter(inquiry=inquiry).count() == 1
    page = client.get(url).content.decode()  # read-only now: no steps
    assert "Nine clinicians, not twenty." in page
    assert "Answer the clinician" not in page
    client.force_login(sue)
    client.post(reverse("qpp_assist:inquiry_respond", args=[inquiry.pk]),
                {"response": "Choose six measures."})
    client.force_login(pia)
    page = client.get(url).content.decode()
    assert "Routed to Quality Innovation Network" not in page
    assert "Routed to QIN-QIO: QPP: Northeast QIN-QIO" in page
    assert "Warm hand-off: QIN-QIO: QPP: Northeast QIN-QIO to QPP-SURS" in page
    assert "Answered by QPP-SURS" in page and "Choose six measures." in page


def test_a_second_answer_from_the_page_is_a_message_not_a_500(client, submit, quinn_qpp):
    inquiry = submit()
    client.force_login(quinn_qpp)
    url = reverse("qpp_assist:inquiry_respond", args=[inquiry.pk])
    client.post(url, {"response": "First."})
    response = client.post(url, {"response": "Second."}, follow=True)
    assert response.status_code == 200
    assert b"Cannot respond" in response.content


def test_the_help_desk_overrides_from_the_page(client, submit, hal, contractors):
    inquiry = submit(advanced_apm=True)
    client.force_login(hal)
    assert b"Override the route" in client.get(inquiry.get_absolute_url()).content
    client.post(reverse("qpp_assist:inquiry_override", args=[inquiry.pk]),
                {"override-to_contractor": contractors[QPP_SURS].pk,
                 "override-reason": "Left the APM in January."})
    inquiry.refresh_from_db()
    assert inquiry.contractor == contractors[QPP_SURS] and inquiry.route_overridden


def test_the_list_filters_by_status_and_overdue(client, submit, hal):
    submit()
    submit(advanced_apm=True, tin="222222222")
    client.force_login(hal)
    assert client.get(reverse("qpp_assist:inquiry_list"), {"status": "help_desk"}
                      ).context["page"].paginator.count == 1
    assert client.get(reverse("qpp_assist:inquiry_list"), {"overdue": "1"}
                      ).context["page"].paginator.count == 0
    assert client.get(reverse("qpp_assist:inquiry_list"), {"status": "bogus", "page": "x"}
                      ).status_code == 200


def test_the_dashboard_shows_response_times_and_surs_reach(client, submit, sue, hal,
                                                           contractors):
    answered = submit(group_size=4, tin="300000001")
    services.inquiry_respond(inquiry=answered, actor=sue, response="Answered.")
    submit(group_size=5, tin="300000002")
    client.force_login(hal)
    response = client.get(reverse("qpp_assist:dashboard"))
    assert response.status_code == 200
    (row,) = response.context["reach_rows"]
    assert (row["reach"].reached, row["reach"].total, row["reach"].met) == (1, 2, False)
    assert response.context["times"]["answered"] == 1
    assert b"qpp-chart-data" in response.content and b"js/qpp_dashboard.js" in response.content
    assert b"<script>" not in response.content


def test_reach_counts_assistance_and_only_surs_practices(client, submit, sue, contractors):
    submit(group_size=4, tin="300000001")  # open: not reached yet
    submit(group_size=30, tin="300000003")  # large: not a SURS practice
    practice = Practice.objects.get(tin="300000001")
    client.force_login(sue)
    url = reverse("qpp_assist:practice_detail", args=[practice.pk])
    assert client.post(url, {"provided_on": "2000-01-01", "kind": "bogus"}).status_code == 200
    client.post(url, {"provided_on": "2025-01-15", "kind": AssistanceRecord.Kind.OUTREACH,
                      "note": "County fair."})
    assert AssistanceRecord.objects.filter(practice=practice).count() == 1
    (row,) = client.get(reverse("qpp_assist:dashboard")).context["reach_rows"]
    assert (row["reach"].reached, row["reach"].total, row["reach"].met) == (1, 1, True)


def test_contractor_staff_add_practices_of_their_region_only(client, sue, contractors):
    client.force_login(sue)
    url = reverse("qpp_assist:practice_create")
    data = {"name": "Lakes Region Family Practice", "tin": "400000001", "state": "NH",
            "group_size": "11", "advanced_apm": "no", "any_apm": "no", "ptn_enrolled": "no",
            "areas": ["underserved"]}
    response = client.post(url, {**data, "state": "CA"})
    assert response.status_code == 200 and b"your own region" in response.content
    client.post(url, data)
    practice = Practice.objects.get(tin="400000001")
    assert practice.underserved and practice.is_surs_practice
    duplicate = client.post(url, data)
    assert b"already on record" in duplicate.content
    assert client.get(reverse("qpp_assist:practice_list"), {"surs": "1"}
                      ).context["page"].paginator.count == 1


def test_the_who_does_what_page_renders_the_seed_s_table(client, pia, contractors):
    client.force_login(pia)
    page = client.get(reverse("qpp_assist:contractor_types")).content.decode()
    assert "Eligible Clinicians (ECs) in large groups (16 or more clinicians)" in page
    assert "Reach at least 75% of SURS practices" in page
    assert "responding to QPP inquiries within 1 business day" in page
    assert "Keystone Practice Transformation Network" in page


def test_the_home_page_shows_the_qpp_panels(client, submit, quinn_qpp, pia):
    submit(medicare_charges=Decimal("90000"))
    client.force_login(quinn_qpp)
    assert b"QPP inquiries to answer" in client.get("/").content
    client.force_login(pia)
    home = client.get("/").content
    assert b"QPP inquiries I recorded" in home and b"QPP help" in home
