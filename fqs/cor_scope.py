"""An FQS activation belongs to the QIOs of its providers' regions (the QIO each referral is
deployed to); the COR and alternate named on those QIOs' task orders are told of it, may see
it and decide it (qio_program.lifecycle.cors). Another task order's COR gets 404."""

from django.db.models import Exists, OuterRef, Q

from fqs.models import Activation, ActivationProvider
from qio_program.lifecycle.choices import TaskOrderStatus
from qio_program.lifecycle.cors import cor_scope, cors_of_qios
from qis_portal.models import QIO_ORG_TYPES, Organization, Role, User


def regions_of_other_cors(user) -> list[str]:
    """Regions whose QIO's active task order names CORs, none of them `user`."""
    from qio_program.lifecycle.models import TaskOrder

    mine = cor_scope(user, "")
    return list(TaskOrder.objects.filter(status=TaskOrderStatus.ACTIVE)
                .filter(Q(cor__isnull=False) | Q(alternate_cor__isnull=False))
                .exclude(mine).values_list("qio__region", flat=True))


def activations_of_cor(qs, user):
    """Keep a COR (not also CMS read-only) to the activations of their task orders' regions."""
    if cor_scope(user, "") is None:
        return qs
    others = regions_of_other_cors(user)
    rows = ActivationProvider.objects.filter(activation=OuterRef("pk"))
    return qs.filter(~Exists(rows) | Exists(rows.exclude(region__in=others)))


def is_cor_of_activation(user, activation: Activation) -> bool:
    if not user.has_role(Role.CMS_COR):
        return False
    return activations_of_cor(Activation.objects.filter(pk=activation.pk), user).exists()


def activation_qio_ids(activation: Activation) -> list[int]:
    regions = set(activation.providers.values_list("region", flat=True))
    return list(Organization.objects.filter(org_type__in=QIO_ORG_TYPES, region__in=regions)
                .values_list("pk", flat=True))


def cors_of_activation(activation: Activation) -> list[User]:
    return cors_of_qios(activation_qio_ids(activation))


def activations_pending_for_qio(qio: Organization):
    """The activations awaiting the COR with a provider in this QIO's region."""
    return (Activation.objects.filter(status=Activation.Status.PENDING_COR,
                                      providers__region=qio.region).distinct())
