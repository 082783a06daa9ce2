"""scoring.demo.seed(): the reference, two entities with participation lists and measure data,
and one finished run; running it again adds nothing."""

import pytest

from scoring import demo
from scoring.models import (
    ApmEntity,
    EntityScore,
    Measure,
    Participant,
    QualitySubmission,
    ScoringRun,
)

pytestmark = pytest.mark.django_db


def counts():
    return (Measure.objects.count(), ApmEntity.objects.count(), Participant.objects.count(),
            QualitySubmission.objects.count(), ScoringRun.objects.count(),
            EntityScore.objects.count())


def test_the_demo_seeds_two_scored_entities_and_is_idempotent():
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    assert first[1] == 2
    run = ScoringRun.objects.get()
    assert run.status == "finished" and run.done == 2 and run.invalid == 0
    cpc = EntityScore.objects.get(entity__entity_id="CPC-DEMO-02")
    assert cpc.reporting_level == "tin_npi"
    assert len(cpc.output["quality"]["clinicians"]) == 18  # seed Figure 2a: 18 NPIs
    ocm = EntityScore.objects.get(entity__entity_id="OCM-DEMO-01")
    reasons = [m["reason"] for m in ocm.output["quality"]["units"][0]["measures"]]
    assert any("no 2020 benchmark for measure 458" in r for r in reasons)
