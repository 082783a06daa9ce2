"""Each outcome value is entered, then validated or queried by the QIO (in its region) or the
COR; a queried value is corrected and awaits validation again; a validated value is final."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qio_program.models import OutcomeStatus
from qio_program.services.outcomes import (
    current_quarter,
    outcome_query,
    outcome_record,
    outcome_validate,
)
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders
from tests.qio_program.factories import MeasureFactory

pytestmark = pytest.mark.django_db

YEAR, QUARTER = current_quarter()


@pytest.fixture
def falls(db):
    return MeasureFactory(code="NH-FALL", name="Falls with major injury",
                          applies_to="nursing_home")


@pytest.fixture
def maple(provider_org, ne_provider, falls, associate_ann, cor_bob):
    ne_provider.organization = provider_org
    ne_provider.save()
    builders.open_outcome_reporting(ne_provider, author=associate_ann, cor=cor_bob)
    return ne_provider


@pytest.fixture
def entered(maple, provider_pia, falls):
    """Pia reports 3.1 falls with major injury for the quarter."""
    return outcome_record(actor=provider_pia, provider=maple, measure=falls, year=YEAR,
                          quarter=QUARTER, value=Decimal("3.1"))


def test_the_qio_validates_a_value_and_the_step_is_audited(entered, associate_ann):
    validated = outcome_validate(actor=associate_ann, outcome=entered)
    assert validated.status == OutcomeStatus.VALIDATED
    assert validated.reviewed_by == associate_ann and validated.reviewed_at is not None
    event = AuditEvent.objects.get(action="outcomevalue.validate")
    assert (event.from_state, event.to_state) == ("entered", "validated")


def test_the_cor_validates_too(entered, cor_bob):
    assert outcome_validate(actor=cor_bob, outcome=entered).status == OutcomeStatus.VALIDATED


def test_read_only_cms_the_provider_and_another_region_cannot_review(entered, readonly_pat,
                                                                     provider_pia,
                                                                     associate_wes):
    for user in (readonly_pat, provider_pia, associate_wes):
        with pytest.raises(PermissionDenied):
            outcome_validate(actor=user, outcome=entered)
    denials = AuditEvent.objects.filter(outcome="denied", action="outcomevalue.validate")
    assert denials.count() == 3 and {d.target_id for d in denials} == {str(entered.pk)}


def test_a_query_needs_its_question_and_tells_the_reporter(entered, associate_ann,
                                                           provider_pia,
                                                           django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as caught:
        outcome_query(actor=associate_ann, outcome=entered, question="  ")
    assert "question" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        queried = outcome_query(actor=associate_ann, outcome=entered,
                                question="3.1 is twice last quarter; check the denominator.")
    assert queried.status == OutcomeStatus.QUERIED
    note = Notification.objects.get(recipient=provider_pia, kind="qio.outcome_queried")
    assert "check the denominator" in note.body


def test_correcting_a_queried_value_sends_it_back_for_validation(entered, associate_ann,
                                                                 provider_pia, maple, falls):
    outcome_query(actor=associate_ann, outcome=entered, question="Check the denominator.")
    corrected = outcome_record(actor=provider_pia, provider=maple, measure=falls, year=YEAR,
                               quarter=QUARTER, value=Decimal("1.6"))
    assert (corrected.status, corrected.value) == (OutcomeStatus.ENTERED, Decimal("1.6"))
    event = AuditEvent.objects.get(action="outcomevalue.answer")
    assert (event.from_state, event.to_state) == ("queried", "entered")
    assert outcome_validate(actor=associate_ann, outcome=corrected).status == "validated"


def test_a_validated_value_is_final(entered, associate_ann, provider_pia, maple, falls):
    outcome_validate(actor=associate_ann, outcome=entered)
    with pytest.raises(WorkflowConflict, match="validated and final"):
        outcome_record(actor=provider_pia, provider=maple, measure=falls, year=YEAR,
                       quarter=QUARTER, value=Decimal("9"))
    with pytest.raises(WorkflowConflict, match="only a value awaiting validation"):
        outcome_validate(actor=associate_ann, outcome=entered)
    with pytest.raises(WorkflowConflict, match="only a value awaiting validation"):
        outcome_query(actor=associate_ann, outcome=entered, question="Why?")


def test_the_page_shows_the_state_and_its_buttons_take_the_steps(client, entered,
                                                                associate_ann, provider_pia):
    client.force_login(associate_ann)
    page = reverse("qio_program:provider_outcomes", args=[entered.provider_id])
    assert "Entered, awaiting validation" in client.get(page).content.decode()
    response = client.post(reverse("qio_program:outcome_query", args=[entered.pk]),
                           {"question": "Check the denominator."}, follow=True)
    assert "Question from" in response.content.decode()
    response = client.post(reverse("qio_program:outcome_validate", args=[entered.pk]),
                           follow=True)
    assert "only a value awaiting validation" in response.content.decode()
    client.force_login(provider_pia)
    assert client.post(reverse("qio_program:outcome_validate",
                               args=[entered.pk])).status_code == 403


def test_the_api_validates_and_queries_with_409_for_an_illegal_step(api_client, entered,
                                                                    associate_ann,
                                                                    associate_wes):
    api_client.force_authenticate(associate_wes)
    assert api_client.post(f"/api/qio/outcomes/{entered.pk}/validate/").status_code == 404
    api_client.force_authenticate(associate_ann)
    response = api_client.post(f"/api/qio/outcomes/{entered.pk}/query/", {}, format="json")
    assert response.status_code == 400
    response = api_client.post(f"/api/qio/outcomes/{entered.pk}/query/",
                               {"question": "Check the denominator."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "queried"
    assert api_client.post(f"/api/qio/outcomes/{entered.pk}/validate/").status_code == 409
