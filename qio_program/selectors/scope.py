"""Who sees what (DOMAIN §1, issue scope): the querysets every list and API starts from.

A QIO user sees their QIO's region and its providers; CMS roles see everything; a provider
user sees their own provider only; anyone else sees nothing. Another tenant's object is not in
the queryset, so it answers 404.
"""

from django.db.models import QuerySet

from qio_program.models import (
    Interaction,
    InterventionReport,
    OutcomeValue,
    Provider,
    SplUpload,
    SplVersion,
    Task,
)
from qis_portal.models import Role


def user_qio(user):
    """The user's QIO organization when they act as a QIO user, else None."""
    org = getattr(user, "organization", None)
    if org is not None and org.is_qio and user.is_qio_user:
        return org
    return None


def providers_for(user) -> QuerySet[Provider]:
    if not user.is_authenticated:
        return Provider.objects.none()
    if user.is_cms:
        return Provider.objects.all()
    qio = user_qio(user)
    if qio is not None:
        return Provider.objects.filter(region=qio.region)
    if user.has_role(Role.PROVIDER_USER) and user.organization_id:
        return Provider.objects.filter(organization_id=user.organization_id)
    return Provider.objects.none()


def tasks_for(user) -> QuerySet[Task]:
    """CMS roles have no tasks (seed 001); a QIO user sees their QIO's basket."""
    qio = user_qio(user)
    if qio is None:
        return Task.objects.none()
    return Task.objects.filter(qio=qio)


def interactions_for(user) -> QuerySet[Interaction]:
    if user.is_authenticated and user.is_cms:
        return Interaction.objects.all()
    qio = user_qio(user)
    if qio is None:
        return Interaction.objects.none()
    # Interactions are logged only for providers of the QIO's own region (rules), so the QIO
    # column is the region scope, and it walks the (qio, date, id) index.
    return Interaction.objects.filter(qio=qio)


def intervention_reports_for(user) -> QuerySet[InterventionReport]:
    return InterventionReport.objects.filter(interaction__in=interactions_for(user))


def outcomes_for(user) -> QuerySet[OutcomeValue]:
    return OutcomeValue.objects.filter(provider__in=providers_for(user))


def spl_versions_for(user) -> QuerySet[SplVersion]:
    if user.is_authenticated and user.is_cms:
        return SplVersion.objects.all()
    qio = user_qio(user)
    if qio is None:
        return SplVersion.objects.none()
    return SplVersion.objects.filter(region=qio.region)


def spl_uploads_for(user) -> QuerySet[SplUpload]:
    """Uploads (with their error reports) are CMS's working files; QIOs see versions."""
    if user.is_authenticated and user.is_cms:
        return SplUpload.objects.all()
    return SplUpload.objects.none()
