"""Outcome reporting opens for a provider only once its QAP is approved (seed 001: "Outcome
reporting will begin for a specific provider once the QAP has been approved"), with an active
PSA, on the SPL or with a verified Medicare certification; the measure set is pinned for the
task order at that approval."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qio_program.lifecycle.models import OutcomeMeasureSet
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qio_program.models import MedicareStatus, OutcomeValue, Provider
from qio_program.services.outcome_gate import outcome_gate_for
from qio_program.services.outcomes import current_quarter, outcome_record
from qis_portal.models import Organization, OrgType
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders
from tests.qio_program.factories import MeasureFactory, ProviderFactory

pytestmark = pytest.mark.django_db

YEAR, QUARTER = current_quarter()


@pytest.fixture
def falls(db):
    return MeasureFactory(code="NH-FALL", name="Falls with major injury",
                          applies_to="nursing_home")


@pytest.fixture
def maple(db):
    return ProviderFactory(name="Maple Grove Nursing", state="ME")


def report(actor, provider, measure):
    return outcome_record(actor=actor, provider=provider, measure=measure, year=YEAR,
                          quarter=QUARTER, value=Decimal("3.1"))


def _with_org(provider: Provider) -> Provider:
    provider.organization = Organization.objects.create(
        name=f"{provider.name} (org)", org_type=OrgType.PROVIDER, state=provider.state)
    provider.save()
    return provider


def test_no_outcome_is_filed_before_the_qap_is_approved(associate_ann, cor_bob, maple, falls):
    builders.seed_reference_aims()
    order = builders.task_order(cor_bob, associate_ann.organization)
    builders.approved_a3c(order, "ME", associate_ann, cor_bob)
    signer = builders.provider_user(_with_org(maple), "pia@maplegrove.test")
    builders.active_psa(order, maple, associate_ann, signer)
    with pytest.raises(WorkflowConflict, match="opens once its QAP is approved"):
        report(associate_ann, maple, falls)
    pa_services.pa_approve(actor=cor_bob,
                           assessment=builders.submitted_pa(order, maple, associate_ann))
    qap = qap_services.qap_create(actor=associate_ann, task_order=order, provider=maple,
                                  data=builders.QAP_FIELDS)
    builders.complete_qap(qap, associate_ann)
    qap = qap_services.qap_submit(actor=associate_ann, qap=qap)
    with pytest.raises(WorkflowConflict, match="opens once its QAP is approved"):
        report(associate_ann, maple, falls)  # submitted is not approved
    qap_services.qap_approve(actor=cor_bob, qap=qap)
    assert report(associate_ann, maple, falls).value == Decimal("3.1")


def test_a_terminated_psa_closes_reporting_with_the_reason(associate_ann, cor_bob, maple,
                                                           falls):
    qap = builders.open_outcome_reporting(maple, author=associate_ann, cor=cor_bob)
    psa = qap.task_order.psas.get(provider=maple)
    psa_services.psa_terminate(actor=associate_ann, psa=psa, reason="The facility closed.")
    with pytest.raises(WorkflowConflict, match="no active PSA under"):
        report(associate_ann, maple, falls)


def test_a_provider_off_the_spl_without_verified_medicare_cannot_report(associate_ann,
                                                                        cor_bob, maple, falls):
    builders.open_outcome_reporting(maple, author=associate_ann, cor=cor_bob)
    Provider.objects.filter(pk=maple.pk).update(on_spl=False, medicare_verified_at=None,
                                                medicare_status=MedicareStatus.PENDING)
    maple.refresh_from_db()
    with pytest.raises(WorkflowConflict, match="not on the Service Provider List"):
        report(associate_ann, maple, falls)
    Provider.objects.filter(pk=maple.pk).update(medicare_status=MedicareStatus.ACTIVE,
                                                medicare_verified_at=maple.created_at)
    maple.refresh_from_db()
    assert report(associate_ann, maple, falls).status == "entered"  # FQS-verified, off the SPL


def test_the_measure_set_is_pinned_when_the_qap_is_approved(associate_ann, cor_bob, maple,
                                                            falls):
    hospital_only = MeasureFactory(code="HOSP-READM", applies_to="hospital")
    qap = builders.open_outcome_reporting(maple, author=associate_ann, cor=cor_bob)
    pinned = OutcomeMeasureSet.objects.get(task_order=qap.task_order, provider=maple)
    assert list(pinned.measures.values_list("code", flat=True)) == ["NH-FALL"]
    assert hospital_only not in pinned.measures.all()
    later = MeasureFactory(code="NH-UTI", applies_to="nursing_home")
    with pytest.raises(ValidationError) as caught:
        report(associate_ann, maple, later)
    assert "not in the measure set pinned" in caught.value.message_dict["measure"][0]
    falls.is_active = False  # CMS retires it from the catalogue: it stays for the task order
    falls.save()
    assert report(associate_ann, maple, falls).measure == falls


def test_the_annual_qap_update_keeps_the_first_pinned_set(associate_ann, cor_bob, maple, falls):
    qap = builders.open_outcome_reporting(maple, author=associate_ann, cor=cor_bob)
    MeasureFactory(code="NH-UTI", applies_to="nursing_home")
    v2 = qap_services.qap_new_version(actor=associate_ann, qap=qap)
    v2 = qap_services.qap_submit(actor=associate_ann, qap=v2)
    qap_services.qap_approve(actor=cor_bob, qap=v2)
    [pinned] = OutcomeMeasureSet.objects.filter(provider=maple)
    assert list(pinned.measures.values_list("code", flat=True)) == ["NH-FALL"]


def test_the_page_and_the_api_say_why_reporting_is_closed(client, api_client, associate_ann,
                                                          maple, falls):
    client.force_login(associate_ann)
    url = reverse("qio_program:provider_outcomes", args=[maple.pk])
    page = client.get(url)
    assert page.context["form"] is None
    assert "opens once its QAP is approved" in page.content.decode()
    posted = client.post(url, {"measure": falls.pk, "year": YEAR, "quarter": QUARTER,
                               "value": "1"}, follow=True)
    assert "opens once its QAP is approved" in posted.content.decode()
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/qio/outcomes/", {
        "provider": maple.pk, "measure": "NH-FALL", "year": YEAR, "quarter": QUARTER,
        "value": "1"}, format="json")
    assert response.status_code == 409
    assert "opens once its QAP is approved" in str(response.json())
    assert not OutcomeValue.objects.exists()
    assert not outcome_gate_for(maple).is_open
