"""Outcomes: quarterly values by the provider or its QIO, once its QAP is approved; at most 6
measures a quarter for an outpatient clinical practice, even when two entries arrive at once.

The measures are made before reporting opens: the QAP approval pins the catalogue of that day.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from qio_program.models import OUTPATIENT_MAX_MEASURES_PER_QUARTER, OutcomeStatus, OutcomeValue
from qio_program.services.outcomes import current_quarter, outcome_record
from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle.builders import open_outcome_reporting
from tests.qio_program.factories import MeasureFactory, ProviderFactory

pytestmark = pytest.mark.django_db

YEAR, QUARTER = current_quarter()


@pytest.fixture
def measures(db):
    """Seven measures every setting reports, in the catalogue before any QAP is approved."""
    return [MeasureFactory() for _ in range(7)]


@pytest.fixture
def practice(measures, associate_ann, cor_bob):
    practice = ProviderFactory(name="Green Mountain Family Practice", state="VT",
                               setting="outpatient_clinical_practice", ccn="", tin="030456789")
    open_outcome_reporting(practice, author=associate_ann, cor=cor_bob)
    return practice


@pytest.fixture
def ne_provider(ne_provider, provider_org, measures, associate_ann, cor_bob):
    """Maple Grove, its own organization's provider, with its QAP approved."""
    ne_provider.organization = provider_org
    ne_provider.save()
    open_outcome_reporting(ne_provider, author=associate_ann, cor=cor_bob)
    return ne_provider


def record(actor, provider, measure, value="50", **kwargs):
    values = {"year": YEAR, "quarter": QUARTER, **kwargs}
    return outcome_record(actor=actor, provider=provider, measure=measure,
                          value=Decimal(value), **values)


def test_a_provider_user_reports_their_own_outcomes(provider_pia, ne_provider, measures):
    value = record(provider_pia, ne_provider, measures[0], "3.1")
    assert value.entered_by == provider_pia and not value.entered_by_qio
    assert value.status == OutcomeStatus.ENTERED


def test_a_provider_user_cannot_report_for_another_provider(provider_pia, measures):
    with pytest.raises(PermissionDenied):
        record(provider_pia, ProviderFactory(), measures[0])


def test_the_qio_reports_on_the_providers_behalf(associate_ann, ne_provider, measures):
    assert record(associate_ann, ne_provider, measures[0]).entered_by_qio


def test_another_regions_qio_and_cms_cannot_report(associate_wes, readonly_pat, ne_provider,
                                                   measures):
    for user in (associate_wes, readonly_pat):
        with pytest.raises(PermissionDenied):
            record(user, ne_provider, measures[0])


def test_an_outpatient_practice_reports_at_most_6_measures_a_quarter(associate_ann, practice,
                                                                     measures):
    for measure in measures[:6]:
        record(associate_ann, practice, measure)
    with pytest.raises(WorkflowConflict) as caught:
        record(associate_ann, practice, measures[6])
    assert OUTPATIENT_MAX_MEASURES_PER_QUARTER == 6
    assert "at most 6 measures a quarter" in caught.value.message
    assert OutcomeValue.objects.filter(provider=practice).count() == 6


def test_correcting_one_of_the_6_is_still_allowed_and_audited(associate_ann, practice,
                                                              measures):
    for measure in measures[:6]:
        record(associate_ann, practice, measure)
    corrected = record(associate_ann, practice, measures[0], "75")
    assert corrected.value == Decimal("75")
    event = AuditEvent.objects.get(action="outcome.correct")
    assert event.details["previous"] == "50.0000" and event.details["value"] == "75"


def test_the_6_measure_limit_counts_each_quarter_on_its_own(associate_ann, practice, measures):
    for measure in measures[:6]:
        record(associate_ann, practice, measure, year=2024, quarter=1)
    record(associate_ann, practice, measures[6], year=2024, quarter=2)


def test_other_settings_have_no_6_measure_limit(associate_ann, ne_provider, measures):
    for measure in measures:
        record(associate_ann, ne_provider, measure)
    assert OutcomeValue.objects.filter(provider=ne_provider).count() == 7


def test_a_future_quarter_and_a_measure_of_another_setting_are_refused(associate_ann,
                                                                       practice, measures):
    with pytest.raises(ValidationError) as caught:
        record(associate_ann, practice, measures[0], year=YEAR + 1)
    assert "quarter" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        record(associate_ann, practice, MeasureFactory(applies_to="nursing_home"))
    assert "measure" in caught.value.message_dict


def test_numerator_and_denominator_must_agree(associate_ann, ne_provider, measures):
    with pytest.raises(ValidationError):
        record(associate_ann, ne_provider, measures[0], numerator=5, denominator=4)
    with pytest.raises(ValidationError):
        record(associate_ann, ne_provider, measures[0], numerator=5)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_entries_at_once_cannot_make_a_7th_measure(associate_ann, practice, measures):
    """The provider row lock serialises the count: one of the two racing entries is refused."""
    for measure in measures[:5]:
        record(associate_ann, practice, measure)
    racing = measures[5:7]
    barrier = threading.Barrier(2)
    outcomes = []

    def enter(measure):
        try:
            barrier.wait()
            record(associate_ann, practice, measure)
            outcomes.append("saved")
        except WorkflowConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=enter, args=(m,)) for m in racing]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert OutcomeValue.objects.filter(provider=practice).count() == 6


def test_the_outcomes_page_shows_quarters_and_refuses_a_7th_with_the_reason(client,
                                                                           associate_ann,
                                                                           practice, measures):
    for measure in measures[:6]:
        record(associate_ann, practice, measure)
    client.force_login(associate_ann)
    url = reverse("qio_program:provider_outcomes", args=[practice.pk])
    page = client.get(url).content.decode()
    assert f"{YEAR} Q{QUARTER}" in page and "6 of 6 measures" in page
    response = client.post(url, {"measure": measures[6].pk, "year": YEAR, "quarter": QUARTER,
                                 "value": "10"})
    assert response.status_code == 200
    assert "at most 6 measures a quarter" in response.content.decode()


def test_a_provider_user_enters_a_value_from_the_page(client, provider_pia, ne_provider,
                                                      measures):
    client.force_login(provider_pia)
    assert client.get(reverse("qio_program:my_outcomes")).url == reverse(
        "qio_program:provider_outcomes", args=[ne_provider.pk])
    client.post(reverse("qio_program:provider_outcomes", args=[ne_provider.pk]),
                {"measure": measures[0].pk, "year": YEAR, "quarter": QUARTER, "value": "2.5"})
    assert OutcomeValue.objects.get().entered_by == provider_pia


def test_cms_reads_outcomes_but_gets_no_entry_form(client, readonly_pat, ne_provider):
    client.force_login(readonly_pat)
    url = reverse("qio_program:provider_outcomes", args=[ne_provider.pk])
    assert client.get(url).context["form"] is None
    assert client.post(url, {"value": "1"}).status_code == 403


def test_each_measure_has_its_history(client, associate_ann, ne_provider, measures):
    measure = measures[0]
    record(associate_ann, ne_provider, measure, "4.0", year=2025, quarter=3)
    record(associate_ann, ne_provider, measure, "3.2", year=2025, quarter=4)
    record(associate_ann, ne_provider, measures[1], "99")
    client.force_login(associate_ann)
    response = client.get(reverse("qio_program:measure_history",
                                  args=[ne_provider.pk, measure.pk]))
    assert [v.period for v in response.context["values"]] == ["2025 Q3", "2025 Q4"]
