"""Choice lists shared by models, forms, the API and the schedule (no model imports here)."""

from django.db import models


class DeliverableKind(models.TextChoices):
    A3C = "a3c", "A3C (state/territory assessment)"
    PES = "pes", "Provider Engagement Strategies"
    QAP = "qap", "Quality Action Plans"
    EXEC_DASHBOARD = "exec_dashboard", "Executive dashboard report (ELC/TELC)"
    MONTHLY_STATUS = "monthly_status", "Monthly status report"
    ANNUAL = "annual", "Annual report"
    RESILIENCE = "resilience", "Annual community resilience report"
    FINAL_OUTCOMES = "final_outcomes", "Final outcomes report"


# Deliverables answered by a Report object (the others by A3C, PES and QAP rows).
REPORT_KINDS = (
    DeliverableKind.EXEC_DASHBOARD, DeliverableKind.MONTHLY_STATUS, DeliverableKind.ANNUAL,
    DeliverableKind.RESILIENCE, DeliverableKind.FINAL_OUTCOMES,
)


class AimKind(models.TextChoices):
    CLINICAL = "clinical", "Clinical"
    FOUNDATIONAL = "foundational", "Foundational"


class QioRole(models.TextChoices):
    """The QIO's role for a sub-aim (seed 001, A3C terms)."""

    CREATE = "create", "Create — gaps in quality and no effective initiative: create and test"
    COMPLEMENT = "complement", "Complement — existing initiatives with some unmet needs"
    COORDINATE = "coordinate", "Coordinate — existing initiatives and no unmet needs"


class ReviewStatus(models.TextChoices):
    """Draft → submitted to the COR → approved, or returned with comments and resubmitted."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to the COR"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned with comments"


class PesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PRESENTED = "presented", "Presented to the provider"
    SIGNED = "signed", "Signed off by the provider"


class PsaStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent to the provider for signature"
    ACTIVE = "active", "Active"
    TERMINATED = "terminated", "Terminated"


class TaskOrderStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class TrainingAudience(models.TextChoices):
    """Who a nursing-home training is for (seed 001, QAP: nursing homes)."""

    NEW_STAFF = "new_staff", "Onboarding training for new staff"
    CURRENT_STAFF = "current_staff", "Current staff: current and new best practices"
    PEER_LEARNING = "peer_learning", "Peer-to-peer learning, collaboratives, action networks"


class HandoffTopic(models.TextChoices):
    """Hand-off activities from the incumbent to the incoming QIO (seed 001, Completion)."""

    PARTNERSHIPS = "partnerships", "Partnerships"
    PROVIDER_RELATIONSHIPS = "provider_relationships", "Provider relationships"
    OTHER = "other", "Other key elements"
