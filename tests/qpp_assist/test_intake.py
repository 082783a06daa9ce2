"""Intake: what is recorded, the eligible-clinician test, routing on submit, notifications."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qis_portal.models import AuditEvent, Notification
from qpp_assist import services
from qpp_assist.models import Channel, Inquiry, Practice
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QIN_QIO_TCPI, QPP_SURS

from .conftest import intake

pytestmark = pytest.mark.django_db


def test_a_large_group_s_inquiry_is_routed_to_the_region_s_qin_qio_with_a_1_day_clock(
        submit, contractors, quinn_qpp, pia):
    inquiry = submit(group_size=16)
    assert inquiry.status == Inquiry.Status.ROUTED
    assert inquiry.contractor == contractors[QIN_QIO_QPP]
    assert inquiry.region == "northeast"
    assert inquiry.respond_by is not None
    assert inquiry.channel == Channel.DIRECT
    assert "16 clinicians (16 or more)" in inquiry.routing_explanation
    assert Notification.objects.filter(recipient=quinn_qpp, kind="qpp.inquiry_assigned").exists()
    told = Notification.objects.get(recipient=pia, kind="qpp.inquiry_update")
    assert told.title == f"Your QPP inquiry #{inquiry.pk} is now with Northeast QIN-QIO"


def test_a_small_rural_group_goes_to_surs_as_a_priority_without_a_clock(submit, contractors):
    inquiry = submit(group_size=9, rural=True)
    assert inquiry.contractor == contractors[QPP_SURS]
    assert inquiry.priority is True
    assert inquiry.respond_by is None  # the seed sets no response time for QPP-SURS
    assert inquiry.routing_explanation.startswith(
        "Routed to QPP-SURS (Northeast QPP Small, Underserved and Rural Support) because the "
        "group has 9 clinicians (15 or fewer) and is rural.")


def test_a_ptn_practice_goes_to_its_ptn_and_its_assessment_to_qin_qio_tcpi(submit, contractors):
    ptn = contractors[PTN]
    assert submit(ptn_enrolled=True, ptn=ptn.pk).contractor == ptn
    assessment = submit(ptn_enrolled=True, ptn=ptn.pk, kind="assessment", tin="123456780")
    assert assessment.contractor == contractors[QIN_QIO_TCPI]


def test_when_every_contractor_is_excluded_the_help_desk_queue_gets_it(submit, hal):
    inquiry = submit(advanced_apm=True)
    assert inquiry.status == Inquiry.Status.HELP_DESK
    assert inquiry.contractor is None and inquiry.respond_by is None
    assert inquiry.any_apm is True  # an advanced APM is an APM
    assert Notification.objects.filter(recipient=hal, kind="qpp.help_desk_queue").exists()


@pytest.mark.parametrize(("charges", "patients", "is_ec"), [
    ("30000.01", 101, True), ("30000.00", 101, False), ("30000.01", 100, False),
])
def test_both_numbers_are_stored_and_the_ec_verdict_with_them(submit, charges, patients, is_ec):
    inquiry = submit(medicare_charges=Decimal(charges), medicare_patients=patients,
                     ptn_enrolled=True)
    assert inquiry.medicare_charges == Decimal(charges)
    assert inquiry.medicare_patients == patients
    assert inquiry.eligible_clinician is is_ec


def test_a_non_ec_outside_a_ptn_goes_to_the_help_desk_saying_why(submit):
    inquiry = submit(medicare_charges=Decimal("30000"))
    assert inquiry.status == Inquiry.Status.HELP_DESK
    assert "eligible clinicians only" in inquiry.routing_explanation


def test_the_help_desk_records_on_a_clinician_s_behalf(submit, hal, contractors):
    inquiry = submit(actor=hal, contact_email="office@casco.example")
    assert inquiry.channel == Channel.HELP_DESK
    assert inquiry.submitted_by == hal
    assert inquiry.contact_email == "office@casco.example"


def test_the_practice_is_kept_by_tin_with_its_latest_facts(submit):
    submit(group_size=20)
    submit(group_size=9, rural=True, tin="123-45-6789")
    practice = Practice.objects.get()
    assert practice.tin == "123456789"
    assert (practice.group_size, practice.rural) == (9, True)
    assert Inquiry.objects.filter(practice=practice).count() == 2


def test_submitting_and_routing_are_audited(submit):
    inquiry = submit()
    actions = set(AuditEvent.objects.filter(target_id=str(inquiry.pk),
                                            target_type="qpp_assist.inquiry")
                  .values_list("action", flat=True))
    assert {"inquiry.submit", "inquiry.route"} <= actions
    route = AuditEvent.objects.get(action="inquiry.route", target_id=str(inquiry.pk))
    assert (route.from_state, route.to_state) == ("received", "routed")


@pytest.mark.parametrize(("field", "value"), [
    ("tin", "12345678"), ("tin", "12345678a"), ("group_size", 0), ("group_size", "many"),
    ("state", "ZZ"), ("medicare_charges", "-1"), ("medicare_charges", "lots"),
    ("medicare_patients", -5), ("question", "   "), ("mips_category", "vibes"),
    ("kind", "gossip"), ("ptn", 999999), ("practice_name", ""), ("contact_email", "nope"),
])
def test_bad_input_is_refused_field_by_field(pia, contractors, field, value):
    with pytest.raises(ValidationError) as exc:
        services.inquiry_submit(actor=pia, data=intake(**{field: value}))
    assert field in exc.value.message_dict
    assert not Inquiry.objects.exists()


def test_a_ptn_named_without_enrolment_is_refused(pia, contractors):
    with pytest.raises(ValidationError) as exc:
        services.inquiry_submit(actor=pia, data=intake(ptn=contractors[PTN].pk))
    assert "ptn" in exc.value.message_dict


def test_only_clinicians_practices_and_the_help_desk_record_inquiries(
        contractors, associate_ann, outsider_charlie, readonly_pat):
    for user in (associate_ann, outsider_charlie, readonly_pat):
        with pytest.raises(PermissionDenied):
            services.inquiry_submit(actor=user, data=intake())
