"""What the QIO Connect viewsets share: the user's scoped queryset (another QIO's private row
answers 404), updated_since, and input parsing."""

from rest_framework import exceptions

from qis_portal.api_base import ScopedViewSet


class ConnectViewSet(ScopedViewSet):
    def filter_list(self, qs):
        return qs

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list" and not getattr(self, "swagger_fake_view", False):
            qs = self.filter_list(qs)
        return qs

    def row(self, pk):
        obj = super().row(pk)
        self.check_object_permissions(self.request, obj)
        return obj


def int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError as exc:
        raise exceptions.ValidationError({name: ["Give a whole number."]}) from exc
