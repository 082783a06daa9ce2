"""API tokens: a user creates named tokens (the key is shown once) and revokes them."""

from django.db import transaction
from django.utils import timezone

from qis_portal.models import ApiToken
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify


@transaction.atomic
def api_token_create(*, user, name: str, request=None) -> tuple[ApiToken, str]:
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "API token",
        prefix=key[: ApiToken.PREFIX_LENGTH], key_hash=ApiToken.hash_key(key),
    )
    audit_record(action="api_token.create", actor=user, target=token, request=request)
    notify(recipients=[user], kind="account.token", title=f"API token “{token.name}” created")
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token_id: int, request=None) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action="api_token.revoke", actor=user, target=token, request=request)
        notify(recipients=[user], kind="account.token", title=f"API token “{token.name}” revoked")
    return token
