"""The shape every lifecycle viewset shares: scoped queryset, updated_since, 409 on conflict."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from qio_program.lifecycle import selectors
from qio_program.lifecycle.api import serializers as s
from qis_portal.api_base import filter_updated_since
from qis_portal.permissions import RulePermission


class LifecycleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """List and retrieve through the selector (another QIO's object answers 404)."""

    permission_classes = [RulePermission]
    selector = None  # staticmethod(user -> queryset)
    output = None  # output serializer class
    prefetch: tuple[str, ...] = ()  # the output's nested rows, fetched once per page

    def get_serializer_class(self):
        return self.output

    def get_queryset(self):
        qs = type(self).selector(self.request.user).prefetch_related(*self.prefetch)
        return filter_updated_since(qs, self.request).order_by("-id")

    def scoped(self, pk):
        return get_object_or_404(self.get_queryset(), pk=pk)

    def parse(self, serializer_class, *, partial: bool = False) -> dict:
        data = serializer_class(data=self.request.data, partial=partial,
                                context=self.get_serializer_context())
        user = self.request.user
        scoped = {"task_order": selectors.task_orders_for(user),
                  "deliverable": selectors.deliverables_for(user)}
        for name, queryset in scoped.items():
            if name in data.fields:
                data.fields[name].queryset = queryset
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def respond(self, obj, *, created: bool = False):
        return Response(self.output(obj, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def review_perms(model: str, *extra: str) -> dict:
    change, review = f"qio_lifecycle.change_{model}", f"qio_lifecycle.review_{model}"
    return {
        "list": f"qio_lifecycle.view_{model}",
        "retrieve": f"qio_lifecycle.view_{model}",
        "create": change,
        "partial_update": change,
        "submit": change,
        "approve": review,
        "send_back": review,
        **{name: change for name in extra},
    }


class ReviewActionsMixin:
    """submit / approve / return for the artifacts the COR approves."""

    services: dict = {}

    def _run(self, request, pk, name, **kwargs):
        obj = self.scoped(pk)
        result = self.services[name](
            actor=request.user, request=request, **{self.obj_kwarg: obj}, **kwargs
        )
        return self.respond(result)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._run(request, pk, "submit")

    @extend_schema(request=s.LifecycleNoteInput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._run(request, pk, "approve", note=self.parse(s.LifecycleNoteInput)["note"])

    @extend_schema(request=s.LifecycleCommentsInput)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, pk=None):
        return self._run(
            request, pk, "return", comments=self.parse(s.LifecycleCommentsInput)["comments"]
        )
