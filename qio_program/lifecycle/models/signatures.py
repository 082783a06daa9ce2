"""Who signed a PES or PSA, how, when and from where (issue 15: a provider's contact signs
through an e-mailed one-time link, or the QIO records a paper signature with its scan)."""

from django.db import models


class SignatureMethod(models.TextChoices):
    PORTAL = "portal", "Signed in the portal by a provider user"
    LINK = "link", "Signed by a provider contact through an e-mailed link"
    PAPER = "paper", "Paper signature recorded by the QIO (scan attached)"


def signature_scan_path(instance, filename: str) -> str:
    """Nothing of the uploaded name but its extension (qis_portal.uploads)."""
    import uuid

    from qis_portal.uploads import extension_of

    return f"lifecycle/signatures/{uuid.uuid4().hex}.{extension_of(filename)}"


class ProviderSignature(models.Model):
    """The signature fields a provider-signed agreement carries beside its `signed_on`."""

    signature_requested_from = models.ForeignKey(
        "qio_program.ProviderContact", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", help_text="The contact the signing link was last e-mailed to.")
    signed_by_contact = models.ForeignKey(
        "qio_program.ProviderContact", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+")
    signature_method = models.CharField(max_length=10, choices=SignatureMethod.choices,
                                        blank=True)
    signature_name = models.CharField("name of the signer, as signed", max_length=200,
                                      blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_ip = models.GenericIPAddressField("signed from (IP address)", null=True, blank=True)
    paper_scan = models.FileField(upload_to=signature_scan_path, blank=True)
    paper_scan_name = models.CharField(max_length=255, blank=True)

    class Meta:
        abstract = True
