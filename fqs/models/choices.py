"""Choices shared by several FQS models (seed 001, FQS Request Creation and Closeout)."""

from django.db import models


class RequestSource(models.TextChoices):
    """Where an FQS need surfaced (seed 001, FQS Request Creation: six sources)."""

    CMS_SURVEILLANCE = "cms_surveillance", "CMS data surveillance"
    URGENT_CMS_CONCERN = (
        "urgent_cms_concern", "Urgent concern identified by CMS from other QI work")
    EXTERNAL_PRIORITY = (
        "external_priority", "External high-priority party (e.g. White House, Congress)")
    PROVIDER_REQUEST = "provider_request", "Provider or provider partner request"
    BFCC_QIO_REFERRAL = "bfcc_qio_referral", "BFCC-QIO referral CMS considers urgent"
    ACUTE_EMERGENCY = "acute_emergency", "Acute emergency (e.g. drug shortage, loss of staff)"


class SprintDays(models.IntegerChoices):
    """An FQS is a 15- or 30-day sprint, nothing else (seed 001, FQS Activation)."""

    FIFTEEN = 15, "15-day sprint"
    THIRTY = 30, "30-day sprint"


class SprintRequestKind(models.TextChoices):
    """The three requests a QIO files with the COR during a sprint (seed 001, Closeout Phase)."""

    CLOSEOUT = "closeout", "Early close-out"
    EXTENSION = "extension", "7-day extension"
    HOLD = "hold", "Place on hold"


class CloseoutReason(models.TextChoices):
    """How a referral ended: the sprint end date, or one of the three early close-out grounds."""

    SPRINT_ENDED = "sprint_ended", "The sprint end date was reached"
    REQUIREMENTS_MET = "requirements_met", "Close-out requirements met before the end of the sprint"
    PROVIDER_REFUSED = "provider_refused", "Provider refused to receive QIO assistance"
    MEDICARE_LOST = "medicare_lost", "Provider lost Medicare certification during the service"


EARLY_CLOSEOUT_REASONS = [
    CloseoutReason.REQUIREMENTS_MET, CloseoutReason.PROVIDER_REFUSED, CloseoutReason.MEDICARE_LOST,
]
EARLY_CLOSEOUT_CHOICES = [(reason.value, reason.label) for reason in EARLY_CLOSEOUT_REASONS]

# A pending request of these kinds keeps a referral open past its end date until the COR
# decides: the end of the sprint decides nothing a person still has to decide.
KEEPS_REFERRAL_OPEN = [SprintRequestKind.EXTENSION, SprintRequestKind.HOLD]
