"""The sprint clock and close-out: holds, resume, extensions, early and automatic close-out,
and the COR's decisions on sprint requests (seed 001, Closeout Phase; arithmetic in
fqs/sprint.py)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from fqs import sprint
from fqs.models import CloseoutReason, Referral, SprintRequest, SprintRequestKind
from fqs.models.choices import EARLY_CLOSEOUT_REASONS, KEEPS_REFERRAL_OPEN
from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import WorkflowConflict, lock, locked_write, run_transition

from .common import SYSTEM, cors, users_with_role
from .surveys import survey_send

DECIDE = "fqs.decide_sprintrequest"


def _url(referral) -> str:
    return f"/fqs/referrals/{referral.pk}/"


def _qio_people(referral: Referral):
    return [referral.assigned_to, *users_with_role(Role.QIO_MANAGER, referral.organization)]


def referral_close(*, referral: Referral, actor, reason: str, permission: str, note: str = "",
                   request=None, check=None, refusal=None) -> Referral:
    """Close the referral, withdraw any open sprint requests and send the provider survey.
    `check(locked)` is the caller's own precondition (the sweep's: the sprint has ended),
    `refusal` its wording of an FSM refusal."""
    if reason not in CloseoutReason.values:
        raise ValidationError({"closeout_reason": "Unknown close-out reason."})

    def before(locked: Referral) -> None:
        if check is not None:
            check(locked)
        locked.closed_at = timezone.now()
        locked.closeout_reason = reason
        _record_closeout_values(locked)

    def after(locked: Referral) -> None:
        for pending in locked.sprint_requests.filter(status=SprintRequest.Status.PENDING):
            run_transition(obj=pending, transition="withdraw", actor=SYSTEM,
                           permission="fqs.auto_withdraw_sprintrequest",
                           note="The referral was closed out.")
        survey_send(referral=locked)
        notify_on_commit(recipients=[*_qio_people(locked), *cors(locked.organization_id)],
                         kind="fqs.referral",
                         title=f"FQS referral #{locked.pk} closed out",
                         body=CloseoutReason(reason).label, url=_url(locked))

    return run_transition(obj=referral, transition="close_out", actor=actor,
                          permission=permission, note=note or CloseoutReason(reason).label,
                          request=request, before=before, after=after, refusal=refusal)


def _record_closeout_values(locked: Referral) -> None:
    """The close-out metric with its baseline and the last value measured (seed 001:
    "Evaluation (close out) metrics"); no outcome measured leaves the final value empty."""
    row = locked.activation_provider
    last = locked.outcomes.order_by("-measured_on", "-id").first()
    locked.closeout_metric = row.baseline_metric
    locked.closeout_baseline_value = row.baseline_value
    locked.closeout_final_value = last.value if last else None
    locked.closeout_final_measured_on = last.measured_on if last else None


def undecided(referral: Referral):
    """The referral's extension and hold requests the COR has not decided yet."""
    return referral.sprint_requests.filter(kind__in=KEEPS_REFERRAL_OPEN,
                                           status=SprintRequest.Status.PENDING)


def referral_auto_close(*, referral: Referral) -> Referral:
    """The system closes a running referral whose end date has come (never a held one, nor
    one whose extension or hold the COR has still to decide)."""

    def sprint_ended(locked: Referral) -> None:
        if locked.status not in Referral.RUNNING:
            raise WorkflowConflict(f"The referral is {locked.get_status_display().lower()}.",
                                   current_state=locked.status)
        if locked.sprint_end is None or locked.sprint_end > sprint.today():
            raise WorkflowConflict("The sprint has not reached its end date.",
                                   current_state=locked.status)
        if undecided(locked).exists():
            raise WorkflowConflict("An extension or hold request awaits the COR's decision.",
                                   current_state=locked.status)

    return referral_close(referral=referral, actor=SYSTEM, reason=CloseoutReason.SPRINT_ENDED,
                          permission="fqs.auto_close_referral", check=sprint_ended,
                          refusal=_state_refusal)


def _state_refusal(locked: Referral) -> str:
    return f"The referral is {locked.get_status_display().lower()}."


def referral_resume(*, referral: Referral, actor, request=None) -> Referral:
    """End a hold: the end date moves by the days held (the clock stopped meanwhile)."""
    held = {}

    def before(locked: Referral) -> None:
        days = sprint.held_days(locked.hold_started_on or sprint.today(), sprint.today())
        held["days"] = days
        locked.sprint_end = locked.sprint_end + timedelta(days=days)
        locked.held_days_total += days
        locked.hold_started_on = None

    def after(locked: Referral) -> None:
        notify_on_commit(
            recipients=[*_qio_people(locked), *cors(locked.organization_id)], kind="fqs.referral",
            title=f"FQS referral #{locked.pk} resumed after {held['days']} day(s) on hold",
            body=f"The sprint now ends on {locked.sprint_end:%B %-d, %Y}.", url=_url(locked))

    return run_transition(obj=referral, transition="resume", actor=actor,
                          permission="fqs.resume_referral", request=request, before=before,
                          after=after)


def sprint_request_create(*, referral: Referral, actor, kind: str, justification: str,
                          closeout_reason: str = "", request=None) -> SprintRequest:
    """The QIO fills out the request form and submits it to the COR."""
    with locked_write(referral, actor=actor, permission="fqs.add_sprintrequest",
                      action="sprintrequest.create", request=request,
                      message="Only the referral's associate or a manager of its QIO files "
                              "sprint requests.") as locked:
        return _file(locked, actor, kind, justification, closeout_reason, request)


def _file(locked: Referral, actor, kind: str, justification: str, closeout_reason: str,
          request) -> SprintRequest:
    if kind not in SprintRequestKind.values:
        raise ValidationError({"kind": "Choose close-out, extension or hold."})
    allowed = Referral.RUNNING if kind == SprintRequestKind.HOLD else Referral.LAUNCHED
    if locked.status not in allowed:
        raise WorkflowConflict(
            f"A {SprintRequestKind(kind).label.lower()} request needs a launched"
            f"{', running' if kind == SprintRequestKind.HOLD else ''} referral; this one is "
            f"{locked.get_status_display().lower()}.", current_state=locked.status)
    if locked.sprint_requests.filter(kind=kind, status=SprintRequest.Status.PENDING).exists():
        raise WorkflowConflict(
            f"A {SprintRequestKind(kind).label.lower()} request is already awaiting the COR.",
            current_state=locked.status)
    justification = require_text(justification, "justification", "Explain the request.")
    if kind == SprintRequestKind.CLOSEOUT:
        if closeout_reason not in EARLY_CLOSEOUT_REASONS:
            raise ValidationError({"closeout_reason": "Choose the ground for early close-out."})
    else:
        closeout_reason = ""
    row = SprintRequest.objects.create(referral=locked, kind=kind, justification=justification,
                                       closeout_reason=closeout_reason, requested_by=actor)
    audit_record(action="sprintrequest.create", actor=actor, target=row, to_state=row.status,
                 request=request, details={"kind": kind, "referral": locked.pk})
    notify_on_commit(recipients=cors(locked.organization_id), kind="fqs.sprint_request",
                     title=f"{row.get_kind_display()} requested for FQS referral #{locked.pk}",
                     body=justification[:500], url=_url(locked))
    return row


def _tell_requester(verdict: str, body: str = ""):
    def after(locked: SprintRequest) -> None:
        referral = Referral.objects.get(pk=locked.referral_id)
        notify_on_commit(
            recipients=[locked.requested_by, referral.assigned_to], kind="fqs.sprint_request",
            title=f"{locked.get_kind_display()} for FQS referral #{referral.pk} {verdict}",
            body=body or locked.decision_reason, url=_url(referral))
    return after


def sprint_request_approve(*, sprint_request: SprintRequest, actor, note: str = "",
                           request=None) -> SprintRequest:
    """The COR approves; the effect lands on the referral in the same transaction."""
    referral_id = sprint_request.referral_id

    def before(locked: SprintRequest) -> None:
        referral = lock(Referral, referral_id)
        allowed = Referral.RUNNING if locked.kind == SprintRequestKind.HOLD else Referral.LAUNCHED
        if referral.status not in allowed:
            raise WorkflowConflict(
                f"The referral is {referral.get_status_display().lower()}; the "
                f"{locked.get_kind_display().lower()} cannot apply.",
                current_state=locked.status)
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = (note or "").strip()

    def after(locked: SprintRequest) -> None:
        referral = Referral.objects.get(pk=referral_id)
        if locked.kind == SprintRequestKind.EXTENSION:
            _extend(referral, actor, locked, request)
        elif locked.kind == SprintRequestKind.HOLD:
            _hold(referral, actor, locked, request)
        else:
            referral_close(referral=referral, actor=actor, reason=locked.closeout_reason,
                           permission=DECIDE, request=request,
                           note=f"Early close-out approved (request #{locked.pk})")
        _tell_requester("approved")(locked)

    return run_transition(obj=sprint_request, transition="approve", actor=actor,
                          permission=DECIDE, note=note, request=request, before=before,
                          after=after)


def _extend(referral: Referral, actor, sprint_request, request) -> None:
    locked = lock(Referral, referral.pk)
    before = locked.sprint_end
    locked.sprint_end = sprint.extended_end(locked.sprint_end)
    locked.extension_count += 1
    locked.save(update_fields=["sprint_end", "extension_count", "updated_at"])
    audit_record(action="referral.extend", actor=actor, target=locked, request=request,
                 note=f"Extension request #{sprint_request.pk}: +{sprint.EXTENSION_DAYS} days",
                 details={"from_end": before.isoformat(),
                          "to_end": locked.sprint_end.isoformat()})


def _hold(referral: Referral, actor, sprint_request, request) -> None:
    def before(locked: Referral) -> None:
        locked.hold_started_on = sprint.hold_start(sprint.today(), locked.sprint_end)
        locked.held_from_status = locked.status

    run_transition(obj=referral, transition="place_on_hold", actor=actor, permission=DECIDE,
                   request=request, before=before,
                   note=f"Hold request #{sprint_request.pk} approved")


def sprint_request_reject(*, sprint_request: SprintRequest, actor, reason: str, request=None
                          ) -> SprintRequest:
    reason = (reason or "").strip()

    def before(locked: SprintRequest) -> None:
        require_text(reason, "reason", "Give the reason for rejecting the request.")
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = reason

    def after(locked: SprintRequest) -> None:
        _tell_requester("rejected", reason)(locked)
        _close_if_ended(locked.referral_id)

    return run_transition(obj=sprint_request, transition="reject", actor=actor,
                          permission=DECIDE, note=reason, request=request, before=before,
                          after=after)


def _close_if_ended(referral_id: int) -> None:
    """A rejected (or withdrawn) extension or hold that kept a referral open past its end date:
    the close-out the sweep held back now follows the decision."""
    referral = Referral.objects.get(pk=referral_id)
    if (referral.status in Referral.RUNNING and referral.sprint_end is not None
            and referral.sprint_end <= sprint.today() and not undecided(referral).exists()):
        referral_auto_close(referral=referral)


def sprint_request_withdraw(*, sprint_request: SprintRequest, actor, request=None
                            ) -> SprintRequest:
    def after(locked: SprintRequest) -> None:
        notify_on_commit(recipients=cors(locked.referral.organization_id),
                         kind="fqs.sprint_request",
                         title=f"{locked.get_kind_display()} request #{locked.pk} withdrawn",
                         url=_url(locked.referral))
        _close_if_ended(locked.referral_id)

    return run_transition(obj=sprint_request, transition="withdraw", actor=actor,
                          permission="fqs.withdraw_sprintrequest", request=request, after=after)
