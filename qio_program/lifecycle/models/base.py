"""The review workflow shared by everything the COR approves (A3C, PA, QAP, reports)."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.lifecycle.choices import ReviewStatus

EDITABLE = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)


class ReviewedArtifact(FSMModelMixin, models.Model):
    """Draft → submitted → approved, or returned with comments and resubmitted.

    Transition bodies stay empty: the services record who and when, and run the side effects.
    """

    status = FSMField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT,
                      protected=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    cor_comments = models.TextField("COR comments", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @transition(field="status", source=[ReviewStatus.DRAFT, ReviewStatus.RETURNED],
                target=ReviewStatus.SUBMITTED)
    def submit(self):
        """Send to the COR."""

    @transition(field="status", source=ReviewStatus.SUBMITTED, target=ReviewStatus.APPROVED)
    def approve(self):
        """The COR approves; the artifact becomes read-only."""

    @transition(field="status", source=ReviewStatus.SUBMITTED, target=ReviewStatus.RETURNED)
    def return_for_changes(self):
        """The COR returns it with comments."""
