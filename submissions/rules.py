"""Who may do what with QIS submissions (DOMAIN.md §2.3: issuers see only their own issuer's
forms; CMS QIS reviewers evaluate submitted forms; CMS read-only users read them; the REST
client of an issuer pulls that issuer's forms and statuses).

Every predicate accepts obj=None for the model-level check (may the user open the list at all).
"""

import rules

from qis_portal.models import Role
from qis_portal.predicates import (
    has_role,
    is_api_client,
    is_cms_read_only,
    is_issuer_user,
    is_qis_reviewer,
)

DRAFT = "draft"
WORK_PLAN = "work_plan"
# Seed 002: "Covered California will also keep each QIS Work Plan on file"; its reviewers judge
# the Work Plans, CMS reviewers read them and judge the Progress Reports.
is_covered_ca_reviewer = has_role(Role.COVERED_CA_REVIEWER)


@rules.predicate
def is_work_plan(user, obj) -> bool:
    return obj is None or obj.form_type == WORK_PLAN


@rules.predicate
def is_progress_report(user, obj) -> bool:
    return obj is None or obj.form_type != WORK_PLAN


@rules.predicate
def is_own_issuer(user, obj) -> bool:
    """Model level: yes (the list is scoped by the selector); object level: same issuer."""
    if obj is None:
        return True
    return bool(user.organization_id) and obj.issuer_id == user.organization_id


@rules.predicate
def is_draft(user, obj) -> bool:
    return obj is None or obj.status == DRAFT


@rules.predicate
def is_filed(user, obj) -> bool:
    """Submitted or later: what CMS may see (never a draft)."""
    return obj is None or obj.status != DRAFT


is_cms_reader = is_qis_reviewer | is_cms_read_only

# The REST client "pulls submissions and statuses" (DOMAIN §1): its own issuer's forms, read
# only, exactly as the issuer's users see them.
rules.add_perm("submissions.view_submission",
               ((is_issuer_user | is_api_client) & is_own_issuer) | (is_cms_reader & is_filed)
               | (is_covered_ca_reviewer & is_work_plan & is_filed))
rules.add_perm("submissions.add_submission", is_issuer_user)
# The issuer's own users work on its forms; only drafts can change.
rules.add_perm("submissions.work_on_submission", is_issuer_user & is_own_issuer)
rules.add_perm("submissions.change_submission", is_issuer_user & is_own_issuer & is_draft)
# Submitting a form that is no longer a draft is a workflow conflict (409), not a refusal.
rules.add_perm("submissions.submit_submission", is_issuer_user & is_own_issuer)
# Who judges a form: CMS the Progress Report, Covered California the Work Plan (seed 002).
is_form_reviewer = ((is_qis_reviewer & is_progress_report)
                    | (is_covered_ca_reviewer & is_work_plan))
rules.add_perm("submissions.review_submission", is_form_reviewer)
rules.add_perm("submissions.determine_submission", is_form_reviewer)
rules.add_perm("submissions.export_submission", is_cms_reader)
rules.add_perm("submissions.see_home_panel",
               is_issuer_user | is_qis_reviewer | is_covered_ca_reviewer)

rules.add_perm("submissions.view_implementationplan",
               (is_issuer_user & is_own_issuer) | is_cms_reader)
rules.add_perm("submissions.add_implementationplan", is_issuer_user)
# The plan on file is CMS's to accept (issue 16): the issuer corrects only a returned baseline,
# and changes an accepted one only through a Modification Summary Supplement CMS accepts.
rules.add_perm("submissions.decide_implementationplan", is_qis_reviewer)
rules.add_perm("submissions.refile_implementationplan", is_issuer_user & is_own_issuer)
rules.add_perm("submissions.add_modificationsupplement", is_issuer_user & is_own_issuer)
rules.add_perm("submissions.view_modificationsupplement",
               (is_issuer_user & is_own_issuer) | is_cms_reader)
rules.add_perm("submissions.decide_modificationsupplement", is_qis_reviewer)
rules.add_perm("submissions.view_submissionwindow",
               is_issuer_user | is_api_client | is_cms_reader | is_covered_ca_reviewer)
# CMS opens each plan year's submission window (form version, OMB number, due date).
rules.add_perm("submissions.add_submissionwindow", is_qis_reviewer)
