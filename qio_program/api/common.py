"""Pieces every QIO endpoint shares. (A service's ValidationError needs no wrapping here: the
API error handler answers it with a 400 naming its fields.)"""

import django_filters

from qis_portal.api_base import UpdatedSinceFilter


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = UpdatedSinceFilter()
