"""Pieces every QIO endpoint shares."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from qis_portal.api_base import UpdatedSinceFilter


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = UpdatedSinceFilter()


def service_call(fn, **kwargs):
    """Run a service; its Django ValidationError becomes the API's 400 body (fields kept)."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise serializers.ValidationError(detail) from exc
