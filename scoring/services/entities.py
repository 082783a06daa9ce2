"""Writes to APM Entities, participation lists and measure data (browser forms and API)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from scoring.models import ApmEntity, Participant, QualitySubmission
from scoring.services.contract import (
    SUBMISSION_FIELDS,
    field_of,
    stored_value,
    submission_problems,
)

ENTITY_FIELDS = ("entity_id", "name", "apm_type", "clinician_count", "small_practice",
                 "complex_patient_bonus", "improvement_activities_score",
                 "promoting_interoperability_score", "quality_reweighted",
                 "prior_year_quality_achievement_percent", "prior_year_identifier",
                 "improvement_score", "organization")


def _check(actor, permission: str, obj=None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied("You do not have permission to change scoring data.")


@transaction.atomic
def entity_save(*, actor, data: dict, entity: ApmEntity | None = None,
                permission: str = "scoring.change_data", request=None) -> ApmEntity:
    """Create (``entity`` None) or update an entity; a REST client's entity is its own."""
    _check(actor, permission, entity)
    creating = entity is None
    entity = entity or ApmEntity()
    for name in ENTITY_FIELDS:
        if name in data:
            setattr(entity, name, data[name])
    if creating and entity.organization_id is None and actor.has_role(Role.API_CLIENT):
        entity.organization_id = actor.organization_id
    entity.full_clean()
    entity.save()
    audit_record(action="apmentity.create" if creating else "apmentity.update", actor=actor,
                 target=entity, request=request)
    return entity


@transaction.atomic
def participants_add(*, actor, entity: ApmEntity, tin: str, npis: list[str],
                     prior_year_percent=None, permission: str = "scoring.change_data",
                     request=None) -> int:
    """Add NPIs under a TIN to the participation list; ones already listed are kept once.

    ``prior_year_percent``, when given, is the 2019 achievement percent of each of these
    clinicians (seed §4.2.4), set on the new rows and on the ones already listed."""
    _check(actor, permission, entity)
    npis = list(dict.fromkeys(npis))
    listed = entity.participants.select_for_update().filter(tin=tin, npi__in=npis)
    existing = set(listed.values_list("npi", flat=True))
    rows = [Participant(entity=entity, tin=tin, npi=npi,
                        prior_year_achievement_percent=prior_year_percent)
            for npi in npis if npi not in existing]
    for row in rows:
        row.full_clean(exclude=["entity"], validate_unique=False)
    Participant.objects.bulk_create(rows)
    updated = 0
    if prior_year_percent is not None:
        updated = listed.update(prior_year_achievement_percent=prior_year_percent)
    audit_record(action="apmentity.participants_add", actor=actor, target=entity,
                 request=request,
                 details={"tin": tin, "added": len(rows), "prior_year_updated": updated,
                          "prior_year_percent": None if prior_year_percent is None
                          else str(prior_year_percent)})
    return len(rows)


@transaction.atomic
def participant_delete(*, actor, participant: Participant,
                       permission: str = "scoring.change_data", request=None) -> None:
    """Remove one TIN/NPI; refused while measure data still names it."""
    entity = participant.entity
    _check(actor, permission, entity)
    used = entity.submissions.filter(tin=participant.tin)
    if not entity.participants.filter(tin=participant.tin).exclude(pk=participant.pk).exists():
        blocking = used.exists()
    else:
        blocking = used.filter(npi=participant.npi).exists()
    if blocking:
        raise ValidationError(f"Measure data still names {participant}; delete it first.")
    participant.delete()
    audit_record(action="apmentity.participant_delete", actor=actor, target=entity,
                 request=request, details={"tin": participant.tin, "npi": participant.npi})


def submission_errors(*, entity: ApmEntity, data: dict) -> dict[str, list[str]]:
    """The engine's verdict on one row of measure data, by field ("__all__" for the row)."""
    errors: dict[str, list[str]] = {}
    pairs = entity.participants.values_list("tin", "npi")
    for field, message in submission_problems(data, pairs):
        name = field_of(field)
        errors.setdefault(name if name in SUBMISSION_FIELDS else "__all__", []).append(message)
    return errors


@transaction.atomic
def submission_save(*, actor, entity: ApmEntity, data: dict,
                    submission: QualitySubmission | None = None,
                    permission: str = "scoring.change_data", request=None) -> QualitySubmission:
    """Create or replace one row of measure data, checked by the engine's own rules."""
    _check(actor, permission, entity)
    errors = submission_errors(entity=entity, data=data)
    if errors:
        raise ValidationError(errors)
    creating = submission is None
    submission = submission or QualitySubmission(entity=entity)
    for name in SUBMISSION_FIELDS:
        setattr(submission, name, stored_value(name, data.get(name)))
    submission.end_to_end = bool(data.get("end_to_end"))
    submission.full_clean()
    submission.save()
    audit_record(action="qualitysubmission.create" if creating else "qualitysubmission.update",
                 actor=actor, target=entity, request=request,
                 details={"submission": submission.pk, "measure": submission.measure_id})
    return submission


@transaction.atomic
def submission_delete(*, actor, submission: QualitySubmission,
                      permission: str = "scoring.change_data", request=None) -> None:
    entity = submission.entity
    _check(actor, permission, entity)
    label = str(submission)
    submission.delete()
    audit_record(action="qualitysubmission.delete", actor=actor, target=entity,
                 request=request, details={"submission": label})
