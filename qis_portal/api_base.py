"""What every portal API shares: the router, `updated_since` and the scoped viewset.

Defined once so that two classes of bug cannot come back app by app: an object route that
matches a non-numeric id (the lookup then raised a 500), and a time with a UTC offset Python
accepts but PostgreSQL refuses (beyond ±15:59), which also raised a 500.
"""

from datetime import UTC, datetime, time

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from qis_portal.permissions import RulePermission

MOMENT_HELP = "Give an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:30:00-05:00."

UPDATED_SINCE = OpenApiParameter(
    "updated_since", OpenApiTypes.DATETIME,
    description="Only rows changed at or after this ISO 8601 time (a date means its start, "
                "Eastern time), for incremental pulls.")


class PortalRouter(DefaultRouter):
    """A router whose primary-key routes match digits only: `/x/abc/` is a 404, not a lookup
    of "abc". A viewset that looks up by another field keeps its own `lookup_value_regex`."""

    def __init__(self):
        super().__init__(trailing_slash=True)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or field
        default = r"\d+" if field in ("pk", "id") else "[^/.]+"
        value = getattr(viewset, "lookup_value_regex", default)
        return f"(?P<{lookup_prefix}{kwarg}>{value})"


def moment_in_utc(raw: str) -> datetime | None:
    """An ISO 8601 date-time, or a date meaning its start in the portal's time zone, as UTC;
    None when `raw` is neither (or lies outside the years a datetime can hold)."""
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            moment = datetime.combine(day, time.min) if day else None
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def parse_moment(raw: str, name: str) -> datetime:
    """`moment_in_utc` for a query parameter: a 400 naming the parameter when it is not one."""
    moment = moment_in_utc(raw)
    if moment is None:
        raise exceptions.ValidationError({name: [MOMENT_HELP]})
    return moment


def filter_updated_since(qs, request):
    raw = request.query_params.get("updated_since")
    if not raw:
        return qs
    return qs.filter(updated_at__gte=parse_moment(raw, "updated_since"))


class _MomentField(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        moment = moment_in_utc(str(value))
        if moment is None:
            raise forms.ValidationError(MOMENT_HELP, code="invalid")
        return moment


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since` for django-filter filter sets, with the same parsing as the rest."""

    field_class = _MomentField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("help_text", UPDATED_SINCE.description)
        super().__init__(**kwargs)


class ScopedViewSet(viewsets.GenericViewSet):
    """Rows come from the user's scoped queryset, so another tenant's object answers 404;
    lists take `updated_since` and run newest first."""

    permission_classes = [RulePermission]

    def scoped(self):
        """The user's visible rows; every concrete viewset defines it (abstract here)."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define scoped().")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            if self.queryset is not None:
                return self.queryset
            return self.get_serializer_class().Meta.model.objects.none()
        return filter_updated_since(self.scoped(), self.request).order_by("-id")

    def row(self, pk):
        return get_object_or_404(self.scoped(), pk=pk)

    def parse(self, serializer_class, **kwargs):
        data = serializer_class(data=self.request.data, **kwargs)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def out(self, obj, code=status.HTTP_200_OK):
        obj = self.scoped().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data, status=code)
