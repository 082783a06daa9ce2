"""The provider feedback survey sent at close-out (seed 001, Provider Feedback Survey).

Responses are a separate table so no serializer of another model can reach them by accident;
only the COR and CMS read-only users read them, and every reading is audited.
"""

import secrets

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.models import Provider

from .referrals import Referral


def new_survey_token() -> str:
    return secrets.token_urlsafe(32)


class Survey(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        SENT = "sent", "Sent to the provider"
        ANSWERED = "answered", "Answered"

    status = FSMField(max_length=20, choices=Status.choices, default=Status.SENT,
                      protected=True, db_index=True)
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="survey")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="fqs_surveys")
    token = models.CharField(max_length=64, unique=True, default=new_survey_token)
    sent_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "provider feedback survey"

    def __str__(self) -> str:
        return f"Feedback survey for referral #{self.referral_id}"

    @transition(field=status, source=Status.SENT, target=Status.ANSWERED)
    def answer(self):
        """The provider submitted the survey; the response row is written by the service."""


class SurveyResponse(models.Model):
    class Rating(models.IntegerChoices):
        VERY_DISSATISFIED = 1, "1 – Very dissatisfied"
        DISSATISFIED = 2, "2 – Dissatisfied"
        NEUTRAL = 3, "3 – Neither satisfied nor dissatisfied"
        SATISFIED = 4, "4 – Satisfied"
        VERY_SATISFIED = 5, "5 – Very satisfied"

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="response")
    overall_satisfaction = models.PositiveSmallIntegerField(choices=Rating.choices)
    issue_resolved = models.BooleanField("the urgent issue was resolved")
    would_recommend = models.BooleanField("would recommend QIO assistance to others")
    comments = models.TextField(max_length=2000, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Response to survey #{self.survey_id}"
