"""Every kind of notification, with the label a user sees on the settings page.

Apps add their kinds here (one registry, so the settings page lists them all).
"""

NOTIFICATION_KINDS: dict[str, str] = {
    "account.role_assignment": "Your role assignments are approved or refused",
    "account.role_request": "A user asks to join your region (Security Officers)",
    "account.lockout": "Your account was locked after failed sign-ins",
    "account.token": "An API token was created or revoked on your account",
}


# Kinds nobody can switch off: the reminders and escalations of a running approval clock
# (the COR's 5 business days for a Provider Assessment). Always sent in the portal and by email.
MANDATORY_KINDS: set[str] = set()


def register_kind(kind: str, label: str, *, mandatory: bool = False) -> None:
    NOTIFICATION_KINDS[kind] = label
    if mandatory:
        MANDATORY_KINDS.add(kind)
