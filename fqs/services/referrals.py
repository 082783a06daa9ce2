"""Referral writes by the QIO: assignment, launch, initiation, QAP agreement, execution records,
and creating a provider missing from the directory (seed 001, FQS Referral Execution)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from fqs import sprint
from fqs.models import Referral, ReferralIntervention, ReferralOutcome
from fqs.uploads import validate_upload
from qio_program.models import (
    MedicareStatus,
    Provider,
    ProviderSetting,
    TaskStatus,
    spl_flag_for_new_provider,
)
from qio_program.services.tasks import task_assign, task_complete
from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_filled, require_text
from qis_portal.workflow import WorkflowConflict, locked_write, require_permission, run_transition

from .common import TASKS, users_with_role
from .requests import CCN
from .verifications import medicare_unverified_reason, provider_verification_recorded

WORK = "fqs.work_referral"

INITIATION_FIELDS = {
    "provider_engaged_on": "Record the date the provider agreed to engage.",
    "root_causes": "Record the root causes found with the provider.",
    "action_plans": "Record the plans of action.",
    "baseline_metrics": "Record the baseline metrics established with the provider.",
}
QAP_FIELDS = {
    "planned_interventions": "Record the planned interventions.",
    "sustainability_plan": "Describe the sustainability plan.",
    "qap_agreed_on": "Record the date the provider agreed to the QAP.",
}


def _url(referral: Referral) -> str:
    return f"/fqs/referrals/{referral.pk}/"


def _managers(referral: Referral):
    return users_with_role(Role.QIO_MANAGER, referral.organization)


def _for_work(referral: Referral, actor, action: str, request=None):
    """The referral, locked for a record of its work by its associate."""
    return locked_write(referral, actor=actor, permission=WORK, action=action, request=request,
                        message="Only the associate assigned to this referral records its "
                                "work.")


def _require_state(locked: Referral, state: str) -> None:
    if locked.status != state:
        raise WorkflowConflict(
            f"The referral is {locked.get_status_display().lower()}; this step is recorded "
            f"during {Referral.Status(state).label.lower()}.", current_state=locked.status)


def referral_assign(*, referral: Referral, actor, assignee, request=None) -> Referral:
    """The QIO support team or a manager assigns the referral to an associate of the same
    QIO (seed 001: "Manually assigned to specific QIOs who could best assist"); the launch clock
    (FQS_LAUNCH_DAYS business days) starts at the first assignment."""

    def before(locked: Referral) -> None:
        if (assignee is None or not assignee.is_active
                or assignee.organization_id != locked.organization_id
                or not assignee.has_role(Role.QIO_ASSOCIATE)):
            raise ValidationError({"assignee": "Assign an active QIO associate of this QIO."})
        locked.assigned_to = assignee
        locked.assigned_by = actor
        locked.assigned_at = timezone.now()
        if locked.launch_due_date is None:
            locked.launch_due_date = sprint.launch_due_date(sprint.today())

    def after(locked: Referral) -> None:
        # The referral's work-basket task moves from the support team queue to the associate.
        task = locked.task
        if task is not None:
            mover = actor if actor.has_perm("qio_program.assign_task", task) else TASKS
            task_assign(task=task, actor=mover, assigned_user=assignee, request=request,
                        note=f"FQS referral #{locked.pk} assigned by {actor.email}")
        notify_on_commit(recipients=[assignee], kind="fqs.referral",
                         title=f"FQS referral #{locked.pk} assigned to you",
                         body=f"Launch it by {locked.launch_due_date:%B %-d, %Y}.",
                         url=_url(locked))

    return run_transition(obj=referral, transition="assign", actor=actor,
                          permission="fqs.assign_referral", request=request, before=before,
                          after=after, note=f"assigned to {assignee.email if assignee else '—'}")


def referral_launch(*, referral: Referral, actor, request=None) -> Referral:
    """The sprint starts today; its end date is stored (fqs/sprint.py)."""

    def before(locked: Referral) -> None:
        if locked.provider_id is None:
            raise WorkflowConflict(
                "The facility is not in the directory yet: create the provider with its "
                "verified Medicare certification before launching.", current_state=locked.status)
        unverified = medicare_unverified_reason(locked.provider)
        if unverified:
            raise WorkflowConflict(f"{unverified} The FQS cannot launch before.",
                                   current_state=locked.status)
        start = sprint.today()
        locked.launched_at = timezone.now()
        locked.sprint_start = start
        locked.sprint_end = sprint.sprint_end(start, locked.sprint_days)
        row = locked.activation_provider
        if not locked.baseline_metrics:
            locked.baseline_metrics = f"{row.baseline_metric}: {row.baseline_value.normalize()}"

    def after(locked: Referral) -> None:
        # "Review and launch the FQS" was the task; launching completes it.
        task = locked.task
        if (task is not None and task.status == TaskStatus.OPEN
                and actor.has_perm("qio_program.complete_task", task)):
            task_complete(task=task, actor=actor, request=request,
                          note=f"FQS referral #{locked.pk} launched")
        notify_on_commit(recipients=_managers(locked), kind="fqs.referral",
                         title=f"FQS referral #{locked.pk} launched",
                         body=f"The sprint ends on {locked.sprint_end:%B %-d, %Y}.",
                         url=_url(locked))

    return run_transition(obj=referral, transition="launch", actor=actor, permission=WORK,
                          request=request, before=before, after=after)


def _update_fields(locked: Referral, data: dict, allowed, actor, action, request) -> Referral:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be changed now." for name in unknown})
    for name, value in data.items():
        setattr(locked, name, value)
    locked.save()
    audit_record(action=action, actor=actor, target=locked, request=request,
                 details={"fields": sorted(data)})
    return locked


def referral_initiation_update(*, referral: Referral, actor, data: dict, request=None
                               ) -> Referral:
    with _for_work(referral, actor, "referral.initiation_update", request) as locked:
        _require_state(locked, Referral.Status.INITIATION)
        return _update_fields(locked, data, INITIATION_FIELDS, actor,
                              "referral.initiation_update", request)


def _tell_managers(title: str, body: str = ""):
    def after(locked: Referral) -> None:
        notify_on_commit(recipients=_managers(locked), kind="fqs.referral",
                         title=title.format(pk=locked.pk), body=body, url=_url(locked))
    return after


def referral_complete_initiation(*, referral: Referral, actor, request=None) -> Referral:
    return run_transition(
        obj=referral, transition="complete_initiation", actor=actor, permission=WORK,
        request=request, before=lambda r: require_filled(r, INITIATION_FIELDS),
        after=_tell_managers("FQS referral #{pk}: initiation complete, QAP next"))


def referral_qap_update(*, referral: Referral, actor, data: dict, request=None) -> Referral:
    with _for_work(referral, actor, "referral.qap_update", request) as locked:
        _require_state(locked, Referral.Status.QAP)
        agreed = data.get("qap_agreed_on")
        if agreed and agreed > sprint.today():
            raise ValidationError({"qap_agreed_on": "The agreement date cannot be in the "
                                                    "future."})
        return _update_fields(locked, data, QAP_FIELDS, actor, "referral.qap_update", request)


def referral_agree_qap(*, referral: Referral, actor, request=None) -> Referral:
    return run_transition(
        obj=referral, transition="agree_qap", actor=actor, permission=WORK, request=request,
        before=lambda r: require_filled(r, QAP_FIELDS),
        after=_tell_managers("FQS referral #{pk}: the provider agreed to the QAP",
                             "Execution has started."))


def referral_intervention_add(*, referral: Referral, actor, performed_on: date,
                              description: str, request=None) -> ReferralIntervention:
    with _for_work(referral, actor, "referral.intervention", request) as locked:
        _require_state(locked, Referral.Status.EXECUTION)
        description = require_text(description, "description", "Describe the intervention.")
        if performed_on is None or performed_on > sprint.today():
            raise ValidationError({"performed_on": "Give the date the intervention took place "
                                                   "(not in the future)."})
        row = ReferralIntervention.objects.create(referral=locked, performed_on=performed_on,
                                                  description=description, recorded_by=actor)
        audit_record(action="referral.intervention", actor=actor, target=locked,
                     request=request, details={"performed_on": performed_on.isoformat()})
    return row


def referral_outcome_add(*, referral: Referral, actor, measured_on: date, value: Decimal,
                         note: str = "", request=None) -> ReferralOutcome:
    with _for_work(referral, actor, "referral.outcome", request) as locked:
        _require_state(locked, Referral.Status.EXECUTION)
        if measured_on is None or measured_on > sprint.today():
            raise ValidationError({"measured_on": "Give the measurement date (not in the "
                                                  "future)."})
        if value is None:
            raise ValidationError({"value": "Enter the measured value."})
        row = ReferralOutcome.objects.create(referral=locked, measured_on=measured_on,
                                             value=value, note=(note or "").strip()[:500],
                                             recorded_by=actor)
        audit_record(action="referral.outcome", actor=actor, target=locked, request=request,
                     details={"measured_on": measured_on.isoformat(), "value": str(value)})
    return row


def referral_provider_create(*, referral: Referral, actor, name: str, setting: str, ccn: str,
                             state: str, attested: bool, verification_source: str,
                             verified_on: date | None, address_line1: str = "", city: str = "",
                             zip_code: str = "", document=None, request=None) -> Provider:
    """A facility missing from the directory is created by the QIO only with a verified
    Medicare certification (seed 001: "If I am working with an FQS provider, who is not on SPL
    (but has Med Cert), I will upload their credentials"). Refused without the attestation;
    refusals are audited outside the transaction so they are kept. With the credentials'
    `document` the verification is on record and the referral can launch; without it the QIO
    uploads it on the referral before launching."""
    require_permission(actor, "fqs.create_provider", referral, action="provider.create_verified",
                       request=request, message="Only the referral's QIO creates its provider.")
    errors = {}
    if not attested:
        errors["attested"] = ("Confirm that you verified the facility's Medicare "
                              "certification.")
    if not (verification_source or "").strip():
        errors["verification_source"] = "Say where the certification was verified."
    if verified_on is None or verified_on > sprint.today():
        errors["verified_on"] = "Give the date of the verification (not in the future)."
    if not (name or "").strip():
        errors["name"] = "Give the facility's name."
    if setting not in ProviderSetting.values:
        errors["setting"] = "Choose the provider setting."
    if not CCN.match((ccn or "").strip()):
        errors["ccn"] = "A CCN is exactly 6 letters or digits."
    if len((state or "").strip()) != 2:
        errors["state"] = "Give the two-letter state."
    if document is not None:
        try:
            validate_upload(document)
        except ValidationError as exc:
            errors["document"] = exc.messages[0]
    if errors:
        audit_record(action="provider.create_verified", actor=actor, target=referral,
                     outcome="failure", request=request, details={"refused": sorted(errors)})
        raise ValidationError(errors)
    with locked_write(referral, actor=actor, permission="fqs.create_provider",
                      action="provider.create_verified", request=request,
                      message="Only the referral's QIO creates its provider.") as locked:
        if locked.provider_id is not None:
            raise WorkflowConflict("The referral's provider is already in the directory.",
                                   current_state=locked.status)
        if locked.status == Referral.Status.CLOSED:
            raise WorkflowConflict("The referral is closed out.", current_state=locked.status)
        provider = Provider.objects.create(
            name=name.strip()[:200], setting=setting, ccn=ccn.strip()[:10],
            state=state.strip().upper(), region=locked.region,
            address_line1=address_line1[:200], city=city[:100], zip_code=zip_code[:10],
            on_spl=spl_flag_for_new_provider(locked.region), medicare_status=MedicareStatus.ACTIVE,
            medicare_verified_at=timezone.now(), created_by=actor,
        )
        audit_record(action="provider.create_verified", actor=actor, target=provider,
                     request=request,
                     details={"verification_source": verification_source.strip()[:200],
                              "verified_on": verified_on.isoformat(), "referral": locked.pk})
        if document is not None:
            provider_verification_recorded(provider, actor, verification_source.strip(),
                                           verified_on, document, request=request)
        locked.provider = provider
        locked.save(update_fields=["provider", "updated_at"])
        audit_record(action="referral.link_provider", actor=actor, target=locked,
                     request=request, details={"provider": provider.pk})
    return provider
