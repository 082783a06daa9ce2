"""Training before live access (seed 001: "Users are required to go through training in the
CQP training environment before using the live platform")."""

from django.conf import settings
from django.db import models

from qis_portal.models.accounts import Role


class TrainingModule(models.Model):
    """The module a role must complete; a new version asks every holder to attest again."""

    role = models.CharField(max_length=40, choices=Role.choices, unique=True)
    title = models.CharField(max_length=200)
    url = models.URLField("link to the training environment", max_length=500)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class TrainingAttestation(models.Model):
    """A user's word that they completed one version of a module, and on which date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="training_attestations")
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE,
                               related_name="attestations")
    version = models.PositiveIntegerField()
    completed_on = models.DateField()
    attested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attested_at"]
        constraints = [models.UniqueConstraint(fields=["user", "module", "version"],
                                               name="one_attestation_per_module_version")]

    def __str__(self) -> str:
        return f"{self.user} completed {self.module.title} v{self.version} on {self.completed_on}"
