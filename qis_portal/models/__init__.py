from .accounts import QIO_ORG_TYPES, Organization, OrgType, Role, RoleAssignment, User
from .audit import AuditEvent
from .heartbeat import WorkerHeartbeat
from .notifications import Notification, NotificationPreference
from .onetime import OneTimeLink
from .outbox import OutboundEmail
from .security import ApiToken, LoginAttempt
from .training import TrainingAttestation, TrainingModule

__all__ = [
    "ApiToken",
    "AuditEvent",
    "LoginAttempt",
    "Notification",
    "NotificationPreference",
    "OrgType",
    "OutboundEmail",
    "QIO_ORG_TYPES",
    "OneTimeLink",
    "Organization",
    "Role",
    "RoleAssignment",
    "TrainingAttestation",
    "TrainingModule",
    "User",
    "WorkerHeartbeat",
]
