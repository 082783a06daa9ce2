"""QIS submissions: plan-year windows, Implementation Plans on file, the two forms, and CMS
determinations (DOMAIN.md §2; seeds 000 and 002)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from submissions.elements import element_name
from submissions.elements.progress_report import FORM_TYPE as PROGRESS_REPORT
from submissions.elements.work_plan import FORM_TYPE as WORK_PLAN


class FormType(models.TextChoices):
    PROGRESS_REPORT = PROGRESS_REPORT, "QIS Progress Report"
    WORK_PLAN = WORK_PLAN, "Covered California QIS 2 Work Plan"


class SubmissionWindow(models.Model):
    """A plan year's submission window, opened by CMS: forms are submitted from `opens_on` to
    `due_date`, on the form version of that plan year (seed 000: "2025 Plan Year", OMB
    0938-1286)."""

    plan_year = models.PositiveSmallIntegerField(unique=True)
    form_version = models.CharField(
        max_length=200, blank=True,
        help_text="The form as CMS issued it, e.g. “2025 Plan Year Draft QIS Progress Report "
                  "Form”.")
    omb_number = models.CharField("OMB control number", max_length=20, default="0938-1286")
    opens_on = models.DateField()
    due_date = models.DateField(help_text="Last day to submit (Eastern time).")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-plan_year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_on__lt=models.F("due_date")),
                                   name="window_opens_before_due"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year} plan year"

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.due_date

    @property
    def form_label(self) -> str:
        return self.form_version or f"{self.plan_year} Plan Year"


class ImplementationPlan(FSMModelMixin, models.Model):
    """An issuer's baseline QIS on file: goals, measures, CBE-IDs, baselines, periods, targets.

    `data` uses the Progress Report's own element keys (goal_1, m1a_name, m1a_baseline_rate, …)
    plus each measure's direction (m1a_direction: "higher" or "lower"), so restating is a copy
    and checking a restatement is a comparison key by key. It is the plan as filed until CMS
    accepts it, then always the latest accepted version: the issuer changes it only through a
    Modification Summary Supplement that CMS accepts (seed 000), and every accepted version is
    kept (`versions`).
    """

    class Status(models.TextChoices):
        FILED = "filed", "Filed, awaiting CMS"
        ACCEPTED = "accepted", "Accepted by CMS (on file)"
        RETURNED = "returned", "Returned to the issuer"

    issuer = models.ForeignKey("qis_portal.Organization", on_delete=models.PROTECT,
                               related_name="implementation_plans")
    qis_title = models.CharField("QIS title", max_length=200)
    plan_year = models.PositiveSmallIntegerField(help_text="The plan year the QIS begins.")
    data = models.JSONField(default=dict, blank=True)
    status = FSMField(max_length=20, choices=Status.choices, default=Status.FILED,
                      protected=True)
    decision_note = models.TextField(blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-plan_year", "qis_title"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "qis_title", "plan_year"],
                                    name="one_plan_per_issuer_title_year"),
        ]

    def __str__(self) -> str:
        return f"{self.qis_title} ({self.plan_year})"

    def get_absolute_url(self) -> str:
        return reverse("submissions:plan_detail", args=[self.pk])

    @property
    def is_on_file(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def version_for(self, plan_year: int) -> "PlanVersion | None":
        """The accepted version in force for a plan year: the latest one effective that year
        or before (version 1 is effective from the plan's own plan year)."""
        return self.versions.filter(effective_year__lte=plan_year).order_by("-number").first()

    @transition(field=status, source=Status.FILED, target=Status.ACCEPTED)
    def accept(self):
        """CMS accepts the baseline: it becomes version 1 on file."""

    @transition(field=status, source=Status.FILED, target=Status.RETURNED)
    def return_plan(self):
        """CMS returns the baseline to the issuer for corrections."""

    @transition(field=status, source=Status.RETURNED, target=Status.FILED)
    def refile(self):
        """The issuer files the corrected baseline again."""


class PlanVersion(models.Model):
    """One accepted version of an Implementation Plan: version 1 is the baseline CMS accepted,
    each later one the result of an accepted Modification Summary Supplement."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT,
                             related_name="versions")
    number = models.PositiveSmallIntegerField()
    qis_title = models.CharField("QIS title", max_length=200)
    data = models.JSONField(default=dict)
    effective_year = models.PositiveSmallIntegerField(
        help_text="The first plan year whose Progress Report is compared with this version.")
    supplement = models.OneToOneField("ModificationSupplement", on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="resulting_version")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="one_version_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan.qis_title}, version {self.number}"


class ModificationSupplement(FSMModelMixin, models.Model):
    """A QIS Modification Summary Supplement (seed 000: an issuer "continuing with
    modifications ... must also complete" one): element by element, the value on file, the
    new value and the reason. A CMS QIS reviewer accepts it (a new plan version) or returns
    it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted, awaiting CMS"
        ACCEPTED = "accepted", "Accepted by CMS"
        RETURNED = "returned", "Returned to the issuer"

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT,
                             related_name="supplements")
    status = FSMField(max_length=20, choices=Status.choices, default=Status.SUBMITTED,
                      protected=True)
    based_on = models.PositiveSmallIntegerField(help_text="The plan version it modifies.")
    effective_year = models.PositiveSmallIntegerField(
        help_text="The first plan year the modified plan applies to.")
    qis_title = models.CharField("QIS title", max_length=200)
    proposed = models.JSONField(default=dict, help_text="The whole plan as modified.")
    changes = models.JSONField(default=list, help_text="[{key, element, old, new, reason}]")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["plan"], condition=models.Q(status="submitted"),
            name="one_pending_supplement_per_plan")]

    def __str__(self) -> str:
        return f"Modification Summary Supplement #{self.pk} — {self.plan.qis_title}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:supplement_detail", args=[self.pk])

    @property
    def issuer_id(self) -> int:
        """The issuer of the plan it modifies (what the issuer rules compare)."""
        return self.plan.issuer_id

    @transition(field=status, source=Status.SUBMITTED, target=Status.ACCEPTED)
    def accept(self):
        """CMS accepts: the proposed plan becomes the next version on file."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_supplement(self):
        """CMS returns it with a note; the plan on file is unchanged."""


class Submission(models.Model):
    """One QIS form of one issuer for one plan year, from draft to CMS determination."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        UNDER_REVIEW = "under_review", "Under review"
        MEETS = "meets", "Meets"
        INTERIM_MEETS = "interim_meets", "Interim Meets"
        DOES_NOT_MEET = "does_not_meet", "Does Not Meet"

    DETERMINED = (Status.MEETS, Status.INTERIM_MEETS, Status.DOES_NOT_MEET)

    form_type = models.CharField(max_length=20, choices=FormType.choices)
    issuer = models.ForeignKey("qis_portal.Organization", on_delete=models.PROTECT,
                               related_name="qis_submissions")
    window = models.ForeignKey(SubmissionWindow, on_delete=models.PROTECT,
                               related_name="submissions", verbose_name="plan year")
    implementation_plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.PROTECT, null=True, blank=True,
        related_name="progress_reports",
        help_text="The Implementation Plan on file this Progress Report reports on.",
    )
    status = FSMField(max_length=20, choices=Status.choices, default=Status.DRAFT,
                      protected=True)
    # Optimistic locking: every save of the draft must name the version it was read at.
    version = models.PositiveIntegerField(default=1)
    data = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False,
                                help_text="The form exactly as filed, frozen on submission.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    last_saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", null=True, blank=True)
    review_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "window", "implementation_plan"],
                condition=models.Q(form_type=PROGRESS_REPORT),
                name="one_progress_report_per_plan_and_year",
            ),
        ]
        indexes = [models.Index(fields=["status", "form_type"])]

    def __str__(self) -> str:
        title = self.data.get("qis_title") or self.get_form_type_display()
        return f"{title} — {self.issuer} ({self.window.plan_year})"

    def get_absolute_url(self) -> str:
        return reverse("submissions:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_determined(self) -> bool:
        return self.status in self.DETERMINED

    @property
    def filed_data(self) -> dict:
        """What the issuer filed (the frozen copy) once submitted; the draft before."""
        if self.snapshot:
            return self.snapshot.get("data", {})
        return self.data

    @property
    def compared_version(self) -> "PlanVersion | None":
        """The plan version this Progress Report is compared with: the one frozen at
        submission, or, for a draft, the one in force for its plan year now."""
        if self.implementation_plan_id is None:
            return None
        number = (self.snapshot or {}).get("plan_version")
        if number:
            return self.implementation_plan.versions.filter(number=number).first()
        return self.implementation_plan.version_for(self.window.plan_year)

    # Transitions: thin on purpose; run_transition does the permission, lock and audit.
    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=status, source=Status.UNDER_REVIEW, target=Status.MEETS)
    def determine_meets(self):
        pass

    @transition(field=status, source=Status.UNDER_REVIEW, target=Status.INTERIM_MEETS)
    def determine_interim_meets(self):
        pass

    @transition(field=status, source=Status.UNDER_REVIEW, target=Status.DOES_NOT_MEET)
    def determine_does_not_meet(self):
        pass


class Determination(models.Model):
    """A CMS QIS reviewer's determination, with element-level findings (seed 000: 16 and 17
    are Must Pass)."""

    class Outcome(models.TextChoices):
        MEETS = "meets", "Meets"
        INTERIM_MEETS = "interim_meets", "Interim Meets"
        DOES_NOT_MEET = "does_not_meet", "Does Not Meet"

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT,
                                      related_name="determination")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    summary = models.TextField(blank=True)
    correction_report = models.TextField(
        blank=True, help_text="Interim Meets: what to correct; the next plan year's 17c answers "
                              "it.")
    checklist = models.JSONField(
        default=list, blank=True,
        help_text="Work Plan: each item of seed 002's two lists, met or not met, with a note.")
    determined_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    determined_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} — {self.submission}"

    @property
    def deficient_elements(self) -> list[str]:
        return [finding.element for finding in self.findings.all()]


class Finding(models.Model):
    """One deficient element named in a determination."""

    determination = models.ForeignKey(Determination, on_delete=models.CASCADE,
                                      related_name="findings")
    element = models.CharField(max_length=20)
    label = models.CharField(max_length=200)
    must_pass = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["determination", "element"],
                                    name="one_finding_per_element"),
        ]

    def __str__(self) -> str:
        return element_name(self.element, self.label)
