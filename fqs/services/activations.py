"""FQS activation writes: the FQS Reviewer prepares and submits, the COR approves (deploying one
referral per provider to the QIO of its region) or rejects (seed 001, FQS Activation)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from fqs.cor_scope import cors_of_activation
from fqs.models import Activation, ActivationProvider, Referral, SprintDays
from qio_program.models import TaskPriority, TaskQueue, TaskType
from qio_program.services.tasks import task_create
from qis_portal.models import Organization, OrgType, Role
from qis_portal.regions import Region
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_filled, require_text
from qis_portal.workflow import WorkflowConflict, locked_write, run_transition

from .common import users_with_role

EDITABLE_FIELDS = ("focus_area", "onsite_required", "sprint_days", "quality_issue",
                   "inclusion_criteria", "closeout_metrics", "reporting_requirements")
REQUIRED_TO_SUBMIT = {
    "focus_area": "Name the focus area.",
    "onsite_required": "Say whether on-site work is required.",
    "sprint_days": "Choose a 15- or 30-day sprint.",
    "quality_issue": "Describe the quality issue.",
    "inclusion_criteria": "Give the inclusion criteria.",
    "closeout_metrics": "Give the close-out metrics.",
    "reporting_requirements": "Give the reporting requirements.",
}


CHANGE = "fqs.change_activation"
DECIDE = "fqs.decide_activation"


def _editable(activation: Activation, actor, action: str, request=None):
    """The draft activation, locked for an edit by its FQS Reviewer."""
    return locked_write(activation, actor=actor, permission=CHANGE, action=action,
                        request=request,
                        message="Only a CMS FQS Reviewer prepares an activation.")


def _require_draft(locked: Activation) -> None:
    if locked.status != Activation.Status.DRAFT:
        raise WorkflowConflict(
            f"The activation is {locked.get_status_display().lower()}; it can no longer change.",
            current_state=locked.status)


def activation_update(*, activation: Activation, actor, data: dict, request=None) -> Activation:
    with _editable(activation, actor, "activation.update", request) as locked:
        return _update(locked, actor, data, request)


def _update(locked: Activation, actor, data: dict, request) -> Activation:
    _require_draft(locked)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    sprint = data.get("sprint_days")
    if sprint not in (None, "") and int(sprint) not in SprintDays.values:
        raise ValidationError({"sprint_days": "An FQS sprint is 15 or 30 days."})
    for name, value in data.items():
        setattr(locked, name, value)
    locked.prepared_by = actor
    locked.save()
    audit_record(action="activation.update", actor=actor, target=locked, request=request,
                 details={"fields": sorted(data)})
    return locked


def activation_provider_add(*, activation: Activation, actor, baseline_metric: str,
                            baseline_value: Decimal, provider=None, facility_name: str = "",
                            facility_ccn: str = "", facility_state: str = "", region: str = "",
                            request=None) -> ActivationProvider:
    """Which provider gets the referral, and its baseline value for the close-out metric."""
    with _editable(activation, actor, "activation.provider_add", request) as locked:
        return _provider_add(locked, actor, baseline_metric, baseline_value, provider,
                             facility_name, facility_ccn, facility_state, region, request)


def _provider_add(locked: Activation, actor, baseline_metric, baseline_value, provider,
                  facility_name, facility_ccn, facility_state, region, request):
    _require_draft(locked)
    metric = require_text(baseline_metric, "baseline_metric", "Name the baseline metric.")
    if baseline_value is None:
        raise ValidationError({"baseline_value": "Enter the provider's baseline value."})
    if provider is not None:
        if locked.providers.filter(provider=provider).exists():
            raise ValidationError({"provider": "This provider is already on the activation."})
        fields = {"provider": provider, "region": provider.region}
    else:
        name = require_text(facility_name, "facility_name",
                            "Choose a directory provider or name the facility.")
        ccn = require_text(facility_ccn, "facility_ccn", "Give the facility's CCN.")
        if region not in Region.values:
            raise ValidationError({"region": "Choose the region of a facility not in the "
                                             "directory."})
        fields = {"facility_name": name, "facility_ccn": ccn,
                  "facility_state": (facility_state or "").upper()[:2], "region": region}
    row = ActivationProvider.objects.create(activation=locked, baseline_metric=metric,
                                            baseline_value=baseline_value, **fields)
    audit_record(action="activation.provider_add", actor=actor, target=locked, request=request,
                 details={"provider": row.facility_label, "baseline_metric": metric,
                          "baseline_value": str(baseline_value)})
    return row


def activation_provider_remove(*, activation_provider: ActivationProvider, actor, request=None
                               ) -> None:
    with _editable(activation_provider.activation, actor, "activation.provider_remove",
                   request) as locked:
        _require_draft(locked)
        label = activation_provider.facility_label
        ActivationProvider.objects.filter(pk=activation_provider.pk, activation=locked).delete()
        audit_record(action="activation.provider_remove", actor=actor, target=locked,
                     request=request, details={"provider": label})


def _routed_cors(activation: Activation):
    """The CORs of the QIOs the activation deploys to, not the request's intake routing."""
    return cors_of_activation(activation)


def activation_submit(*, activation: Activation, actor, comment: str = "", request=None
                      ) -> Activation:
    def before(locked: Activation) -> None:
        require_filled(locked, REQUIRED_TO_SUBMIT)
        if not locked.providers.exists():
            raise ValidationError({"providers": "Add at least one provider with its baseline."})
        locked.prepared_by = actor
        locked.submitted_at = timezone.now()
        locked.submit_comment = (comment or "").strip()

    def after(locked: Activation) -> None:
        notify_on_commit(
            recipients=_routed_cors(locked), kind="fqs.activation",
            title=f"FQS activation #{locked.pk} awaits your final approval",
            body=locked.submit_comment or locked.focus_area,
            url=f"/fqs/activations/{locked.pk}/", awaiting=locked)

    return run_transition(obj=activation, transition="submit", actor=actor, permission=CHANGE,
                          note=comment, request=request, before=before, after=after)


def qio_for_region(region: str) -> Organization | None:
    """The QIN-QIO of a QIN region; the AIAN QIO of a tribal region (DOMAIN.md §3.1)."""
    org_type = OrgType.AIAN_QIO if region.startswith("aian_") else OrgType.QIN_QIO
    return Organization.objects.filter(org_type=org_type, region=region).order_by("id").first()


def activation_approve(*, activation: Activation, actor, note: str = "", request=None
                       ) -> Activation:
    """Final approval: the FQS is deployed, one referral per provider lands in the QIO support
    team queue as an FQS Referral task (seed 001, Referral Assignment)."""
    qios: dict[str, Organization] = {}

    def before(locked: Activation) -> None:
        for row in locked.providers.all():
            qio = qio_for_region(row.region)
            if qio is None:
                raise WorkflowConflict(
                    f"No QIO serves the {Region(row.region).label} region of "
                    f"{row.facility_label}; the activation cannot be deployed.",
                    current_state=locked.status)
            qios[row.region] = qio
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = (note or "").strip()

    def after(locked: Activation) -> None:
        for row in locked.providers.select_related("provider"):
            _deploy_referral(locked, row, qios[row.region], actor, request)
        notify_on_commit(recipients=[locked.prepared_by], kind="fqs.activation",
                         title=f"FQS activation #{locked.pk} approved and deployed",
                         url=f"/fqs/activations/{locked.pk}/")

    return run_transition(obj=activation, transition="approve", actor=actor, permission=DECIDE,
                          note=note, request=request, before=before, after=after)


def _deploy_referral(activation: Activation, row: ActivationProvider, qio: Organization, actor,
                     request) -> Referral:
    referral = Referral.objects.create(
        activation=activation, activation_provider=row, provider=row.provider,
        organization=qio, region=row.region, sprint_days=activation.sprint_days,
    )
    audit_record(action="referral.deploy", actor=actor, target=referral,
                 to_state=referral.status, request=request, details={"qio": qio.name})
    task = task_create(
        qio=qio, subject=f"FQS referral #{referral.pk}: {row.facility_label}",
        task_type=TaskType.FQS_REFERRAL, priority=TaskPriority.HIGH, related=referral,
        assigned_queue=TaskQueue.SUPPORT_TEAM, auto_key=f"fqs:referral:{referral.pk}",
        description=f"{activation.focus_area}: {activation.quality_issue}"[:2000],
    )
    if task is not None:
        referral.task = task
        referral.save(update_fields=["task"])
    recipients = (users_with_role(Role.QIO_SUPPORT, qio)
                  + users_with_role(Role.QIO_MANAGER, qio))
    notify_on_commit(recipients=recipients, kind="fqs.referral",
                     title=f"New FQS referral #{referral.pk}: {row.facility_label}",
                     body=f"{activation.get_sprint_days_display()} — assign an associate.",
                     url=f"/fqs/referrals/{referral.pk}/")
    return referral


def activation_reject(*, activation: Activation, actor, reason: str, request=None) -> Activation:
    reason = (reason or "").strip()

    def before(locked: Activation) -> None:
        require_text(reason, "reason", "Give the reason for rejecting the activation.")
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = reason

    def after(locked: Activation) -> None:
        notify_on_commit(recipients=[locked.prepared_by], kind="fqs.activation",
                         title=f"FQS activation #{locked.pk} rejected by the COR", body=reason,
                         url=f"/fqs/activations/{locked.pk}/")

    return run_transition(obj=activation, transition="reject", actor=actor, permission=DECIDE,
                          note=reason, request=request, before=before, after=after)
