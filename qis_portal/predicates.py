"""Role and tenancy predicates every app's rules.py builds on (deny unless a rule says yes)."""

import rules

from qis_portal.models.accounts import CMS_ROLES, QIO_ROLES, Role


def has_role(*roles: str):
    """A predicate true when the user holds one of `roles` (approved assignments only)."""
    name = "has_role:" + ",".join(roles)

    @rules.predicate(name=name)
    def _pred(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)

    return _pred


is_issuer_user = has_role(Role.ISSUER_USER)
is_qis_reviewer = has_role(Role.CMS_QIS_REVIEWER)
is_intake_reviewer = has_role(Role.CMS_INTAKE_REVIEWER)
is_fqs_reviewer = has_role(Role.CMS_FQS_REVIEWER)
is_cor = has_role(Role.CMS_COR)
is_cms_read_only = has_role(Role.CMS_READ_ONLY)
is_security_officer = has_role(Role.SECURITY_OFFICER)
is_qio_associate = has_role(Role.QIO_ASSOCIATE)
is_qio_manager = has_role(Role.QIO_MANAGER)
is_provider_user = has_role(Role.PROVIDER_USER)
is_api_client = has_role(Role.API_CLIENT)
is_cms = has_role(*CMS_ROLES)
is_qio_user = has_role(*QIO_ROLES)
# Survey responses and other restricted reads: the COR and CMS read-only users only.
can_read_restricted = is_cor | is_cms_read_only


# Permissions no role-less superuser passes (restricted reads such as survey responses).
RESTRICTED_PERMISSIONS: set[str] = set()


def add_restricted_perm(name: str, predicate) -> None:
    """Declare a permission that even Django superusers hold only through their roles."""
    rules.add_perm(name, predicate)
    RESTRICTED_PERMISSIONS.add(name)


@rules.predicate
def is_own_region(user, obj) -> bool:
    """The object lies in the region of the user's QIO (obj.region)."""
    org = getattr(user, "organization", None)
    region = getattr(obj, "region", None)
    return bool(org is not None and org.is_qio and region and region == org.region)
