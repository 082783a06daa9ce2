"""Every kind of notification, with the label a user sees on the settings page.

Apps add their kinds here (one registry, so the settings page lists them all).
"""

NOTIFICATION_KINDS: dict[str, str] = {
    "account.role_assignment": "Your role assignments are approved or refused",
    "account.role_request": "A user asks to join your region (Security Officers)",
    "account.lockout": "Your account was locked after failed sign-ins",
    "account.token": "An API token was created or revoked on your account",
}


def register_kind(kind: str, label: str) -> None:
    NOTIFICATION_KINDS[kind] = label
