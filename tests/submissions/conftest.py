"""Fixtures for the submissions app, built from the seeds' own numbers (seed 000 Progress
Report; seed 002 Covered California QIS 2 Work Plan, NTSV target 23.9 %)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qis_portal.models import OrgType, Role
from submissions.elements.work_plan import CHECKLIST
from submissions.models import (
    FormType,
    ImplementationPlan,
    PlanVersion,
    Submission,
    SubmissionWindow,
)
from submissions.services import (
    submission_create,
    submission_save_draft,
    submission_start_review,
    submission_submit,
)

PLAN_DATA = {
    "goal_1": "Engage network hospitals to reduce NTSV C-section rates to 23.9% or less.",
    "m1a_name": "NTSV Cesarean birth rate",
    "m1a_cbe_id": "0471",
    "m1a_baseline_rate": "27.4",
    "m1a_baseline_numerator": 1370,
    "m1a_baseline_denominator": 5000,
    "m1a_baseline_start": "01/2023",
    "m1a_baseline_end": "12/2023",
    "m1a_target": "23.9",
    "m1a_direction": "lower",
}

PROGRESS_ANSWERS = {
    "reviewed_plan": True,
    "submission_type": "progress_report",
    "company_legal_name": "Sunrise Health Plans Holding Company",
    "primary_first_name": "Alice",
    "primary_last_name": "Issuer",
    "primary_title": "QIS Lead",
    "primary_phone": "916-555-0100",
    "primary_email": "alice@sunrise.test",
    "secondary_first_name": "Sam",
    "secondary_last_name": "Second",
    "secondary_title": "Quality Analyst",
    "secondary_phone": "(916) 555-0101",
    "secondary_email": "sam@sunrise.test",
    "exchange_start_date": "01/01/2014",
    "payment_models": ["ffs_no_link", "ffs_linked", "apm_ffs", "population"],
    "payment_ffs_no_link": "40",
    "payment_ffs_linked": "30",
    "payment_apm_ffs": "20",
    "payment_population": "10",
    "m1a_progress_rate": "24.1",
    "m1a_progress_numerator": 1205,
    "m1a_progress_denominator": 5000,
    "m1a_progress_start": "01/2024",
    "m1a_progress_end": "12/2024",
    "m1a_target_achieved": "no",
    "progress_summary": "Twelve of forty hospitals joined CMQCC coaching; the rate fell from "
                        "27.4% to 24.1%.",
    "barriers": "no",
    "timeline_problems": "no",
}

WORK_PLAN_ANSWERS = {
    "product_types": ["hmo", "ppo"],
    "data_sources": ["claims", "census"],
    "census_type": "ZIP Code",
    "description": "Coaching network hospitals through the CMQCC Maternal Data Center.",
    "goal_1": "Reduce NTSV C-section rates in network hospitals to 23.9% or less.",
    "goal_2": "Blended case rate payment for labor and delivery.",
    "incentives": ["bonus_payment"],
    "rationale": "Twelve of our forty hospitals are above 23.9%.",
    "activities": "Quarterly data reviews and coaching referrals.",
    "activities_incentives": "Bonus payments reward hospitals that reach 23.9%.",
    "attachment_j_goal1": True,
    "attachment_j_goal2": True,
    "m1a_supports": "It is the Goal 1 rate.",
    "m1a_baseline_rate": "26.1",
    "m1a_baseline_numerator": 261,
    "m1a_baseline_denominator": 1000,
    "m1a_baseline_start": "01/2023",
    "m1a_baseline_end": "12/2023",
    "m2a_name": "Hospitals paid a blended case rate",
    "m2a_supports": "Counts Goal 2 contracts.",
    "m2a_baseline_data_point": "4",
    "m2a_baseline_start": "01/2023",
    "m2a_baseline_end": "12/2023",
    "m2a_target": "20",
    "start_date": "01/01/2025",
    "milestone_1": "All network hospitals enrolled in the CMQCC MDC.",
    "milestone_1_date": "06/30/2025",
    "risk_assessment": "We reviewed hospital data capacity with each contract manager.",
}


@pytest.fixture
def window(db):
    today = timezone.localdate()
    return SubmissionWindow.objects.create(plan_year=2025, opens_on=today - timedelta(days=10),
                                           due_date=today + timedelta(days=40))


def plan_on_file(issuer_user, qis_title: str, plan_year: int, data: dict) -> ImplementationPlan:
    """A plan CMS has accepted: its version 1 in force from its own plan year."""
    plan = ImplementationPlan.objects.create(
        issuer=issuer_user.organization, qis_title=qis_title, plan_year=plan_year,
        data=dict(data), filed_by=issuer_user, status=ImplementationPlan.Status.ACCEPTED)
    PlanVersion.objects.create(plan=plan, number=1, qis_title=qis_title, data=dict(data),
                               effective_year=plan_year, accepted_at=timezone.now())
    return plan


@pytest.fixture
def plan(issuer_alice):
    return plan_on_file(issuer_alice, "Reducing NTSV C-sections", 2024, PLAN_DATA)


@pytest.fixture
def make_progress_report(issuer_alice, window, plan):
    def make(answers=None, actor=None, plan_=None):
        actor = actor or issuer_alice
        submission = submission_create(actor=actor, form_type=FormType.PROGRESS_REPORT,
                                       window=window, implementation_plan=plan_ or plan)
        if answers:
            submission = submission_save_draft(submission=submission, actor=actor,
                                               data=answers, expected_version=1)
        return submission
    return make


@pytest.fixture
def draft_report(make_progress_report):
    return make_progress_report(PROGRESS_ANSWERS)


@pytest.fixture
def submitted_report(draft_report, issuer_alice):
    return submission_submit(submission=draft_report, actor=issuer_alice)


@pytest.fixture
def report_under_review(submitted_report, reviewer_quinn):
    return submission_start_review(submission=submitted_report, actor=reviewer_quinn)


@pytest.fixture
def draft_work_plan(issuer_alice, window):
    submission = submission_create(actor=issuer_alice, form_type=FormType.WORK_PLAN,
                                   window=window)
    return submission_save_draft(submission=submission, actor=issuer_alice,
                                 data=WORK_PLAN_ANSWERS, expected_version=1)


def fresh(submission) -> Submission:
    """Re-read (a protected FSM field cannot be refreshed in place)."""
    return Submission.objects.get(pk=submission.pk)


@pytest.fixture
def covered_ca(db):
    from tests.factories import OrganizationFactory

    return OrganizationFactory(name="Covered California", org_type=OrgType.STATE_EXCHANGE,
                               state="CA")


@pytest.fixture
def reviewer_cal(covered_ca):
    """A Covered California QIS reviewer: reviews the Work Plans (seed 002)."""
    from tests.factories import user_with_role

    return user_with_role(Role.COVERED_CA_REVIEWER, covered_ca, email="cal@coveredca.test")


def all_met(note: str = "") -> list[dict]:
    """A Work Plan checklist with every item of seed 002's two lists met."""
    return [{"key": key, "met": "met", "note": note} for key, *_ in CHECKLIST]
