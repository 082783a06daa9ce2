"""Who may do what in scoring (deny by default).

CMS roles and the REST client read the catalogue, evaluate and read scores; CMS roles other
than read-only enter data, upload CSV files and start batch runs; the REST client pushes its
own organization's measure data through the API. A REST client sees only the entities of its
organization: the selectors filter the rest out, so another organization's entity is a 404.
"""

import rules

from qis_portal.models.accounts import CMS_ROLES, Role
from qis_portal.predicates import has_role, is_api_client, is_cms

is_cms_writer = has_role(*(CMS_ROLES - {Role.CMS_READ_ONLY}))
can_read = is_cms | is_api_client


@rules.predicate
def entity_of_own_organization(user, obj) -> bool:
    """The entity (or the entity of a participant or submission) belongs to the user's
    organization; true at model level (obj None), where the selectors do the scoping."""
    if obj is None:
        return True
    entity = getattr(obj, "entity", obj)
    org_id = getattr(entity, "organization_id", None)
    return bool(org_id) and org_id == getattr(user, "organization_id", None)


rules.add_perm("scoring.access", can_read)
rules.add_perm("scoring.view_measure", can_read)
rules.add_perm("scoring.evaluate", can_read)
rules.add_perm("scoring.view_apmentity", is_cms | (is_api_client & entity_of_own_organization))
rules.add_perm("scoring.view_entityscore",
               is_cms | (is_api_client & entity_of_own_organization))
# Browser data entry: forms and CSV uploads.
rules.add_perm("scoring.change_data", is_cms_writer)
# The API's writes: CMS writers anywhere, the REST client for its own organization's entities.
rules.add_perm("scoring.push_data",
               is_cms_writer | (is_api_client & entity_of_own_organization))
rules.add_perm("scoring.view_scoringrun", is_cms)
rules.add_perm("scoring.start_scoringrun", is_cms_writer)
