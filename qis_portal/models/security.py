"""Login attempts (for the AC-7 lockout) and API tokens a user creates and revokes."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


class LoginAttempt(models.Model):
    email = models.CharField(max_length=254, db_index=True)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email", "succeeded", "at"])]

    def __str__(self) -> str:
        return f"{self.email} {'ok' if self.succeeded else 'failed'} at {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """Only the SHA-256 of the key is stored; the key is shown once, at creation."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
