"""The routing rules of seed 004's table, table-driven, with the seed's own numbers. Pure: no
database, no Django."""

from decimal import Decimal

import pytest

from qpp_assist.routing import (
    ASSESSMENT,
    RULE_HELP_DESK,
    Facts,
    Option,
    is_eligible_clinician,
    judge_all,
    route,
)
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QIN_QIO_TCPI, QPP_SURS

OPTIONS = [
    Option(1, QIN_QIO_QPP, "northeast", "Northeast QIN-QIO"),
    Option(2, QPP_SURS, "northeast", "Northeast SURS"),
    Option(3, QIN_QIO_TCPI, "northeast", "Northeast QIN-QIO"),
    Option(4, PTN, "northeast", "Maine PTN"),
    Option(5, PTN, "mid_atlantic", "Keystone PTN"),
    Option(6, QIN_QIO_QPP, "west", "West QIN-QIO"),
]


def facts(**kw) -> Facts:
    base = {"region": "northeast", "region_label": "Northeast", "group_size": 20,
            "eligible_clinician": True}
    base.update(kw)
    return Facts(**base)


@pytest.mark.parametrize(("charges", "patients", "is_ec"), [
    (Decimal("30000.01"), 101, True),
    (Decimal("30000.00"), 101, False),   # “more than $30,000”: exactly $30,000 is not
    (Decimal("30000.01"), 100, False),   # “more than 100 Medicare patients”: 100 is not
    (Decimal("29999.99"), 500, False),
    (Decimal("250000"), 1900, True),
    (Decimal("0"), 0, False),
])
def test_the_eligible_clinician_test_needs_both_more_than_30000_dollars_and_100_patients(
        charges, patients, is_ec):
    assert is_eligible_clinician(charges, patients) is is_ec


ROUTES = [
    # (description, facts, contractor id or None, rule, priority)
    ("16 clinicians is a large group: QIN-QIO: QPP", {"group_size": 16}, 1, QIN_QIO_QPP, False),
    ("15 clinicians is a small group: QPP-SURS", {"group_size": 15}, 2, QPP_SURS, False),
    ("a solo clinician: QPP-SURS", {"group_size": 1}, 2, QPP_SURS, False),
    ("rural small group: QPP-SURS first", {"group_size": 9, "rural": True}, 2, QPP_SURS, True),
    ("underserved small group is priority", {"group_size": 3, "underserved": True}, 2,
     QPP_SURS, True),
    ("shortage-area small group is priority", {"group_size": 15, "shortage_area": True}, 2,
     QPP_SURS, True),
    ("a rural large group is no SURS priority", {"group_size": 16, "rural": True}, 1,
     QIN_QIO_QPP, False),
    ("a PTN member goes to its PTN", {"group_size": 9, "ptn_enrolled": True}, 4, PTN, False),
    ("a large PTN member too", {"group_size": 40, "ptn_enrolled": True}, 4, PTN, False),
    ("a named PTN wins over the region's", {"ptn_enrolled": True, "ptn_id": 5}, 5, PTN, False),
    ("a PTN practice's assessment goes to QIN-QIO: TCPI",
     {"ptn_enrolled": True, "kind": ASSESSMENT}, 3, QIN_QIO_TCPI, False),
    ("an assessment for a PTN practice in an APM still goes to TCPI",
     {"ptn_enrolled": True, "any_apm": True, "kind": ASSESSMENT}, 3, QIN_QIO_TCPI, False),
    ("a non-PTN assessment request falls back on group size",
     {"group_size": 30, "kind": ASSESSMENT}, 1, QIN_QIO_QPP, False),
    ("a non-advanced APM does not exclude from QIN-QIO: QPP", {"any_apm": True}, 1,
     QIN_QIO_QPP, False),
    ("a non-advanced APM does not exclude from QPP-SURS", {"group_size": 5, "any_apm": True},
     2, QPP_SURS, False),
    ("a West large group goes to the West QIN-QIO", {"region": "west", "region_label": "West"},
     6, QIN_QIO_QPP, False),
    ("a non-EC PTN member still goes to the PTN", {"ptn_enrolled": True,
                                                   "eligible_clinician": False}, 4, PTN, False),
]


@pytest.mark.parametrize(("description", "kw", "contractor", "rule", "priority"), ROUTES,
                         ids=[row[0] for row in ROUTES])
def test_each_routing_rule(description, kw, contractor, rule, priority):
    decision = route(facts(**kw), OPTIONS)
    assert (decision.contractor_id, decision.rule, decision.priority) == (
        contractor, rule, priority)


EXCLUSIONS = [
    # (description, facts, type, phrase in the reason)
    ("advanced APM participants are not QIN-QIO: QPP's", {"advanced_apm": True}, QIN_QIO_QPP,
     "advanced APMs"),
    ("PTN members are not QIN-QIO: QPP's", {"ptn_enrolled": True}, QIN_QIO_QPP,
     "Practice Transformation Network"),
    ("small practices are not QIN-QIO: QPP's", {"group_size": 15}, QIN_QIO_QPP,
     "small practices (the group has 15 clinicians"),
    ("large practices are not SURS's", {"group_size": 16}, QPP_SURS,
     "large practices (the group has 16 clinicians"),
    ("advanced APM participants are not SURS's", {"group_size": 5, "advanced_apm": True},
     QPP_SURS, "advanced APMs"),
    ("PTN members are not SURS's", {"group_size": 5, "ptn_enrolled": True}, QPP_SURS, "PTN"),
    ("clinicians in any APM are not the PTN's", {"ptn_enrolled": True, "any_apm": True}, PTN,
     "any APM"),
    ("a Medicare ACO is an APM for the PTN", {"ptn_enrolled": True, "any_apm": True}, PTN,
     "Medicare ACO"),
    ("an advanced APM is an APM for the PTN", {"ptn_enrolled": True, "advanced_apm": True}, PTN,
     "any APM"),
    ("practices outside a PTN are not QIN-QIO: TCPI's", {"kind": ASSESSMENT}, QIN_QIO_TCPI,
     "not enrolled in a PTN"),
    ("non-ECs are not QIN-QIO: QPP's", {"eligible_clinician": False}, QIN_QIO_QPP,
     "eligible clinicians only"),
    ("non-ECs are not SURS's", {"group_size": 4, "eligible_clinician": False}, QPP_SURS,
     "eligible clinicians only"),
]


@pytest.mark.parametrize(("description", "kw", "type_code", "phrase"), EXCLUSIONS,
                         ids=[row[0] for row in EXCLUSIONS])
def test_each_exclusion_is_honoured_with_its_reason(description, kw, type_code, phrase):
    verdict = {v.type_code: v for v in judge_all(facts(**kw))}[type_code]
    assert verdict.serves is False
    assert phrase in verdict.reason
    assert route(facts(**kw), OPTIONS).type_code != type_code


@pytest.mark.parametrize(("description", "kw"), [
    ("an advanced APM participant: QPP and SURS exclude it, no PTN", {"advanced_apm": True}),
    ("a small advanced APM practice", {"group_size": 5, "advanced_apm": True}),
    ("a PTN member in an APM: the PTN excludes it, QPP and SURS exclude PTN members",
     {"ptn_enrolled": True, "any_apm": True}),
    ("a clinician who is not an EC and in no PTN", {"eligible_clinician": False}),
])
def test_when_every_contractor_is_excluded_the_cms_help_desk_gets_it_with_the_reasons(
        description, kw):
    decision = route(facts(**kw), OPTIONS)
    assert decision.to_help_desk and decision.rule == RULE_HELP_DESK
    assert decision.contractor_name == "CMS help desk"
    assert decision.explanation.startswith("Sent to the CMS help desk because every QPP")
    for short in ("QIN-QIO: QPP:", "QPP-SURS:", "QIN-QIO: TCPI:", "PTN:"):
        assert short in decision.explanation


def test_a_region_without_the_contractor_sends_it_to_the_help_desk_saying_which_is_missing():
    decision = route(facts(region="southeast", region_label="Southeast", group_size=4), OPTIONS)
    assert decision.to_help_desk
    assert ("QPP-SURS would serve it (the group has 4 clinicians (15 or fewer)), but no "
            "QPP-SURS contractor is on record for the Southeast region") in decision.explanation


def test_the_routing_explains_itself_in_the_seed_s_terms():
    decision = route(facts(group_size=9, rural=True), OPTIONS)
    assert decision.explanation.startswith(
        "Routed to QPP-SURS (Northeast SURS) because the group has 9 clinicians (15 or fewer) "
        "and is rural.")
    assert "marked priority" in decision.explanation
    large = route(facts(group_size=16), OPTIONS)
    assert large.explanation == ("Routed to QIN-QIO: QPP (Northeast QIN-QIO) because the group "
                                 "has 16 clinicians (16 or more).")


def test_several_areas_are_named_together():
    decision = route(facts(group_size=2, rural=True, underserved=True, shortage_area=True),
                     OPTIONS)
    assert ("is rural, medically underserved and in a health professional shortage area"
            in decision.explanation)


def test_a_named_ptn_that_is_not_on_record_falls_back_on_the_region_s_ptn():
    assert route(facts(ptn_enrolled=True, ptn_id=99), OPTIONS).contractor_id == 4


def test_every_decision_carries_a_verdict_for_each_of_the_four_types():
    decision = route(facts(), OPTIONS)
    assert [v.type_code for v in decision.verdicts] == [QIN_QIO_QPP, QPP_SURS, QIN_QIO_TCPI,
                                                        PTN]
    assert [v.serves for v in decision.verdicts] == [True, False, False, False]
