from .accounts import Organization, OrgType, Role, RoleAssignment, User
from .audit import AuditEvent
from .notifications import Notification, NotificationPreference
from .security import ApiToken, LoginAttempt

__all__ = [
    "ApiToken",
    "AuditEvent",
    "LoginAttempt",
    "Notification",
    "NotificationPreference",
    "OrgType",
    "Organization",
    "Role",
    "RoleAssignment",
    "User",
]
