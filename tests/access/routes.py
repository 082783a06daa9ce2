"""THE table: who may open every page and call every API endpoint (issue #8, item 1).

One `Check` per route (and per HTTP method of an API endpoint; a route may have more checks,
e.g. an object of another tenant): how to build its URL from the seeded world, which method
and body to send, and the personas allowed. Everyone else must be refused: 403, or 404 for an
object of another tenant, or a redirect to sign-in (pages) / 401-403 (API) when anonymous.

Who is allowed follows DOMAIN.md §1 and each app's rules.py. A route missing from this table
fails `test_every_route_is_in_the_table`: add it here when you add it to a urls.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access.world import ORG_VIDEO, PERSONAS, World

# ---- personas, grouped --------------------------------------------------------------------
# The Django superuser holds every portal permission except the restricted ones (survey
# responses; qis_portal.models.accounts.User.has_perm), so it is not a row of this table:
# test_restricted_data.py checks what it must not read.
MATRIX_PERSONAS = tuple(p for p in PERSONAS if p != "superuser")
ALL = frozenset(MATRIX_PERSONAS)
SIGNED = ALL - {"anon"}
COR_RO = frozenset({"cor", "readonly"})
CMS = frozenset({"qis_reviewer", "intake", "fqs_reviewer", "cor", "readonly", "so", "so_west",
                 "helpdesk"})
CMS_WRITERS = CMS - {"readonly"}
QIO_NE = frozenset({"associate", "manager", "support"})
QIO = QIO_NE | {"associate_west", "associate_aian"}
# QIO associates and managers of a QIO with a task order (Northeast, West) or without (AIAN).
AUTHORS_ANY_QIO = frozenset({"associate", "manager", "associate_west", "associate_aian"})
AUTHORS_NE = frozenset({"associate", "manager"})
ISSUERS = frozenset({"issuer", "issuer_granite"})
QIS_READERS = frozenset({"qis_reviewer", "readonly"})
MODERATORS = frozenset({"deladmin", "nlc"})
CONNECT = QIO | CMS | MODERATORS | {"surs"}
# QPP: contractor staff (every QIN-QIO is on record as a QPP contractor; the AIAN QIO is not).
QPP_STAFF = frozenset({"associate", "manager", "support", "associate_west", "surs"})
QPP_STAFF_NE = frozenset({"associate", "manager", "support", "surs"})
QPP_CMS = frozenset({"helpdesk", "readonly"})

# The only pages open without signing in (issue #8): sign-in, every password-reset step, the
# health check, the API's token exchange (the API's sign-in), and the one-time link page,
# whose token is its credential (qis_portal.onetime_links).
PUBLIC_ROUTES = frozenset({"login", "password_reset", "password_reset_done",
                           "password_reset_confirm", "password_reset_complete", "health",
                           "api-token-obtain", "onetime_link"})

Kwargs = Callable[[World], dict]
Body = Callable[[World], dict] | None


def _none(world: World) -> dict:  # a route without URL arguments
    return {}


@dataclass(frozen=True)
class Check:
    route: str
    method: str
    allowed: frozenset
    kwargs: Kwargs = _none
    body: Body = None
    variant: str = ""
    query: Callable[[World], str] | None = None
    # The body names an object (a create): a refusal may also be 400 or 404 when that object
    # is another tenant's (it is not found).
    names_object_in_body: bool = False
    # Logging out ends at the sign-in page by design.
    login_redirect_ok: bool = False

    @property
    def id(self) -> str:
        return f"{self.route}|{self.method}{'|' + self.variant if self.variant else ''}"


def get(route, allowed, kwargs=_none, **extra) -> Check:
    return Check(route, "GET", frozenset(allowed), kwargs, **extra)


def post(route, allowed, kwargs=_none, body=None, **extra) -> Check:
    return Check(route, "POST", frozenset(allowed), kwargs, body, **extra)


def patch(route, allowed, kwargs=_none, body=None, **extra) -> Check:
    return Check(route, "PATCH", frozenset(allowed), kwargs, body, **extra)


def put(route, allowed, kwargs=_none, body=None, **extra) -> Check:
    return Check(route, "PUT", frozenset(allowed), kwargs, body, **extra)


def delete(route, allowed, kwargs=_none, **extra) -> Check:
    return Check(route, "DELETE", frozenset(allowed), kwargs, **extra)


def pk(attr: str, name: str = "pk") -> Kwargs:
    return lambda w: {name: getattr(w, attr).pk}


def txt(name: str = "notes.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"Plain notes.\n", content_type="text/plain")


def _reason(w):
    return {"reason": "Not now.", "note": "Noted.", "comments": "Please revise."}


# ---- the portal core --------------------------------------------------------------------
CORE = [
    get("home", SIGNED),
    # Every signed-in user may search; what it finds is each list's own scope
    # (tests/access/test_search_scope.py).
    get("search", SIGNED, query=lambda w: "q=Maple"),
    get("health", ALL),
    get("login", ALL),
    post("logout", SIGNED, login_redirect_ok=True),
    get("password_reset", ALL),
    get("password_reset_done", ALL),
    get("password_reset_confirm", ALL, lambda w: w.reset_link),
    get("password_reset_complete", ALL),
    # A link past its 7 days: everyone, signed in or not, gets the refusal page (410).
    get("onetime_link", ALL, lambda w: {"token": w.expired_link_token}, variant="expired"),
    # A good link opens its page for whoever holds it, signed in or not: the token is the key.
    get("onetime_link", ALL, lambda w: {"token": w.psa_link_token}, variant="psa"),
    get("password_change", SIGNED),
    get("password_change_done", SIGNED),
    get("mfa_setup", SIGNED),
    get("mfa_verify", SIGNED),
    get("recovery_codes", SIGNED),
    post("session_ping", SIGNED),
    get("account", SIGNED),
    get("training", SIGNED),
    post("token_revoke", {"associate"}, pk("ann_token", "token_id")),
    get("assignment_queue", {"so", "so_west"}),
    post("assignment_decide", {"so"}, pk("pending_assignment", "assignment_id"),
         lambda w: {"decision": "approve", "note": "ok"}),
    get("notification_list", SIGNED),
    post("notification_read", SIGNED),
    get("notification_settings", SIGNED),
    get("api-schema", SIGNED),
    get("api-docs", SIGNED),
    get("api-me", SIGNED),
    post("api-token-obtain", ALL, body=lambda w: {}),
    get("api-token-list", SIGNED),
    post("api-token-revoke", {"associate"}, pk("ann_token")),
    get("api-notification-list", SIGNED),
    post("api-notification-read", {"associate"}, pk("ann_notification")),
    get("api-role-assignment-list", {"so", "so_west"}),
    get("api-role-assignment-detail", {"so"}, pk("pending_assignment")),
    post("api-role-assignment-approve", {"so"}, pk("pending_assignment"), lambda w: {}),
    post("api-role-assignment-reject", {"so"}, pk("pending_assignment"), lambda w: {}),
]

# ---- QIS submissions (DOMAIN §2.3: issuers see their own issuer's forms; CMS reviewers read
# filed forms, never drafts) ---------------------------------------------------------------
# The REST client of Sunrise pulls Sunrise's forms and statuses (DOMAIN §1), not its plans.
PLAN_READERS = ISSUERS | QIS_READERS
PLAN_FILED_READERS = frozenset({"issuer"}) | QIS_READERS
# Covered California reviews the Work Plans (seed 002; the filed form of the world is one) and
# sees no Progress Report, no draft, no plan.
SUBMISSION_READERS = PLAN_READERS | {"api", "covered_ca"}
FILED_READERS = PLAN_FILED_READERS | {"api", "covered_ca"}
WORK_PLAN_REVIEWERS = frozenset({"covered_ca"})
OWN_DRAFT_READERS = frozenset({"issuer", "api"})


def _first_part(w):
    from submissions.elements import get_spec

    return {"pk": w.draft_submission.pk,
            "part": get_spec(w.draft_submission.form_type).parts[0].slug}


SUBMISSIONS = [
    get("submissions:list", SUBMISSION_READERS),
    get("submissions:start", ISSUERS),
    get("submissions:export_csv", QIS_READERS),
    get("submissions:export_json", QIS_READERS),
    get("submissions:detail", FILED_READERS, pk("filed_submission")),
    get("submissions:detail", OWN_DRAFT_READERS, pk("draft_submission"), variant="draft"),
    get("submissions:part", {"issuer"}, _first_part),
    get("submissions:submit", {"issuer"}, pk("draft_submission")),
    post("submissions:start_review", WORK_PLAN_REVIEWERS, pk("filed_submission")),
    get("submissions:determine", WORK_PLAN_REVIEWERS, pk("filed_submission")),
    get("submissions:print", FILED_READERS, pk("filed_submission")),
    get("submissions:pdf", FILED_READERS, pk("filed_submission")),
    get("submissions:json", FILED_READERS, pk("filed_submission")),
    get("submissions:plan_list", PLAN_READERS),
    get("submissions:plan_new", ISSUERS),
    get("submissions:plan_detail", PLAN_FILED_READERS, pk("sunrise_plan")),
    get("submissions:plan_edit", {"issuer"}, pk("sunrise_plan")),
    get("api-qis-plan-list", PLAN_READERS),
    get("api-qis-plan-detail", PLAN_FILED_READERS, pk("sunrise_plan")),
    get("api-qis-window-list", SUBMISSION_READERS),
    get("api-qis-submission-list", SUBMISSION_READERS),
    get("api-qis-submission-export", SUBMISSION_READERS),
    post("api-qis-submission-list", ISSUERS,
         body=lambda w: {"form_type": "progress_report", "plan_year": w.window.plan_year}),
    get("api-qis-submission-detail", FILED_READERS, pk("filed_submission")),
    get("api-qis-submission-detail", OWN_DRAFT_READERS, pk("draft_submission"),
        variant="draft"),
    patch("api-qis-submission-detail", {"issuer"}, pk("draft_submission"),
          lambda w: {"version": w.draft_submission.version, "data": {}}),
    # A filed form no longer changes: its issuer gets 409, everyone else a refusal.
    patch("api-qis-submission-detail", {"issuer"}, pk("filed_submission"),
          lambda w: {"version": w.filed_submission.version, "data": {}}, variant="filed"),
    post("api-qis-submission-determine", WORK_PLAN_REVIEWERS, pk("filed_submission"),
         lambda w: {"outcome": "meets", "summary": "Fine."}),
    post("api-qis-submission-start-review", WORK_PLAN_REVIEWERS, pk("filed_submission")),
    post("api-qis-submission-submit", {"issuer"}, pk("draft_submission"), lambda w: {}),
]
# Issue 16: plan years CMS opens (every QIS reader sees them; only a QIS reviewer opens one).
SUBMISSIONS += [
    get("submissions:window_list", SUBMISSION_READERS),
    post("submissions:window_list", {"qis_reviewer"}, body=lambda w: {}, variant="open"),
    # The plan on file under CMS control: CMS decides, the issuer files supplements.
    post("submissions:plan_decide", {"qis_reviewer"}, pk("sunrise_plan"),
         lambda w: {"decision": "accept"}),
    get("submissions:supplement_new", {"issuer"}, pk("sunrise_plan")),
    get("submissions:supplement_detail", PLAN_FILED_READERS, pk("sunrise_supplement")),
    post("submissions:supplement_decide", {"qis_reviewer"}, pk("sunrise_supplement"),
         lambda w: {"decision": "return", "note": "Access check."}),
    # Granite's Interim Meets: its Correction Report, for Granite and CMS (a Progress Report,
    # so not Covered California; another issuer gets 404).
    get("submissions:correction_report", {"issuer_granite"} | QIS_READERS,
        pk("granite_interim")),
]

# ---- QIN-QIO program: directory, SPL, work basket, interactions, outcomes -----------------
DIRECTORY = CMS | QIO | {"provider"}
MAPLE_READERS = CMS | QIO_NE | {"provider"}  # a Northeast provider, linked to Pia's org
NE_MONITORS = CMS | QIO_NE


def _maple(w):
    return {"pk": w.maple.pk}


QIO_PROGRAM = [
    get("qio_program:provider_list", DIRECTORY),
    get("qio_program:provider_export", CMS | QIO),
    post("qio_program:provider_bulk", QIO,
         body=lambda w: {"action": "ahqt", "provider": [w.maple.pk]}),
    get("qio_program:provider_bulk_undo", QIO),
    get("qio_program:provider_create", QIO),
    get("qio_program:provider_detail", MAPLE_READERS, _maple),
    get("qio_program:provider_edit", QIO_NE, _maple),
    get("qio_program:contact_create", QIO_NE, _maple),
    get("qio_program:contact_edit", QIO_NE,
        lambda w: {"pk": w.maple.pk, "contact_pk": w.maple_contact.pk}),
    post("qio_program:contact_delete", QIO_NE,
         lambda w: {"pk": w.maple.pk, "contact_pk": w.maple_contact.pk}),
    get("qio_program:provider_interactions", NE_MONITORS, _maple),
    get("qio_program:provider_outcomes", MAPLE_READERS, _maple),
    get("qio_program:measure_history", MAPLE_READERS,
        lambda w: {"pk": w.maple.pk, "measure_pk": w.nh_fall.pk}),
    get("qio_program:my_outcomes", {"provider"}),
    get("qio_program:outcome_progress", CMS),
    post("qio_program:outcome_validate", QIO_NE | {"cor"}, pk("maple_outcome")),
    post("qio_program:outcome_query", QIO_NE | {"cor"}, pk("maple_outcome"),
         lambda w: {"question": "Check the denominator."}),
    get("qio_program:spl_list", CMS | QIO),
    get("qio_program:spl_upload", {"cor"}),
    get("qio_program:spl_upload_detail", {"cor"}, pk("spl_upload")),
    get("qio_program:spl_upload_progress", {"cor"}, pk("spl_upload")),
    get("qio_program:spl_upload_errors_csv", {"cor"}, pk("spl_upload")),
    get("qio_program:spl_version_detail", NE_MONITORS, pk("spl_version")),
    get("qio_program:spl_version_export", NE_MONITORS, pk("spl_version")),
    get("qio_program:my_tasks", QIO),
    get("qio_program:qio_tasks", QIO),
    get("qio_program:queue_tasks", QIO, lambda w: {"queue": "support_team"}),
    get("qio_program:task_create", QIO),
    get("qio_program:task_detail", QIO_NE, pk("ann_task")),
    post("qio_program:task_comment", QIO_NE, pk("ann_task"), lambda w: {"body": "On it."}),
    post("qio_program:task_assign", {"manager"}, pk("ann_task"),
         lambda w: {"assigned_user": w.user("associate").pk}),
    post("qio_program:task_complete", AUTHORS_NE, pk("ann_task")),
    post("qio_program:task_reopen", AUTHORS_NE, pk("ann_task")),
    get("qio_program:workgroup_list", {"manager"}),
    get("qio_program:workgroup_create", {"manager"}),
    get("qio_program:workgroup_edit", {"manager"}, pk("workgroup", "group_pk")),
    get("qio_program:interaction_list", CMS | QIO),
    get("qio_program:interaction_create", QIO, query=lambda w: f"provider={w.maple.pk}"),
    get("qio_program:interaction_detail", NE_MONITORS, pk("maple_interaction")),
    get("qio_program:attachment_download", NE_MONITORS,
        lambda w: {"pk": w.maple_interaction.pk, "attachment_pk": w.interaction_file.pk}),
    get("qio_program:intervention_report", QIO_NE, pk("maple_interaction")),
    get("qio_program:dashboard", CMS | QIO),
    get("qio-provider-list", DIRECTORY),
    get("qio-provider-export", DIRECTORY),
    post("qio-provider-list", QIO, body=lambda w: {"name": "Access Test Clinic",
                                                  "setting": "outpatient", "state": "ME"}),
    get("qio-provider-detail", MAPLE_READERS, _maple),
    patch("qio-provider-detail", QIO_NE, _maple, lambda w: {"city": "Portland"}),
    get("qio-spl-version-list", CMS | QIO),
    post("qio-spl-version-upload", {"cor"}, body=lambda w: {}),
    get("qio-spl-version-detail", NE_MONITORS, pk("spl_version")),
    get("qio-spl-version-entries", NE_MONITORS, pk("spl_version")),
    get("qio-spl-upload-detail", {"cor"}, pk("spl_upload")),
    get("qio-task-list", QIO),
    get("qio-task-export", QIO),
    post("qio-task-list", QIO, body=lambda w: {"subject": "Call the provider"}),
    get("qio-task-detail", QIO_NE, pk("ann_task")),
    post("qio-task-assign", {"manager"}, pk("ann_task"),
         lambda w: {"assigned_user": w.user("associate").pk}),
    post("qio-task-comment", QIO_NE, pk("ann_task"), lambda w: {"body": "On it."}),
    post("qio-task-complete", AUTHORS_NE, pk("ann_task"), lambda w: {}),
    get("qio-interaction-list", CMS | QIO),
    post("qio-interaction-list", QIO_NE, body=lambda w: {"provider": w.maple.pk},
         names_object_in_body=True),
    post("qio-interaction-bulk", QIO_NE, body=lambda w: {"providers": [w.maple.pk]},
         names_object_in_body=True),
    get("qio-interaction-detail", NE_MONITORS, pk("maple_interaction")),
    post("qio-interaction-attachments", QIO_NE, pk("maple_interaction"), lambda w: {}),
    get("qio-intervention-report-list", CMS | QIO),
    post("qio-intervention-report-list", QIO_NE,
         body=lambda w: {"interaction": w.maple_interaction.pk}, names_object_in_body=True),
    get("qio-intervention-report-detail", NE_MONITORS, pk("intervention_report")),
    get("qio-outcome-list", DIRECTORY),
    post("qio-outcome-list", QIO_NE | {"provider"},
         body=lambda w: {"provider": w.maple.pk, "measure": w.nh_fall.pk},
         names_object_in_body=True),
    get("qio-outcome-detail", MAPLE_READERS, pk("maple_outcome")),
    post("qio-outcome-validate", QIO_NE | {"cor"}, pk("maple_outcome"), lambda w: {}),
    post("qio-outcome-query", QIO_NE | {"cor"}, pk("maple_outcome"),
         lambda w: {"question": "Check the denominator."}),
    get("qio-outcome-measure-list", DIRECTORY),
]

# ---- QIN-QIO lifecycle (task orders, A3C, PES, PSA, PA, QAP, reports) ---------------------
LC_ALL = COR_RO | QIO  # lists: the COR, CMS read-only, every QIO (selectors scope them)
LC_NE = COR_RO | QIO_NE  # a Northeast object
LC_SIGNERS = LC_NE | {"provider"}  # PES and PSA: the provider reads and signs its own


def _lc(kind: str, attr: str):
    return lambda w: {"kind": kind, "pk": getattr(w, attr).pk}


def _act(kind: str, attr: str, action: str):
    return lambda w: {"kind": kind, "pk": getattr(w, attr).pk, "action": action}


LIFECYCLE = [
    get("lifecycle:index", LC_ALL | {"provider"}),
    get("lifecycle:agreements", {"provider"}),
    get("lifecycle:taskorder_list", LC_ALL),
    get("lifecycle:taskorder_create", {"cor"}),
    get("lifecycle:taskorder_detail", LC_NE, pk("task_order")),
    get("lifecycle:psatarget_set", {"cor"}, pk("task_order")),
    get("lifecycle:taskorder_end", {"cor"}, pk("task_order")),
    get("lifecycle:taskorder_cors", {"cor"}, pk("task_order")),
    get("lifecycle:handoff", LC_NE, pk("task_order")),
    get("lifecycle:handoff_incoming", QIO),
    get("lifecycle:template_detail", LC_NE, pk("task_order")),
    get("lifecycle:a3c_list", LC_ALL),
    get("lifecycle:a3c_create", AUTHORS_ANY_QIO),
    get("lifecycle:a3c_detail", LC_NE, pk("a3c")),
    get("lifecycle:a3c_edit", AUTHORS_NE, pk("a3c")),
    get("lifecycle:pes_list", LC_ALL | {"provider"}),
    get("lifecycle:pes_create", AUTHORS_ANY_QIO),
    get("lifecycle:pes_detail", LC_SIGNERS, pk("pes")),
    get("lifecycle:pes_edit", AUTHORS_NE, pk("pes")),
    get("lifecycle:psa_list", LC_ALL | {"provider"}),
    get("lifecycle:psa_create", AUTHORS_ANY_QIO),
    get("lifecycle:psa_detail", LC_SIGNERS, pk("psa")),
    get("lifecycle:psa_edit", AUTHORS_NE, pk("psa")),
    get("lifecycle:pa_list", LC_ALL),
    get("lifecycle:pa_create", AUTHORS_ANY_QIO),
    get("lifecycle:pa_detail", LC_NE, pk("assessment")),
    get("lifecycle:pa_edit", AUTHORS_NE, pk("assessment")),
    get("lifecycle:qap_list", LC_ALL),
    get("lifecycle:qap_create", AUTHORS_ANY_QIO),
    get("lifecycle:qap_detail", LC_NE, pk("qap")),
    get("lifecycle:qap_edit", AUTHORS_NE, pk("qap")),
    get("lifecycle:qap_initiative_add", AUTHORS_NE, pk("qap")),
    get("lifecycle:qap_intervention_add", AUTHORS_NE, pk("qap_initiative")),
    get("lifecycle:qap_activity_add", AUTHORS_NE, pk("qap_intervention")),
    get("lifecycle:qap_training_add", AUTHORS_NE, pk("qap")),
    post("lifecycle:qap_item_remove", AUTHORS_NE,
         lambda w: {"level": "activity", "pk": w.qap_activity.pk}),
    get("lifecycle:report_list", LC_ALL),
    get("lifecycle:report_edit", AUTHORS_NE, pk("deliverable", "deliverable_pk")),
    get("lifecycle:report_detail", LC_NE, pk("report")),
    post("lifecycle:act", {"cor"}, _act("a3c", "a3c", "approve"), _reason, variant="a3c"),
    post("lifecycle:act", {"provider"}, _act("pes", "pes", "sign"), variant="pes"),
    post("lifecycle:act", AUTHORS_NE | {"provider"}, _act("psa", "psa", "terminate"),
         _reason, variant="psa"),
    post("lifecycle:act", {"cor"}, _act("pa", "assessment", "approve"), _reason,
         variant="pa"),
    post("lifecycle:act", AUTHORS_NE, _act("qap", "qap", "submit"), variant="qap"),
    post("lifecycle:act", AUTHORS_NE, _act("report", "report", "submit"), variant="report"),
    post("lifecycle:act", {"cor"}, _act("template", "template", "return"), _reason,
         variant="template"),
    # A signing link for a provider contact without an account (the seeded PSA is active, so
    # the QIO's request is answered with the reason, not refused).
    post("lifecycle:signature_link_send", AUTHORS_NE,
         lambda w: {"kind": "psa", "pk": w.psa.pk}, lambda w: {"contact": w.maple_contact.pk}),
    get("lifecycle:paper_signature", AUTHORS_NE, lambda w: {"kind": "psa", "pk": w.psa.pk}),
    get("lifecycle-approvals", {"cor"}),
    get("lifecycle-task-order-list", LC_ALL),
    post("lifecycle-task-order-list", {"cor"}, body=lambda w: {}),
    get("lifecycle-task-order-detail", LC_NE, pk("task_order")),
    post("lifecycle-task-order-end", {"cor"}, pk("task_order"), lambda w: {}),
    post("lifecycle-task-order-psa-target", {"cor"}, pk("task_order"), lambda w: {"target": 12}),
    post("lifecycle-task-order-cors", {"cor"}, pk("task_order"),
         lambda w: {"cor": w.user("cor").pk}),
    get("lifecycle-deliverable-list", LC_ALL),
    get("lifecycle-deliverable-detail", LC_NE, pk("deliverable")),
    get("lifecycle-a3c-list", LC_ALL),
    post("lifecycle-a3c-list", AUTHORS_ANY_QIO, body=lambda w: {"state": "NH"}),
    get("lifecycle-a3c-detail", LC_NE, pk("a3c")),
    patch("lifecycle-a3c-detail", AUTHORS_NE, pk("a3c"), lambda w: {}),
    post("lifecycle-a3c-approve", {"cor"}, pk("a3c"), lambda w: {}),
    post("lifecycle-a3c-new-version", AUTHORS_NE, pk("a3c"), lambda w: {}),
    post("lifecycle-a3c-return", {"cor"}, pk("a3c"), lambda w: {"comments": "Revise."}),
    post("lifecycle-a3c-submit", AUTHORS_NE, pk("a3c"), lambda w: {}),
    get("lifecycle-pes-list", LC_ALL | {"provider"}),
    post("lifecycle-pes-list", AUTHORS_ANY_QIO, body=lambda w: {"provider": w.maple.pk},
         names_object_in_body=True),
    get("lifecycle-pes-detail", LC_SIGNERS, pk("pes")),
    patch("lifecycle-pes-detail", AUTHORS_NE, pk("pes"), lambda w: {}),
    post("lifecycle-pes-present", AUTHORS_NE, pk("pes"), lambda w: {}),
    post("lifecycle-pes-reevaluate", AUTHORS_NE, pk("pes"), lambda w: {}),
    post("lifecycle-pes-request-changes", {"provider"}, pk("pes"),
         lambda w: {"provider_input": "More visits."}),
    post("lifecycle-pes-sign", {"provider"}, pk("pes"), lambda w: {}),
    get("lifecycle-psa-list", LC_ALL | {"provider"}),
    post("lifecycle-psa-list", AUTHORS_ANY_QIO, body=lambda w: {"provider": w.maple.pk},
         names_object_in_body=True),
    get("lifecycle-psa-detail", LC_SIGNERS, pk("psa")),
    patch("lifecycle-psa-detail", AUTHORS_NE, pk("psa"), lambda w: {}),
    post("lifecycle-psa-decline", {"provider"}, pk("psa"), lambda w: {"comments": "No."}),
    post("lifecycle-psa-send", AUTHORS_NE, pk("psa"), lambda w: {}),
    post("lifecycle-psa-sign", {"provider"}, pk("psa"), lambda w: {}),
    post("lifecycle-psa-terminate", AUTHORS_NE | {"provider"}, pk("psa"),
         lambda w: {"reason": "Closing."}),
    get("lifecycle-provider-assessment-list", LC_ALL),
    post("lifecycle-provider-assessment-list", AUTHORS_ANY_QIO,
         body=lambda w: {"provider": w.maple.pk}, names_object_in_body=True),
    get("lifecycle-provider-assessment-detail", LC_NE, pk("assessment")),
    patch("lifecycle-provider-assessment-detail", AUTHORS_NE, pk("assessment"), lambda w: {}),
    post("lifecycle-provider-assessment-approve", {"cor"}, pk("assessment"), lambda w: {}),
    post("lifecycle-provider-assessment-return", {"cor"}, pk("assessment"),
         lambda w: {"comments": "Revise."}),
    post("lifecycle-provider-assessment-submit", AUTHORS_NE, pk("assessment"), lambda w: {}),
    get("lifecycle-qap-list", LC_ALL),
    post("lifecycle-qap-list", AUTHORS_ANY_QIO, body=lambda w: {"provider": w.maple.pk},
         names_object_in_body=True),
    get("lifecycle-qap-detail", LC_NE, pk("qap")),
    patch("lifecycle-qap-detail", AUTHORS_NE, pk("qap"), lambda w: {}),
    post("lifecycle-qap-approve", {"cor"}, pk("qap"), lambda w: {}),
    post("lifecycle-qap-items", AUTHORS_NE, pk("qap"), lambda w: {}),
    post("lifecycle-qap-new-version", AUTHORS_NE, pk("qap"), lambda w: {}),
    post("lifecycle-qap-return", {"cor"}, pk("qap"), lambda w: {"comments": "Revise."}),
    post("lifecycle-qap-submit", AUTHORS_NE, pk("qap"), lambda w: {}),
    get("lifecycle-report-list", LC_ALL),
    post("lifecycle-report-list", AUTHORS_ANY_QIO,
         body=lambda w: {"deliverable": w.deliverable.pk}, names_object_in_body=True),
    get("lifecycle-report-detail", LC_NE, pk("report")),
    patch("lifecycle-report-detail", AUTHORS_NE, pk("report"), lambda w: {"content": {}}),
    post("lifecycle-report-approve", {"cor"}, pk("report"), lambda w: {}),
    post("lifecycle-report-return", {"cor"}, pk("report"), lambda w: {"comments": "Revise."}),
    post("lifecycle-report-submit", AUTHORS_NE, pk("report"), lambda w: {}),
    get("lifecycle-dashboard-template-list", LC_ALL),
    post("lifecycle-dashboard-template-list", AUTHORS_ANY_QIO, body=lambda w: {}),
    get("lifecycle-dashboard-template-detail", LC_NE, pk("template")),
    patch("lifecycle-dashboard-template-detail", AUTHORS_NE, pk("template"),
          lambda w: {"layout": "Two columns."}),
    post("lifecycle-dashboard-template-approve", {"cor"}, pk("template"), lambda w: {}),
    post("lifecycle-dashboard-template-return", {"cor"}, pk("template"),
         lambda w: {"comments": "Revise."}),
    post("lifecycle-dashboard-template-submit", AUTHORS_NE, pk("template"), lambda w: {}),
    get("lifecycle-handoff-note-list", LC_ALL),
    post("lifecycle-handoff-note-list", AUTHORS_ANY_QIO,
         body=lambda w: {"task_order": w.task_order.pk, "topic": "other", "body": "Note."},
         names_object_in_body=True),
    get("lifecycle-handoff-note-detail", LC_NE, pk("handoff_note")),
]

# ---- Focused QIO Service -----------------------------------------------------------------
REQUEST_READERS = CMS | {"issuer"}  # the request awaiting intake was filed by Alice (Sunrise)
REFERRAL_READERS = CMS | QIO_NE


def _certification(w):
    return {"source": "CMS Provider of Services file", "verified_on": "2026-01-07",
            "document": txt("certification.txt")}


def _provider_row(w):
    return {"provider": w.maple.pk, "baseline_metric": "Cases", "baseline_value": "3"}


FQS = [
    get("fqs:dashboard", SIGNED),
    get("fqs:request_list", SIGNED),
    get("fqs:request_create", SIGNED),
    get("fqs:request_detail", REQUEST_READERS, pk("fqs_request_new")),
    get("fqs:request_edit", {"intake"}, pk("fqs_request_new")),
    post("fqs:request_note", {"intake"}, pk("fqs_request_new"), lambda w: {"body": "Called."}),
    post("fqs:request_attach", {"intake", "issuer"}, pk("fqs_request_new"),
         lambda w: {"file": txt()}),
    get("fqs:attachment_download", REQUEST_READERS,
        lambda w: {"pk": w.fqs_request_new.pk, "attachment_id": w.fqs_attachment.pk}),
    post("fqs:request_verify_medicare", {"intake"}, pk("fqs_request_new"), _certification),
    get("fqs:medicare_document", REFERRAL_READERS, pk("medicare_verification")),
    post("fqs:request_approve", {"intake"}, pk("fqs_request_new"), lambda w: {"note": "ok"}),
    post("fqs:request_reject", {"intake"}, pk("fqs_request_new"), _reason),
    get("fqs:activation_list", CMS),
    get("fqs:activation_detail", CMS, pk("activation_pending")),
    get("fqs:activation_edit", {"fqs_reviewer"}, pk("activation_pending")),
    post("fqs:activation_provider_add", {"fqs_reviewer"}, pk("activation_pending"),
         _provider_row),
    post("fqs:activation_provider_remove", {"fqs_reviewer"},
         lambda w: {"pk": w.activation_pending.pk, "row_id": w.activation_row.pk}),
    post("fqs:activation_submit", {"fqs_reviewer"}, pk("activation_pending")),
    post("fqs:activation_approve", {"cor"}, pk("activation_pending")),
    post("fqs:activation_reject", {"cor"}, pk("activation_pending"), _reason),
    get("fqs:referral_list", CMS | QIO),
    get("fqs:referral_detail", REFERRAL_READERS, pk("referral")),
    post("fqs:referral_assign", {"manager", "support"}, pk("referral"),
         lambda w: {"assignee": w.user("associate").pk}),
    post("fqs:referral_launch", {"associate"}, pk("referral")),
    post("fqs:referral_initiation", {"associate"}, pk("referral"),
         lambda w: {"provider_engaged_on": "2026-01-05", "root_causes": "Staffing."}),
    post("fqs:referral_qap", {"associate"}, pk("referral"),
         lambda w: {"planned_interventions": "Audits.", "qap_agreed_on": "2026-01-06"}),
    post("fqs:referral_intervention", {"associate"}, pk("referral"),
         lambda w: {"performed_on": "2026-01-07", "description": "Audit."}),
    post("fqs:referral_outcome", {"associate"}, pk("referral"),
         lambda w: {"measured_on": "2026-01-07", "value": "70"}),
    post("fqs:referral_resume", AUTHORS_NE | {"cor"}, pk("referral")),
    get("fqs:referral_provider_create", QIO_NE, pk("referral")),
    get("fqs:sprint_request_new", AUTHORS_NE, pk("referral")),
    post("fqs:referral_verify_medicare", QIO_NE, pk("referral"), _certification),
    post("fqs:sprint_request_approve", {"cor"}, pk("sprint_request"), lambda w: {"note": "ok"}),
    post("fqs:sprint_request_reject", {"cor"}, pk("sprint_request"), _reason),
    post("fqs:sprint_request_withdraw", {"associate"}, pk("sprint_request")),
    get("fqs:handoff_list", CMS | QIO),
    get("fqs:handoff_detail", REFERRAL_READERS, pk("support_handoff")),
    post("fqs:handoff_accept", {"manager", "support"}, pk("support_handoff"),
         lambda w: {"note": "ok"}),
    post("fqs:handoff_decline", {"manager", "support"}, pk("support_handoff"), _reason),
    get("fqs:survey_answer", {"provider"}, lambda w: {"token": w.survey_waiting.token}),
    get("fqs:survey_response_list", COR_RO),
    get("fqs:survey_response_detail", COR_RO, pk("survey_response")),
    get("fqs-request-list", SIGNED),
    post("fqs-request-list", SIGNED, body=lambda w: {}),
    get("fqs-request-detail", REQUEST_READERS, pk("fqs_request_new")),
    patch("fqs-request-detail", {"intake"}, pk("fqs_request_new"),
          lambda w: {"aims": "Patient safety"}),
    post("fqs-request-approve", {"intake"}, pk("fqs_request_new"), lambda w: {}),
    post("fqs-request-files", {"intake", "issuer"}, pk("fqs_request_new"),
         lambda w: {"file": txt()}),
    post("fqs-request-notes", {"intake"}, pk("fqs_request_new"), lambda w: {"body": "Called."}),
    post("fqs-request-medicare", {"intake"}, pk("fqs_request_new"), _certification),
    post("fqs-request-reject", {"intake"}, pk("fqs_request_new"), lambda w: {"reason": "No."}),
    get("fqs-activation-list", CMS),
    get("fqs-activation-detail", CMS, pk("activation_pending")),
    patch("fqs-activation-detail", {"fqs_reviewer"}, pk("activation_pending"),
          lambda w: {"focus_area": "Infection control"}),
    post("fqs-activation-approve", {"cor"}, pk("activation_pending"), lambda w: {}),
    post("fqs-activation-providers", {"fqs_reviewer"}, pk("activation_pending"), _provider_row),
    post("fqs-activation-reject", {"cor"}, pk("activation_pending"), lambda w: {"reason": "No."}),
    post("fqs-activation-submit", {"fqs_reviewer"}, pk("activation_pending"), lambda w: {}),
    get("fqs-referral-list", CMS | QIO),
    get("fqs-referral-export", CMS | QIO),
    get("fqs-referral-detail", REFERRAL_READERS, pk("referral")),
    post("fqs-referral-agree-qap", {"associate"}, pk("referral"), lambda w: {}),
    post("fqs-referral-assign", {"manager", "support"}, pk("referral"),
         lambda w: {"assignee": w.user("associate").pk}),
    post("fqs-referral-complete-initiation", {"associate"}, pk("referral"), lambda w: {}),
    post("fqs-referral-create-provider", QIO_NE, pk("referral"),
         lambda w: {"name": "New Facility", "setting": "nursing_home", "ccn": "335599",
                    "state": "ME"}),
    post("fqs-referral-initiation", {"associate"}, pk("referral"),
         lambda w: {"root_causes": "Staffing."}),
    post("fqs-referral-interventions", {"associate"}, pk("referral"),
         lambda w: {"performed_on": "2026-01-07", "description": "Audit."}),
    post("fqs-referral-launch", {"associate"}, pk("referral"), lambda w: {}),
    post("fqs-referral-medicare", QIO_NE, pk("referral"), _certification),
    post("fqs-referral-outcomes", {"associate"}, pk("referral"),
         lambda w: {"measured_on": "2026-01-07", "value": "70"}),
    post("fqs-referral-qap", {"associate"}, pk("referral"),
         lambda w: {"planned_interventions": "Audits."}),
    post("fqs-referral-resume", AUTHORS_NE | {"cor"}, pk("referral"), lambda w: {}),
    get("fqs-sprint-request-list", CMS | QIO),
    post("fqs-sprint-request-list", AUTHORS_NE,
         body=lambda w: {"referral": w.referral.pk, "kind": "hold", "justification": "Wait."},
         names_object_in_body=True),
    get("fqs-sprint-request-detail", REFERRAL_READERS, pk("sprint_request")),
    post("fqs-sprint-request-approve", {"cor"}, pk("sprint_request"), lambda w: {}),
    post("fqs-sprint-request-reject", {"cor"}, pk("sprint_request"), lambda w: {"reason": "No."}),
    post("fqs-sprint-request-withdraw", {"associate"}, pk("sprint_request"), lambda w: {}),
    get("fqs-handoff-list", CMS | QIO),
    get("fqs-handoff-detail", REFERRAL_READERS, pk("support_handoff")),
    post("fqs-handoff-accept", {"manager", "support"}, pk("support_handoff"), lambda w: {}),
    post("fqs-handoff-decline", {"manager", "support"}, pk("support_handoff"),
         lambda w: {"reason": "No capacity."}),
    get("fqs-survey-response-list", COR_RO),
    get("fqs-survey-response-detail", COR_RO, pk("survey_response")),
]

# ---- MIPS APM quality scoring (the REST client sees its own organization's entities) ------
SCORING_READERS = CMS | {"api"}
SCORING_PUSH = CMS_WRITERS | {"api"}

SCORING = [
    get("scoring:entity_list", SCORING_READERS),
    get("scoring:entity_create", CMS_WRITERS),
    get("scoring:entity_detail", SCORING_READERS, pk("ocm")),
    get("scoring:entity_detail", CMS, pk("cpc"), variant="other-org"),
    get("scoring:entity_edit", CMS_WRITERS, pk("ocm")),
    get("scoring:entity_result", SCORING_READERS, pk("ocm")),
    get("scoring:entity_result", CMS, pk("cpc"), variant="other-org"),
    get("scoring:participants_edit", CMS_WRITERS, pk("ocm")),
    post("scoring:participants_add", CMS_WRITERS, pk("ocm"),
         lambda w: {"add-tin": "123456789", "add-npis": "1999999999"}),
    post("scoring:participant_remove", CMS_WRITERS, pk("ocm"),
         lambda w: {"remove-participant": w.ocm_participant.pk}),
    get("scoring:submission_create", CMS_WRITERS, pk("ocm")),
    get("scoring:submission_edit", CMS_WRITERS,
        lambda w: {"pk": w.ocm.pk, "submission_pk": w.ocm_submission.pk}),
    post("scoring:submission_delete", CMS_WRITERS,
         lambda w: {"pk": w.ocm.pk, "submission_pk": w.ocm_submission.pk}),
    get("scoring:measure_list", SCORING_READERS),
    get("scoring:measure_detail", SCORING_READERS, lambda w: {"measure_id": "047"}),
    get("scoring:upload", CMS_WRITERS),
    get("scoring:format_upload", CMS_WRITERS),
    get("scoring:upload_report", CMS_WRITERS, pk("data_upload")),
    get("scoring:upload_errors_csv", CMS_WRITERS, pk("data_upload")),
    get("scoring:upload_template_csv", CMS_WRITERS, lambda w: {"kind": "participants"}),
    get("scoring:run_list", CMS),
    post("scoring:run_start", CMS_WRITERS, body=lambda w: {"performance_year": 2020}),
    get("scoring:run_detail", CMS, pk("scoring_run")),
    get("scoring:run_progress", CMS, pk("scoring_run")),
    get("scoring:score_list", SCORING_READERS),
    get("scoring:score_export", SCORING_READERS),
    get("scoring:score_detail", SCORING_READERS, pk("ocm_score")),
    get("scoring:score_detail", CMS, pk("cpc_score"), variant="other-org"),
    post("api-scoring-evaluate", SCORING_READERS, body=lambda w: {}),
    post("api-scoring-entity-file", SCORING_PUSH,
         lambda w: {"pk": w.ocm.pk, "file_format": "qpp_json"}, body=lambda w: {}),
    get("scoring-measure-list", SCORING_READERS),
    get("scoring-measure-detail", SCORING_READERS, lambda w: {"measure_id": "047"}),
    get("scoring-entity-list", SCORING_READERS),
    post("scoring-entity-list", SCORING_PUSH, body=lambda w: {}),
    get("scoring-entity-detail", SCORING_READERS, pk("ocm")),
    get("scoring-entity-detail", CMS, pk("cpc"), variant="other-org"),
    put("scoring-entity-detail", SCORING_PUSH, pk("ocm"), lambda w: {}),
    patch("scoring-entity-detail", SCORING_PUSH, pk("ocm"), lambda w: {"name": "Renamed"}),
    patch("scoring-entity-detail", CMS_WRITERS, pk("cpc"), lambda w: {"name": "Renamed"},
          variant="other-org"),
    get("scoring-entity-score", SCORING_READERS, pk("ocm")),
    get("scoring-participant-list", SCORING_READERS),
    post("scoring-participant-list", SCORING_PUSH,
         body=lambda w: {"entity": w.ocm.pk, "tin": "123456789", "npi": "1999999999"}),
    get("scoring-participant-detail", SCORING_READERS, pk("ocm_participant")),
    get("scoring-participant-detail", CMS, pk("cpc_participant"), variant="other-org"),
    delete("scoring-participant-detail", SCORING_PUSH, pk("ocm_participant")),
    get("scoring-submission-list", SCORING_READERS),
    post("scoring-submission-list", SCORING_PUSH, body=lambda w: {"entity": w.ocm.pk}),
    get("scoring-submission-detail", SCORING_READERS, pk("ocm_submission")),
    get("scoring-submission-detail", CMS, pk("cpc_submission"), variant="other-org"),
    put("scoring-submission-detail", SCORING_PUSH, pk("ocm_submission"), lambda w: {}),
    patch("scoring-submission-detail", SCORING_PUSH, pk("ocm_submission"),
          lambda w: {"numerator": 120}),
    delete("scoring-submission-detail", SCORING_PUSH, pk("ocm_submission")),
    get("scoring-run-list", CMS),
    post("scoring-run-list", CMS_WRITERS, body=lambda w: {"performance_year": 2020}),
    get("scoring-run-detail", CMS, pk("scoring_run")),
    get("scoring-score-list", SCORING_READERS),
    get("scoring-score-detail", SCORING_READERS, pk("ocm_score")),
    get("scoring-score-detail", CMS, pk("cpc_score"), variant="other-org"),
]

# ---- QPP technical assistance --------------------------------------------------------------
QPP_ACCESS = QPP_CMS | QPP_STAFF | {"provider"}
ROUTED_NE = "210000002"  # Pia's inquiry, routed to the Northeast QIN-QIO, open
INQ_NE_READERS = QPP_CMS | {"provider", "associate", "manager", "support"}
INQ_NE_WORKERS = {"helpdesk", "associate", "manager", "support"}


def _inq(tin: str):
    return lambda w: {"pk": w.inquiry(tin).pk}


def _other_contractor(w):
    from qpp_assist.models import Contractor

    return Contractor.objects.get(contractor_type__code="qpp_surs").pk


QPP = [
    get("qpp_assist:inquiry_list", QPP_ACCESS),
    get("qpp_assist:contractor_types", SIGNED),
    get("qpp_assist:dashboard", QPP_CMS | QPP_STAFF),
    get("qpp_assist:inquiry_create", {"provider", "helpdesk"}),
    get("qpp_assist:inquiry_detail", INQ_NE_READERS, _inq(ROUTED_NE)),
    get("qpp_assist:inquiry_detail", QPP_CMS | {"surs", "associate", "manager", "support"},
        _inq("210000003"), variant="handed-off"),
    post("qpp_assist:inquiry_respond", INQ_NE_WORKERS, _inq(ROUTED_NE),
         lambda w: {"response": "Here is how."}),
    post("qpp_assist:inquiry_hand_off", {"associate", "manager", "support"}, _inq(ROUTED_NE),
         lambda w: {"handoff-to_contractor": _other_contractor(w),
                    "handoff-note": "Small practice."}),
    post("qpp_assist:inquiry_override", INQ_NE_WORKERS, _inq(ROUTED_NE),
         lambda w: {"override-to_contractor": _other_contractor(w),
                    "override-reason": "Small practice."}),
    get("qpp_assist:practice_list", QPP_CMS | QPP_STAFF),
    get("qpp_assist:practice_create", QPP_STAFF),
    get("qpp_assist:practice_detail", QPP_CMS | QPP_STAFF_NE,
        lambda w: {"pk": w.practice("210000006").pk}),
    get("api-qpp-inquiry-list", QPP_ACCESS),
    post("api-qpp-inquiry-list", {"provider", "helpdesk"}, body=lambda w: {}),
    get("api-qpp-inquiry-detail", INQ_NE_READERS, _inq(ROUTED_NE)),
    post("api-qpp-inquiry-respond", INQ_NE_WORKERS, _inq(ROUTED_NE),
         lambda w: {"response": "Here is how."}),
    post("api-qpp-inquiry-route-override", INQ_NE_WORKERS, _inq(ROUTED_NE),
         lambda w: {"to_contractor": _other_contractor(w), "reason": "Small practice."}),
    get("api-qpp-handoff-list", QPP_ACCESS),
    post("api-qpp-handoff-list", {"associate", "manager", "support"},
         body=lambda w: {"inquiry": w.inquiry(ROUTED_NE).pk,
                         "to_contractor": _other_contractor(w), "note": "Small practice."},
         names_object_in_body=True),
    get("api-qpp-handoff-detail", QPP_CMS | {"surs", "associate", "manager", "support"},
        pk("handoff")),
    get("api-qpp-contractor-list", SIGNED),
    get("api-qpp-contractor-detail", SIGNED, pk("contractor")),
]

# ---- QIO Connect ---------------------------------------------------------------------------
FALLS = "Reducing falls in nursing homes: a 90-day sprint"  # Ann's published article
FAQ = "QIO Connect: frequently asked questions"  # published by the Delegated Administrator
CANDIDATE = "Sepsis early-warning huddles in rural hospitals"  # Wes's draft
PUBLIC_GROUP = "Nursing Home Quality Collaborative"  # NLC staff; Ann co-facilitates
THREAD = "What has worked for you"  # Ann's thread in the public group
COMMUNITY_POST = "Team: the A3C updates"  # Ann's post in the Northeast community
CHANNEL_POST = "Please send the monthly status"  # the COR's post in the COR-Northeast channel
WEBINAR = "Educational webinar: infection control refresher"  # public, approved (NLC admin)
HUDDLE = "Northeast team huddle"  # on the Northeast community's private calendar
OFFICE_HOURS = "Collaborative office hours"  # Ann's, pending, public group calendar
ITEM_OWNERS = MODERATORS | {"associate"}
# The Northeast community: the QIO's own users, and the NLC and the Delegated Administrator,
# who run every community (qio_connect/selectors/scope.py) but not the private channels.
NE_TEAM = QIO_NE | MODERATORS
CHANNEL_READERS = {"cor"} | QIO_NE


def _item(title: str):
    return lambda w: {"pk": w.library_item(title).pk}


def _group(**lookup):
    return lambda w: {"pk": w.group(**lookup).pk}


def _post(body: str):
    return lambda w: {"pk": w.post(body).pk}


def _event(title: str):
    return lambda w: {"pk": w.event(title).pk}


CONNECT_ROUTES = [
    get("qio_connect:home", CONNECT),
    get("qio_connect:library", CONNECT),
    get("qio_connect:item_create", CONNECT),
    get("qio_connect:my_items", CONNECT),
    get("qio_connect:review_queue", MODERATORS),
    get("qio_connect:item_detail", CONNECT, _item(FALLS)),
    get("qio_connect:item_detail", MODERATORS | {"associate_west"}, _item(CANDIDATE),
        variant="draft"),
    get("qio_connect:item_detail", MODERATORS | QIO_NE, _item(ORG_VIDEO), variant="org-only"),
    get("qio_connect:item_edit", ITEM_OWNERS, _item(FALLS)),
    get("qio_connect:item_delete", ITEM_OWNERS, _item(FALLS)),
    post("qio_connect:item_approve", MODERATORS, _item(CANDIDATE), lambda w: {"note": "ok"}),
    post("qio_connect:item_reject", MODERATORS, _item(CANDIDATE), _reason),
    post("qio_connect:item_resubmit", {"associate"}, _item(FALLS)),
    post("qio_connect:item_react", CONNECT, _item(FALLS), lambda w: {"kind": "like"}),
    get("qio_connect:item_download", MODERATORS | QIO_NE, _item(ORG_VIDEO)),
    get("qio_connect:item_captions", MODERATORS | QIO_NE, _item(ORG_VIDEO)),
    get("qio_connect:item_engagement", ITEM_OWNERS, _item(FALLS)),
    post("qio_connect:change_request_create", CONNECT, _item(FAQ),
         lambda w: {"body": "Add a question."}),
    post("qio_connect:change_request_accept", MODERATORS, pk("change_request"),
         lambda w: {"note": "ok"}),
    post("qio_connect:change_request_decline", MODERATORS, pk("change_request"), _reason),
    get("qio_connect:group_list", CONNECT),
    get("qio_connect:group_create", CONNECT),
    get("qio_connect:channel_create", {"cor", "deladmin"}),
    get("qio_connect:group_detail", CONNECT, _group(name=PUBLIC_GROUP)),
    get("qio_connect:group_detail", NE_TEAM, _group(kind="community",
                                                    organization__name="Northeast QIN-QIO"),
        variant="community"),
    get("qio_connect:group_detail", CHANNEL_READERS, _group(kind="channel"), variant="channel"),
    get("qio_connect:group_edit", MODERATORS | {"associate"}, _group(name=PUBLIC_GROUP)),
    post("qio_connect:group_join", CONNECT, _group(name=PUBLIC_GROUP)),
    post("qio_connect:group_leave", CONNECT, _group(name=PUBLIC_GROUP)),
    post("qio_connect:member_add", MODERATORS | {"associate"}, _group(name=PUBLIC_GROUP),
         lambda w: {"email": PERSONAS["associate_west"]}),
    post("qio_connect:member_remove", MODERATORS | {"associate"},
         lambda w: {"pk": w.group(name=PUBLIC_GROUP).pk, "user_id": w.user("nlc").pk}),
    post("qio_connect:post_create", CONNECT, _group(name=PUBLIC_GROUP),
         lambda w: {"body": "Hello all."}),
    get("qio_connect:post_detail", CONNECT, _post(THREAD)),
    get("qio_connect:post_detail", NE_TEAM, _post(COMMUNITY_POST), variant="community"),
    get("qio_connect:post_detail", CHANNEL_READERS, _post(CHANNEL_POST), variant="channel"),
    post("qio_connect:post_reply", CONNECT, _post(THREAD), lambda w: {"body": "Agreed."}),
    post("qio_connect:post_react", CONNECT, _post(THREAD), lambda w: {"kind": "like"}),
    get("qio_connect:post_edit", {"associate"}, _post(THREAD)),
    post("qio_connect:post_delete", {"associate", "nlc", "deladmin"}, _post(THREAD)),
    get("qio_connect:post_readers", MODERATORS, _post(THREAD)),
    get("qio_connect:calendar", CONNECT),
    get("qio_connect:event_list", CONNECT),
    get("qio_connect:event_create", CONNECT),
    get("qio_connect:event_review", CONNECT),
    get("qio_connect:event_detail", CONNECT, _event(WEBINAR)),
    get("qio_connect:event_detail", NE_TEAM, _event(HUDDLE), variant="community"),
    get("qio_connect:event_edit", MODERATORS, _event(WEBINAR)),
    post("qio_connect:event_approve", MODERATORS | {"associate"}, _event(OFFICE_HOURS),
         lambda w: {"note": "ok"}),
    post("qio_connect:event_reject", MODERATORS | {"associate"}, _event(OFFICE_HOURS), _reason),
    post("qio_connect:event_cancel", MODERATORS, _event(WEBINAR), _reason),
    post("qio_connect:event_toggle", CONNECT, _event(WEBINAR), lambda w: {"kind": "subscribe"}),
    post("qio_connect:event_feedback", CONNECT, _event(WEBINAR),
         lambda w: {"rating": 5, "comment": "Good."}),
    get("qio_connect:event_ics", CONNECT, _event(WEBINAR)),
    get("qio_connect:announcement_list", CONNECT),
    get("qio_connect:announcement_create", {"cor", "deladmin"}),
    get("qio_connect:announcement_detail", CONNECT, pk("announcement")),
    get("qio_connect:reports", MODERATORS),
    get("qio_connect:report_csv", MODERATORS, lambda w: {"report": "pages"}),
    get("connect-library-item-list", CONNECT),
    post("connect-library-item-list", CONNECT,
         body=lambda w: {"kind": "article", "title": "Access test", "body": "Text."}),
    get("connect-library-item-detail", CONNECT, _item(FALLS)),
    get("connect-library-item-detail", MODERATORS | QIO_NE, _item(ORG_VIDEO),
        variant="org-only"),
    patch("connect-library-item-detail", ITEM_OWNERS, _item(FALLS), lambda w: {"summary": "S"}),
    delete("connect-library-item-detail", ITEM_OWNERS, _item(FALLS)),
    post("connect-library-item-approve", MODERATORS, _item(CANDIDATE), lambda w: {}),
    post("connect-library-item-change-requests", CONNECT, _item(FAQ),
         lambda w: {"body": "Add a question."}),
    post("connect-library-item-react", CONNECT, _item(FALLS), lambda w: {"kind": "like"}),
    post("connect-library-item-reject", MODERATORS, _item(CANDIDATE), lambda w: {"reason": "No"}),
    post("connect-library-item-resubmit", {"associate"}, _item(FALLS), lambda w: {}),
    get("connect-group-list", CONNECT),
    post("connect-group-list", CONNECT, body=lambda w: {"name": "Access test group"}),
    get("connect-group-detail", CONNECT, _group(name=PUBLIC_GROUP)),
    get("connect-group-detail", NE_TEAM, _group(kind="community",
                                                organization__name="Northeast QIN-QIO"),
        variant="community"),
    patch("connect-group-detail", MODERATORS | {"associate"}, _group(name=PUBLIC_GROUP),
          lambda w: {"description": "Peer learning."}),
    post("connect-group-join", CONNECT, _group(name=PUBLIC_GROUP), lambda w: {}),
    post("connect-group-leave", CONNECT, _group(name=PUBLIC_GROUP), lambda w: {}),
    get("connect-post-list", CONNECT),
    post("connect-post-list", CONNECT,
         body=lambda w: {"group": w.group(name=PUBLIC_GROUP).pk, "body": "Hello."}),
    get("connect-post-detail", CONNECT, _post(THREAD)),
    get("connect-post-detail", NE_TEAM, _post(COMMUNITY_POST), variant="community"),
    get("connect-post-detail", CHANNEL_READERS, _post(CHANNEL_POST), variant="channel"),
    patch("connect-post-detail", {"associate"}, _post(THREAD), lambda w: {"body": "Edited."}),
    delete("connect-post-detail", {"associate", "nlc", "deladmin"}, _post(THREAD)),
    post("connect-post-react", CONNECT, _post(THREAD), lambda w: {"kind": "like"}),
    get("connect-event-list", CONNECT),
    post("connect-event-list", CONNECT, body=lambda w: {"title": "Access test event"}),
    get("connect-event-detail", CONNECT, _event(WEBINAR)),
    get("connect-event-detail", NE_TEAM, _event(HUDDLE), variant="community"),
    patch("connect-event-detail", MODERATORS, _event(WEBINAR), lambda w: {"location": "Room"}),
    post("connect-event-approve", MODERATORS | {"associate"}, _event(OFFICE_HOURS),
         lambda w: {}),
    post("connect-event-cancel", MODERATORS, _event(WEBINAR), lambda w: {}),
    post("connect-event-feedback", CONNECT, _event(WEBINAR), lambda w: {"rating": 5}),
    post("connect-event-reject", MODERATORS | {"associate"}, _event(OFFICE_HOURS),
         lambda w: {"reason": "No."}),
    post("connect-event-subscriptions", CONNECT, _event(WEBINAR), lambda w: {"kind": "subscribe"}),
]

CHECKS: list[Check] = [*CORE, *SUBMISSIONS, *QIO_PROGRAM, *LIFECYCLE, *FQS, *SCORING, *QPP,
                       *CONNECT_ROUTES]


# ---- the URL conf, walked ------------------------------------------------------------------
@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: Callable

    @property
    def methods(self) -> tuple[str, ...]:
        """The HTTP methods a DRF endpoint answers (empty for a plain Django view)."""
        actions = getattr(self.callback, "actions", None)
        if actions:
            return tuple(sorted(method.upper() for method in actions))
        cls = getattr(self.callback, "cls", None)
        if cls is not None and hasattr(cls, "permission_classes"):
            return tuple(m.upper() for m in ("get", "post", "put", "patch", "delete")
                         if hasattr(cls, m))
        return ()


def url_routes() -> list[Route]:
    """Every named route of the portal, except the Django admin's own pages and the DRF
    `.<format>` suffix twins."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = namespace
                if item.namespace:
                    ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
                walk(item.url_patterns, prefix + str(item.pattern), ns)
            elif isinstance(item, URLPattern):
                pattern = prefix + str(item.pattern)
                if pattern.startswith("admin/") or "(?P<format>" in pattern:
                    continue
                name = f"{namespace}:{item.name}" if namespace else item.name
                found.append(Route(name, pattern, item.callback))

    walk(get_resolver().url_patterns, "", "")
    return found
