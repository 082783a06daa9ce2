"""Directory writes: create and edit providers and their contacts (audited, region-scoped)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from qio_program.models import (
    MedicareStatus,
    Provider,
    ProviderContact,
    spl_flag_for_new_provider,
)
from qio_program.selectors.scope import user_qio
from qis_portal.regions import STATE_NAMES
from qis_portal.services.audit import audit_record
from qis_portal.workflow import require_permission

PROVIDER_FIELDS = (
    "name", "setting", "ccn", "tin", "npi", "address_line1", "address_line2", "city", "state",
    "zip_code", "phone", "email", "medicare_status", "medicare_verified_at",
)
CONTACT_FIELDS = ("name", "title", "email", "phone", "is_qi_lead")


def normalize_identifiers(data: dict) -> dict:
    """CCNs are compared upper-case; TINs are digits only ("12-3456789" → "123456789")."""
    clean = dict(data)
    if "ccn" in clean:
        clean["ccn"] = (clean["ccn"] or "").strip().upper()
    if "tin" in clean:
        tin = (clean["tin"] or "").strip()
        digits = tin.replace("-", "")
        clean["tin"] = digits if digits.isdigit() else tin
    if "npi" in clean:
        clean["npi"] = (clean["npi"] or "").strip()
    if "state" in clean:
        clean["state"] = (clean["state"] or "").strip().upper()
    return clean


def _validate(provider: Provider) -> None:
    errors: dict[str, list[str]] = {}
    try:
        provider.full_clean(exclude=["organization", "created_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not provider.ccn and not provider.tin:
        errors.setdefault("ccn", []).append("Give a CCN, a TIN, or both.")
    if provider.state and provider.state not in STATE_NAMES:
        errors.setdefault("state", []).append(f"“{provider.state}” is not a US state code.")
    if provider.ccn and Provider.objects.filter(ccn=provider.ccn).exclude(pk=provider.pk).exists():
        errors.setdefault("ccn", []).append(
            f"Another provider in the directory already has CCN {provider.ccn}.")
    if provider.medicare_status == MedicareStatus.ACTIVE and not provider.medicare_verified_at:
        errors.setdefault("medicare_verified_at", []).append(
            "Give the date the active Medicare certification was verified.")
    if errors:
        raise ValidationError(errors)


def _changes(provider: Provider, data: dict) -> dict:
    return {field: value for field, value in data.items()
            if field in PROVIDER_FIELDS and getattr(provider, field) != value}


@transaction.atomic
def provider_create(*, actor, data: dict, request=None) -> Provider:
    """A QIO user adds a provider to their own region (seed 001: an FQS provider off the SPL
    "the QIO would need to create ... in the system"). AIAN providers are on the SPL."""
    qio = user_qio(actor)
    if qio is None or not actor.has_perm("qio_program.add_provider"):
        raise PermissionDenied("Only QIO users add providers to the directory.")
    data = normalize_identifiers(data)
    provider = Provider(region=qio.region, created_by=actor,
                        **{k: v for k, v in data.items() if k in PROVIDER_FIELDS})
    provider.on_spl = spl_flag_for_new_provider(provider.region)
    _validate(provider)
    provider.save()
    audit_record(action="provider.create", actor=actor, target=provider, request=request,
                 details={"region": provider.region})
    return provider


@transaction.atomic
def provider_update(*, provider: Provider, actor, data: dict, request=None) -> Provider:
    """Edit directory data; region and SPL status are not editable here (SPL uploads set it)."""
    locked = Provider.objects.select_for_update().get(pk=provider.pk)
    require_permission(actor, "qio_program.change_provider", locked,
                       action="provider.update", request=request,
                       message="You cannot edit providers outside your region.")
    data = normalize_identifiers(data)
    changes = _changes(locked, data)
    medicare_was_active = locked.medicare_active
    for field, value in changes.items():
        setattr(locked, field, value)
    _validate(locked)
    if not changes:
        return locked
    locked.save()
    audit_record(action="provider.update", actor=actor, target=locked, request=request,
                 details={"fields": sorted(changes)})
    if locked.medicare_active and not medicare_was_active:
        from qio_program.services.ahqt import ahqt_task_ensure_from_psa_resolver

        ahqt_task_ensure_from_psa_resolver(locked, actor=actor)
    return locked


@transaction.atomic
def provider_contact_save(*, provider: Provider, actor, data: dict,
                          contact: ProviderContact | None = None,
                          request=None) -> ProviderContact:
    require_permission(actor, "qio_program.change_provider", provider,
                       action="provider.contact_save", request=request,
                       message="You cannot edit this provider's contacts.")
    if contact is not None and contact.provider_id != provider.pk:
        raise PermissionDenied("That contact belongs to another provider.")
    contact = contact or ProviderContact(provider=provider)
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(contact, field, data[field])
    contact.full_clean()
    created = contact.pk is None
    contact.save()
    audit_record(action="provider.contact_add" if created else "provider.contact_update",
                 actor=actor, target=provider, request=request,
                 details={"contact": contact.name, "qi_lead": contact.is_qi_lead})
    return contact


@transaction.atomic
def provider_contact_delete(*, contact: ProviderContact, actor, request=None) -> None:
    provider = contact.provider
    require_permission(actor, "qio_program.change_provider", provider,
                       action="provider.contact_save", request=request,
                       message="You cannot edit this provider's contacts.")
    audit_record(action="provider.contact_remove", actor=actor, target=provider,
                 request=request, details={"contact": contact.name})
    contact.delete()
