"""The plan on file under CMS control, with history (issue 16, item 1): the issuer files its
baseline and CMS accepts it (version 1); after that only a Modification Summary Supplement
(old value, new value, reason per element) that CMS accepts changes it, every version kept; a
Progress Report is compared with the version in force for its plan year; element 1 "with
modifications" needs a supplement. Numbers from seed 000's measures and seed 002's 23.9 %."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict
from submissions import services
from submissions.models import (
    FormType,
    ImplementationPlan,
    ModificationSupplement,
    PlanVersion,
    SubmissionWindow,
)
from submissions.services import (
    implementation_plan_accept,
    implementation_plan_file,
    implementation_plan_refile,
    implementation_plan_return,
    submission_check,
    submission_create,
    submission_save_draft,
    supplement_accept,
    supplement_file,
    supplement_return,
)
from tests.submissions.conftest import PLAN_DATA, PROGRESS_ANSWERS

pytestmark = pytest.mark.django_db

TARGET_22_5 = {**PLAN_DATA, "m1a_target": "22.5"}
REASON = {"m1a_target": "Eleven hospitals already reached 23.9 %; we aim lower."}


def fresh_plan(plan) -> ImplementationPlan:
    return ImplementationPlan.objects.get(pk=plan.pk)


def fresh_supplement(supplement) -> ModificationSupplement:
    return ModificationSupplement.objects.get(pk=supplement.pk)


def test_cms_accepts_the_filed_baseline_as_version_1(issuer_alice, reviewer_quinn):
    plan = implementation_plan_file(actor=issuer_alice, qis_title="Reducing NTSV C-sections",
                                    plan_year=2024, data=PLAN_DATA)
    assert plan.status == "filed" and not plan.versions.exists()
    with pytest.raises(PermissionDenied):
        implementation_plan_accept(actor=issuer_alice, plan=plan)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.target_id) == ("implementationplan.accept", str(plan.pk))
    implementation_plan_accept(actor=reviewer_quinn, plan=plan, note="Baseline complete.")
    [version] = fresh_plan(plan).versions.all()
    assert (version.number, version.effective_year, version.data["m1a_baseline_rate"],
            version.accepted_by) == (1, 2024, "27.4", reviewer_quinn)
    assert fresh_plan(plan).status == "accepted"
    assert AuditEvent.objects.filter(action="implementationplan.accept",
                                     to_state="accepted").exists()


def test_a_returned_baseline_is_corrected_and_filed_again(issuer_alice, reviewer_quinn):
    plan = implementation_plan_file(actor=issuer_alice, qis_title="Reducing NTSV C-sections",
                                    plan_year=2024, data=PLAN_DATA)
    with pytest.raises(ValidationError, match="Say what the issuer must correct"):
        implementation_plan_return(actor=reviewer_quinn, plan=plan, note=" ")
    implementation_plan_return(actor=reviewer_quinn, plan=plan,
                               note="Give the CBE-ID of the NTSV measure.")
    refiled = implementation_plan_refile(actor=issuer_alice, plan=fresh_plan(plan),
                                         qis_title=plan.qis_title,
                                         data={**PLAN_DATA, "m1a_cbe_id": "0471"})
    assert fresh_plan(refiled).status == "filed"
    with pytest.raises(WorkflowConflict):  # filed again, not returned: nothing to correct
        implementation_plan_refile(actor=issuer_alice, plan=fresh_plan(plan),
                                   qis_title=plan.qis_title, data=PLAN_DATA)


def test_a_progress_report_reports_only_on_a_plan_cms_accepted(issuer_alice, window):
    plan = implementation_plan_file(actor=issuer_alice, qis_title="Not yet on file",
                                    plan_year=2024, data=PLAN_DATA)
    with pytest.raises(ValidationError, match="CMS accepts an Implementation Plan before"):
        submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                          window=window, implementation_plan=plan)


def test_the_issuer_can_no_longer_rewrite_the_plan_on_file(client, issuer_alice, plan):
    assert not hasattr(services, "implementation_plan_update")
    client.force_login(issuer_alice)
    response = client.get(reverse("submissions:plan_edit", args=[plan.pk]))
    assert response.status_code == 302
    assert response.url == reverse("submissions:supplement_new", args=[plan.pk])
    client.post(reverse("submissions:plan_edit", args=[plan.pk]),
                {**PLAN_DATA, "qis_title": "Rewritten"})
    assert fresh_plan(plan).qis_title == "Reducing NTSV C-sections"


def test_a_supplement_lists_each_element_old_new_and_reason(issuer_alice, plan):
    supplement = supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                                 data=TARGET_22_5, reasons=REASON, effective_year=2025)
    assert supplement.status == "submitted" and supplement.based_on == 1
    assert supplement.changes == [{
        "key": "m1a_target", "element": "16f Measure 1a performance target", "old": "23.9",
        "new": "22.5", "reason": REASON["m1a_target"]}]
    assert fresh_plan(plan).data["m1a_target"] == "23.9"  # unchanged until CMS accepts
    assert AuditEvent.objects.get(action="modificationsupplement.file").details["changed"] == [
        "m1a_target"]


def test_a_supplement_needs_a_change_a_reason_for_each_and_only_one_waits(
        issuer_alice, issuer_gina, plan):
    with pytest.raises(ValidationError) as no_reason:
        supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                        data=TARGET_22_5, reasons={}, effective_year=2025)
    assert no_reason.value.message_dict == {"reason_m1a_target": [
        "16f Measure 1a performance target: give the reason for this modification."]}
    with pytest.raises(ValidationError, match="Nothing is modified"):
        supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                        data=PLAN_DATA, reasons={}, effective_year=2025)
    with pytest.raises(PermissionDenied):
        supplement_file(actor=issuer_gina, plan=plan, qis_title=plan.qis_title,
                        data=TARGET_22_5, reasons=REASON, effective_year=2025)
    first = supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                            data=TARGET_22_5, reasons=REASON, effective_year=2025)
    with pytest.raises(WorkflowConflict, match=f"already awaiting CMS \\(#{first.pk}"):
        supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                        data={**PLAN_DATA, "m1a_target": "21"},
                        reasons={"m1a_target": "Lower still."}, effective_year=2025)


def test_cms_accepts_a_supplement_as_version_2_and_keeps_version_1(issuer_alice, plan,
                                                                    reviewer_quinn):
    supplement = supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                                 data=TARGET_22_5, reasons=REASON, effective_year=2025)
    with pytest.raises(PermissionDenied):
        supplement_accept(actor=issuer_alice, supplement=supplement)
    supplement_accept(actor=reviewer_quinn, supplement=supplement, note="Target justified.")
    versions = list(fresh_plan(plan).versions.order_by("number"))
    assert [(v.number, v.effective_year, v.data["m1a_target"]) for v in versions] == [
        (1, 2024, "23.9"), (2, 2025, "22.5")]
    assert versions[1].supplement_id == supplement.pk
    assert fresh_plan(plan).data["m1a_target"] == "22.5"
    assert fresh_supplement(supplement).status == "accepted"
    assert AuditEvent.objects.filter(action="modificationsupplement.accept",
                                     from_state="submitted", to_state="accepted").exists()
    with pytest.raises(WorkflowConflict):
        supplement_return(actor=reviewer_quinn, supplement=fresh_supplement(supplement),
                          note="Too late.")


def test_a_returned_supplement_leaves_the_plan_as_it_was(issuer_alice, plan, reviewer_quinn):
    supplement = supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                                 data=TARGET_22_5, reasons=REASON, effective_year=2025)
    supplement_return(actor=reviewer_quinn, supplement=supplement,
                      note="Show the hospitals' 2024 rates first.")
    assert fresh_supplement(supplement).status == "returned"
    assert [v.number for v in fresh_plan(plan).versions.all()] == [1]
    assert fresh_plan(plan).data["m1a_target"] == "23.9"


def test_a_progress_report_is_compared_with_the_version_in_force_for_its_year(
        issuer_alice, plan, reviewer_quinn, window):
    today = timezone.localdate()
    older = SubmissionWindow.objects.create(plan_year=2024, opens_on=today,
                                            due_date=today + timedelta(days=30))
    supplement = supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                                 data=TARGET_22_5, reasons=REASON, effective_year=2025)
    supplement_accept(actor=reviewer_quinn, supplement=supplement)
    report_2025 = submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                                    window=window, implementation_plan=plan)
    report_2024 = submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                                    window=older, implementation_plan=plan)
    assert report_2025.data["m1a_target"] == "22.5" and report_2025.compared_version.number == 2
    assert report_2024.data["m1a_target"] == "23.9" and report_2024.compared_version.number == 1
    # Restating version 1's 23.9 % in the 2025 report differs from version 2 on file.
    saved = submission_save_draft(submission=report_2025, actor=issuer_alice,
                                  expected_version=1, data={"m1a_target": "23.9"})
    [discrepancy] = submission_check(saved)["discrepancies"]
    assert (discrepancy.element, discrepancy.on_file, discrepancy.restated) == (
        "16f Measure 1a performance target", "22.5", "23.9")
    assert submission_check(saved)["context"].plan_version == 2


def test_with_modifications_needs_an_accepted_or_pending_supplement(make_progress_report,
                                                                    issuer_alice, plan):
    report = make_progress_report({**PROGRESS_ANSWERS,
                                   "submission_type": "progress_report_modified"})
    [message] = submission_check(report)["errors"]["submission_type"]
    assert message.startswith("1 Type of QIS Submission: continuing with modifications "
                              "requires a Modification Summary Supplement")
    supplement_file(actor=issuer_alice, plan=plan, qis_title=plan.qis_title,
                    data=TARGET_22_5, reasons=REASON, effective_year=2025)
    assert "submission_type" not in submission_check(report)["errors"]


def test_the_supplement_pages_file_and_decide(client, issuer_alice, reviewer_quinn, plan):
    client.force_login(issuer_alice)
    url = reverse("submissions:supplement_new", args=[plan.pk])
    post = {**{k: v for k, v in TARGET_22_5.items()}, "qis_title": plan.qis_title,
            "effective_year": "2025", "file": "1"}
    shown = client.post(url, post).content.decode()
    assert "Reason for modifying 16f Measure 1a performance target" in shown
    # Only the target is a modification: the counts restated as typed are not.
    assert shown.count("Reason for modifying") == 1
    assert not ModificationSupplement.objects.exists()
    response = client.post(url, {**post, "reason_m1a_target": REASON["m1a_target"]})
    supplement = ModificationSupplement.objects.get()
    assert response.status_code == 302 and response.url == supplement.get_absolute_url()
    client.force_login(reviewer_quinn)
    page = client.get(supplement.get_absolute_url()).content.decode()
    assert "Eleven hospitals already reached 23.9 %" in page and "Record the decision" in page
    client.post(reverse("submissions:supplement_decide", args=[supplement.pk]),
                {"decision": "accept"})
    assert fresh_supplement(supplement).status == "accepted"
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "Version 2" in detail and f"Modification Summary Supplement #{supplement.pk}" in detail


def test_the_data_migration_puts_existing_plans_on_file_as_version_1(issuer_alice):
    legacy = ImplementationPlan.objects.create(
        issuer=issuer_alice.organization, qis_title="Filed before versions", plan_year=2023,
        data=dict(PLAN_DATA), filed_by=issuer_alice)
    migration = import_module("submissions.migrations.0005_existing_plans_become_version_1")
    migration.plans_to_version_1(apps, None)
    [version] = PlanVersion.objects.filter(plan=legacy)
    assert (version.number, version.effective_year, version.data) == (1, 2023, PLAN_DATA)
    assert fresh_plan(legacy).status == "accepted"
