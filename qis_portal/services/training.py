"""Training before live access: which modules a user still owes, and their attestation.

The gate sits in the one permission path (`qis_portal.workflow.require_training`, called by
`run_transition` and `require_permission`), so every workflow step and every audited write
or creation of every app waits for it, on pages, in the API and nowhere twice."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from qis_portal.models import RoleAssignment, TrainingAttestation, TrainingModule
from qis_portal.services.audit import audit_record


def modules_for_roles(roles):
    return TrainingModule.objects.filter(role__in=list(roles))


def modules_outstanding(user, roles=None):
    """The modules of the user's roles (approved ones, unless `roles` says) whose current
    version the user has not attested."""
    roles = user.active_roles if roles is None else roles
    attested = TrainingAttestation.objects.filter(user=user, module=OuterRef("pk"),
                                                  version=OuterRef("version"))
    return modules_for_roles(roles).filter(~Exists(attested))


def modules_to_attest(user):
    """Every module of a role the user holds or waits for, with their latest attestation."""
    roles = set(user.role_assignments.exclude(status=RoleAssignment.Status.REJECTED)
                .values_list("role", flat=True))
    rows = []
    for module in modules_for_roles(roles):
        latest = (TrainingAttestation.objects.filter(user=user, module=module)
                  .order_by("-version").first())
        rows.append({"module": module, "attestation": latest,
                     "current": latest is not None and latest.version == module.version})
    return rows


def current_attestations(assignments) -> dict[tuple[int, str], TrainingAttestation]:
    """What the Security Officer sees when approving: for each (user, role) of `assignments`,
    the attestation of the role's module in its current version (absent when there is no
    module or nothing attested). Two queries, however long the queue."""
    modules = {module.role: module for module in
               modules_for_roles({assignment.role for assignment in assignments})}
    found = {}
    rows = TrainingAttestation.objects.filter(
        user_id__in={assignment.user_id for assignment in assignments},
        module__in=list(modules.values())).select_related("module")
    for row in rows:
        if row.version == row.module.version:
            found[(row.user_id, row.module.role)] = row
    return found


def training_attest(*, actor, module: TrainingModule, completed_on: date | None,
                    request=None) -> TrainingAttestation:
    """The user (`actor`, for themselves only) attests completing the module's current
    version on `completed_on`."""
    user = actor
    if completed_on is None:
        raise ValidationError({"completed_on": "Give the date you completed the training."})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The completion date cannot be in the future."})
    try:
        with transaction.atomic():
            attestation = TrainingAttestation.objects.create(
                user=user, module=module, version=module.version, completed_on=completed_on)
    except IntegrityError as exc:
        raise ValidationError(
            {"completed_on": f"You already attested version {module.version}."}) from exc
    audit_record(action="training.attest", actor=user, target=attestation, request=request,
                 details={"module": module.title, "version": module.version,
                          "completed_on": completed_on.isoformat()})
    return attestation
