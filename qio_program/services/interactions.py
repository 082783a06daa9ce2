"""Interaction Tool writes: one interaction per provider, files checked and stored once.

Seed 001 (Interaction Tool): "Capture every interaction with a provider"; "Create an
interaction for multiple providers at once (creates multiple individual interactions)".
"""

import uuid
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from qio_program.models import (
    INTERVENTION_REPORT_DAYS,
    Attachment,
    Interaction,
    Provider,
    ProviderContact,
)
from qio_program.models.interactions import SUBCATEGORY_CATEGORY
from qio_program.selectors.scope import user_qio
from qio_program.services.files import check_attachment
from qis_portal.services.audit import audit_record
from qis_portal.workflow import require_permission

INTERACTION_FIELDS = ("date", "audience_type", "mode", "category", "subcategory",
                      "duration_minutes", "details", "learnings", "other_contacts",
                      "intervention_delivered")
MAX_BULK_PROVIDERS = 200
MAX_FILES = 10


def _check_fields(data: dict) -> None:
    errors = {}
    when = data.get("date")
    if when and when > timezone.localdate():
        errors["date"] = "An interaction cannot be dated in the future."
    category, subcategory = data.get("category"), data.get("subcategory")
    if subcategory and SUBCATEGORY_CATEGORY.get(subcategory) != category:
        errors["subcategory"] = "Choose a subcategory of the chosen category."
    if errors:
        raise ValidationError(errors)


def store_attachments(*, files, actor) -> list[Attachment]:
    """Check each file (type by extension and content, 10 MB) and store it under a new name."""
    files = list(files or [])
    if len(files) > MAX_FILES:
        raise ValidationError({"files": f"Attach at most {MAX_FILES} files."})
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_attachment(upload)))
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
    stored = []
    for upload, info in checked:
        upload.seek(0)
        attachment = Attachment(original_name=info.original_name,
                                content_type=info.content_type, size=info.size,
                                sha256=info.sha256, uploaded_by=actor)
        attachment.file.save(f"{uuid.uuid4().hex}{info.extension}",
                             ContentFile(upload.read()), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def interaction_create(*, actor, providers: list[Provider], data: dict, files=(),
                       contacts: list[ProviderContact] = (), request=None) -> list[Interaction]:
    """Log one interaction for each provider (a bulk entry shares a batch id and its files)."""
    qio = user_qio(actor)
    if qio is None:
        raise PermissionDenied("Only QIO users log interactions.")
    providers = list(dict.fromkeys(providers))
    if not providers:
        raise ValidationError({"providers": "Choose at least one provider."})
    if len(providers) > MAX_BULK_PROVIDERS:
        raise ValidationError({"providers": f"Log at most {MAX_BULK_PROVIDERS} providers at once."})
    for provider in providers:
        require_permission(actor, "qio_program.add_interaction", provider,
                           action="interaction.create", request=request,
                           message=f"You cannot log interactions for {provider}.")
    contacts = list(contacts or [])
    if contacts and (len(providers) != 1
                     or any(c.provider_id != providers[0].pk for c in contacts)):
        raise ValidationError({"contacts": "Contacts must be people of the chosen provider."})
    values = {k: v for k, v in data.items() if k in INTERACTION_FIELDS}
    _check_fields(values)
    attachments = store_attachments(files=files, actor=actor)
    batch = uuid.uuid4() if len(providers) > 1 else None
    created = []
    for provider in providers:
        interaction = Interaction(provider=provider, qio=qio, created_by=actor,
                                  batch=batch, **values)
        if interaction.intervention_delivered and interaction.date:
            interaction.report_due_date = (interaction.date
                                           + timedelta(days=INTERVENTION_REPORT_DAYS))
        interaction.full_clean(exclude=["contacts", "attachments"])
        interaction.save()
        if contacts:
            interaction.contacts.set(contacts)
        if attachments:
            interaction.attachments.set(attachments)
        audit_record(action="interaction.create", actor=actor, target=interaction,
                     request=request, details={"provider": provider.pk,
                                               "batch": str(batch) if batch else ""})
        created.append(interaction)
    return created


@transaction.atomic
def interaction_attach(*, interaction: Interaction, actor, files, request=None) -> list[Attachment]:
    require_permission(actor, "qio_program.add_interaction", interaction.provider,
                       action="interaction.attach", request=request,
                       message="You cannot add files to this interaction.")
    if interaction.attachments.count() + len(list(files)) > MAX_FILES:
        raise ValidationError({"files": f"An interaction has at most {MAX_FILES} files."})
    stored = store_attachments(files=files, actor=actor)
    interaction.attachments.add(*stored)
    audit_record(action="interaction.attach", actor=actor, target=interaction, request=request,
                 details={"files": [a.original_name for a in stored]})
    return stored
