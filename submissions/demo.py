"""Demo data: Implementation Plans on file for both demo issuers, the seed's 2025 plan year
open beside next year's, a Modification Summary Supplement awaiting CMS and a draft Progress
Report (Sunrise), a submitted Covered California Work Plan (Sunrise), and a Progress Report
judged Interim Meets with its Correction Report (Granite). Idempotent."""

from datetime import timedelta

from django.utils import timezone

from qis_portal.demo import ISSUERS
from qis_portal.models import Organization, User
from qis_portal.workflow import SystemActor
from submissions.models import FormType, ImplementationPlan, Submission, SubmissionWindow
from submissions.services import (
    implementation_plan_accept,
    implementation_plan_file,
    submission_create,
    submission_determine,
    submission_save_draft,
    submission_start_review,
    submission_submit,
    supplement_file,
)

SEED_FORM_YEAR = 2025
PLANS = {
    ISSUERS[0][0]: ("issuer@sunrise.demo", "Reducing NTSV C-sections in network hospitals", {
        "goal_1": "Engage every network maternity hospital to reduce non-medically necessary "
                  "NTSV C-section rates to 23.9% or less.",
        "goal_2": "Align hospital and physician payment with Smart Care California guidelines.",
        "m1a_name": "NTSV Cesarean birth rate", "m1a_cbe_id": "0471",
        "m1a_baseline_rate": "27.4", "m1a_baseline_numerator": 1370,
        "m1a_baseline_denominator": 5000, "m1a_baseline_start": "01/2023",
        "m1a_baseline_end": "12/2023", "m1a_target": "23.9", "m1a_direction": "lower",
        "m2a_name": "Share of maternity payments under a blended case rate",
        "m2a_baseline_rate": "18", "m2a_baseline_numerator": 180,
        "m2a_baseline_denominator": 1000, "m2a_baseline_start": "01/2023",
        "m2a_baseline_end": "12/2023", "m2a_target": "50", "m2a_direction": "higher",
    }),
    ISSUERS[1][0]: ("issuer@granite.demo", "Improving diabetes control", {
        "goal_1": "Reduce the share of enrollees with diabetes whose HbA1c is poorly controlled.",
        "m1a_name": "Hemoglobin A1c poor control (>9.0%)", "m1a_cbe_id": "0059",
        "m1a_baseline_rate": "35.2", "m1a_baseline_numerator": 352,
        "m1a_baseline_denominator": 1000, "m1a_baseline_start": "01/2023",
        "m1a_baseline_end": "12/2023", "m1a_target": "30", "m1a_direction": "lower",
    }),
}

WORK_PLAN = {
    "product_types": ["hmo", "ppo"], "data_sources": ["claims", "census", "regional"],
    "census_type": "ZIP Code", "description": "We coach network hospitals through the CMQCC "
    "Maternal Data Center and pay for maternity care with a blended case rate.",
    "goal_1": "Engage network hospitals to reduce NTSV C-section rates to 23.9% or less.",
    "goal_2": "Pay hospitals and physicians a blended case rate for labor and delivery.",
    "incentives": ["bonus_payment", "in_kind"],
    "in_kind_description": "CMQCC coaching hours paid for by the plan.",
    "rationale": "Our enrollees deliver at 40 hospitals; 12 are above 23.9%.",
    "activities": "Quarterly data reviews; coaching referrals; contract terms.",
    "activities_incentives": "Bonus payments reward hospitals that reach 23.9%.",
    "attachment_j_goal1": True, "attachment_j_goal2": True,
    "m1a_supports": "It is the Goal 1 rate itself.", "m1a_baseline_rate": "26.1",
    "m1a_baseline_numerator": 261, "m1a_baseline_denominator": 1000,
    "m1a_baseline_start": "01/2023", "m1a_baseline_end": "12/2023",
    "m2a_name": "Hospitals paid a blended case rate", "m2a_supports": "Counts Goal 2 contracts.",
    "m2a_baseline_data_point": "4", "m2a_baseline_start": "01/2023",
    "m2a_baseline_end": "12/2023", "m2a_target": "20",
    "start_date": "2025-01-01", "milestone_1": "All hospitals enrolled in the CMQCC MDC.",
    "milestone_1_date": "2025-06-30", "barriers": "Hospital data staff turnover.",
    "mitigation": "Plan-funded CMQCC data abstraction support.",
}


# Granite's Progress Report, filed and judged Interim Meets: its Correction Report is what
# Granite's next plan year answers in 17c.
GRANITE_REPORT = {
    "reviewed_plan": True, "submission_type": "progress_report",
    "company_legal_name": "Granite State Mutual Holding Company", "primary_title": "QIS Lead",
    "primary_phone": "603-555-0100", "secondary_first_name": "Sam",
    "secondary_last_name": "Second", "secondary_title": "Quality Analyst",
    "secondary_phone": "603-555-0101", "secondary_email": "sam@granite.demo",
    "exchange_start_date": "2014-01-01", "payment_models": ["ffs_no_link", "ffs_linked"],
    "payment_ffs_no_link": "60", "payment_ffs_linked": "40",
    "m1a_progress_rate": "33.1", "m1a_progress_numerator": 331,
    "m1a_progress_denominator": 1000, "m1a_progress_start": "01/2024",
    "m1a_progress_end": "12/2024", "m1a_target_achieved": "no",
    "progress_summary": "Poor control fell from 35.2% to 33.1% after pharmacist outreach.",
    "barriers": "no", "timeline_problems": "no",
}
GRANITE_FINDINGS = [
    {"element": "17a", "note": "Name the outreach activities and how many enrollees they "
                               "reached."},
    {"element": "18a", "note": "Pharmacist turnover is a barrier; describe its mitigation."},
]


def _granite_interim_meets(window, user, plan) -> None:
    if Submission.objects.filter(issuer=user.organization, window=window).exists():
        return
    reviewer = User.objects.filter(email="qis.reviewer@cms.demo").first()
    if reviewer is None or not window.is_open(timezone.localdate()):
        return
    report = submission_create(actor=user, form_type=FormType.PROGRESS_REPORT, window=window,
                               implementation_plan=plan)
    report = submission_save_draft(submission=report, actor=user, data=GRANITE_REPORT,
                                   expected_version=report.version)
    report = submission_submit(submission=report, actor=user)
    report = submission_start_review(submission=report, actor=reviewer)
    submission_determine(submission=report, actor=reviewer, outcome="interim_meets",
                         findings=GRANITE_FINDINGS,
                         correction_report="Describe the activities behind the 33.1% rate and "
                                           "the mitigation of pharmacist turnover.")


def seed() -> None:
    today = timezone.localdate()
    # The seed's own form (2025 Plan Year, OMB 0938-1286) is open beside next year's.
    seed_form_window, _ = SubmissionWindow.objects.get_or_create(
        plan_year=SEED_FORM_YEAR,
        defaults={"opens_on": today - timedelta(days=30), "due_date": today + timedelta(days=60),
                  "form_version": "2025 Plan Year Draft QIS Progress Report Form"})
    window, _ = SubmissionWindow.objects.get_or_create(
        plan_year=today.year + 1,
        defaults={"opens_on": today - timedelta(days=30), "due_date": today + timedelta(days=60),
                  "form_version": f"{today.year + 1} Plan Year QIS Progress Report Form"})
    plans = {}
    for org_name, (email, title, data) in PLANS.items():
        issuer = Organization.objects.get(name=org_name)
        user = User.objects.get(email=email)
        plan = ImplementationPlan.objects.filter(issuer=issuer, qis_title=title).first()
        if plan is None:
            plan = implementation_plan_file(actor=user, qis_title=title,
                                            plan_year=SEED_FORM_YEAR - 1, data=data)
        if plan.status == ImplementationPlan.Status.FILED:  # CMS accepts it: version 1
            plan = implementation_plan_accept(
                actor=SystemActor("submissions.decide_implementationplan"), plan=plan,
                note="Demo baseline accepted.")
        plans[org_name] = (user, plan)
    # Judged on the seed's own 2025 form; Granite's 2026 report would answer it in 17c.
    _granite_interim_meets(seed_form_window, *plans[ISSUERS[1][0]])
    user, plan = plans[ISSUERS[0][0]]
    if not plan.supplements.exists():  # continuing with modifications: awaiting CMS
        supplement_file(actor=user, plan=plan, qis_title=plan.qis_title,
                        data={**plan.data, "m1a_target": "22.5"},
                        reasons={"m1a_target": "Eleven network hospitals already reached 23.9 "
                                               "%; the plan now aims lower."},
                        effective_year=window.plan_year)
    if not Submission.objects.filter(issuer=user.organization, window=window,
                                     form_type=FormType.PROGRESS_REPORT).exists():
        submission_create(actor=user, form_type=FormType.PROGRESS_REPORT, window=window,
                          implementation_plan=plan, data={"submission_type": "progress_report"})
    if not Submission.objects.filter(issuer=user.organization, window=window,
                                     form_type=FormType.WORK_PLAN).exists():
        draft = submission_create(actor=user, form_type=FormType.WORK_PLAN, window=window)
        draft = submission_save_draft(submission=draft, actor=user, data=WORK_PLAN,
                                      expected_version=draft.version)
        if window.is_open(today):
            submission_submit(submission=draft, actor=user)
