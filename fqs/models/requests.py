"""The FQS request and its intake review (seed 001, FQS Request Creation and Request Approval)."""

from django.conf import settings
from django.db import models
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from fqs.uploads import storage_name
from qio_program.models import Provider
from qis_portal.regions import Region

from .choices import RequestSource


class FqsRequest(FSMModelMixin, models.Model):
    """A need for a Focused QIO Service, submitted by anyone with a login."""

    class Status(models.TextChoices):
        NEW = "new", "Awaiting intake review"
        FQS_ACTIVATION = "fqs_activation", "Approved: sent to FQS activation"
        NON_FQS_SUPPORT = "non_fqs_support", "Approved: Non-FQS support (routed to the COR)"
        REJECTED = "rejected", "Rejected at intake"

    status = FSMField(max_length=20, choices=Status.choices, default=Status.NEW,
                      protected=True, db_index=True)
    source = models.CharField(max_length=30, choices=RequestSource.choices)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="fqs_requests",
        help_text="The facility from the General Directory, when it is listed there.",
    )
    facility_name = models.CharField(
        max_length=200, blank=True, help_text="Only when the facility is not in the directory.")
    facility_ccn = models.CharField(
        "facility CCN", max_length=10, blank=True,
        help_text="CMS Certification Number of a facility not in the directory.")
    facility_state = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=40, choices=Region.choices, blank=True, db_index=True,
                              help_text="Set from the directory provider, never from input.")
    description = models.TextField(max_length=5000)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="fqs_requests")
    # Intake review (CMS Intake Reviewer).
    aims = models.TextField("related aims", max_length=2000, blank=True)
    sub_aims = models.TextField("related sub-aims", max_length=2000, blank=True)
    work_description = models.TextField("description of work", max_length=5000, blank=True)
    route_cors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                        verbose_name="CORs to route to")
    route_smes = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                        verbose_name="subject-matter experts to route to")
    decision_reason = models.TextField(max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "FQS request"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(provider__isnull=True, facility_name=""),
                name="fqs_request_names_a_facility",
            ),
        ]

    def __str__(self) -> str:
        return f"FQS request #{self.pk}: {self.facility_label}"

    @property
    def facility_label(self) -> str:
        return self.provider.name if self.provider_id else self.facility_name

    @property
    def facility_on_spl(self) -> bool:
        """A facility not in the directory is not on the SPL (seed 001, Request Approval); every
        AIAN provider is on the SPL (seed 001: "All AIAN are on the SPL")."""
        return bool(self.provider_id and self.provider.spl_eligible)

    def _approved_state(self) -> str:
        return self.Status.NON_FQS_SUPPORT if self.facility_on_spl else self.Status.FQS_ACTIVATION

    @transition(field=status, source=Status.NEW,
                target=GET_STATE(_approved_state,
                                 states=[Status.NON_FQS_SUPPORT, Status.FQS_ACTIVATION]))
    def approve(self):
        """On the SPL → Non-FQS Support; off the SPL → FQS Activation (seed 001)."""

    @transition(field=status, source=Status.NEW, target=Status.REJECTED)
    def reject(self):
        """Not a referral; the reason is stored by the service."""


class RequestNote(models.Model):
    """Intake notes and review notes (seed 001: "After approval is submitted, can add Review
    Notes")."""

    request = models.ForeignKey(FqsRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Note on request #{self.request_id} by {self.author}"


def attachment_upload_to(instance, filename: str) -> str:
    return storage_name(instance.request_id, filename)


class RequestAttachment(models.Model):
    """A file on a request, stored under a server-generated name and served as a download."""

    request = models.ForeignKey(FqsRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
