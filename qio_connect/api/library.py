"""Library items over REST: the same scope, services and permissions as the pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from qis_portal.api_base import UPDATED_SINCE
from qis_portal.api_parsers import FormParser, JSONParser

from .. import selectors, services
from ..models import LibraryItem
from ..selectors.library import keyword_filter
from . import serializers as s
from .common import ConnectViewSet, int_param

LIST_PARAMS = [
    UPDATED_SINCE,
    OpenApiParameter("q", str, description="Keywords (full-text search on PostgreSQL)."),
    OpenApiParameter("category", int, description="A topic id."),
    OpenApiParameter("tag", int, description="A tag id."),
    OpenApiParameter("organization", int, description="The author's organization (QIO) id."),
    OpenApiParameter("author", int, description="The author's user id."),
    OpenApiParameter("status", str, description="draft, published or rejected."),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMS))
class LibraryItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         mixins.DestroyModelMixin, ConnectViewSet):
    """Library items you may read: published content for your audience, your own items, and
    (NLC, Delegated Administrator) every candidate. Status changes only through the actions."""

    queryset = LibraryItem.objects.none()
    serializer_class = s.ConnectItemOutput
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    rule_permissions = {
        "list": "qio_connect.view_libraryitem", "retrieve": "qio_connect.view_libraryitem",
        "create": "qio_connect.add_libraryitem",
        "partial_update": "qio_connect.change_libraryitem",
        "destroy": "qio_connect.delete_libraryitem",
        "approve": "qio_connect.moderate_libraryitem",
        "reject": "qio_connect.moderate_libraryitem",
        "resubmit": "qio_connect.resubmit_libraryitem", "react": "qio_connect.react",
        "change_requests": "qio_connect.add_changerequest",
    }

    def scoped(self):
        return selectors.items_for(self.request.user).prefetch_related("tags")

    def filter_list(self, qs):
        params = self.request.query_params
        for name, lookup in (("category", "category_id"), ("tag", "tags__id"),
                             ("organization", "organization_id"), ("author", "author_id")):
            value = int_param(self.request, name)
            if value is not None:
                qs = qs.filter(**{lookup: value})
        if params.get("status") in LibraryItem.Status.values:
            qs = qs.filter(status=params["status"])
        terms = params.get("q", "").strip()[:200]
        if terms:
            qs = keyword_filter(qs, terms)
            if not params.get("cursor"):
                services.search_record(user=self.request.user, terms=terms,
                                       results=qs.count())
        return qs

    def retrieve(self, request, pk=None):
        item = self.row(pk)
        services.page_view_record(user=request.user, path=request.path, label=item.title,
                                  item=item)
        return Response(self.get_serializer(item).data)

    @extend_schema(request={"application/json": s.ConnectItemInput,
                            "multipart/form-data": s.ConnectItemInput},
                   responses={201: s.ConnectItemOutput})
    def create(self, request):
        data = dict(self.parse(s.ConnectItemInput))
        item = services.library_item_create(
            actor=request.user, kind=data.pop("kind"), upload=data.pop("file", None),
            captions=data.pop("captions", None), tags=data.pop("tags", []),
            publish=data.pop("publish", False), request=request, **data)
        return self.out(item, status.HTTP_201_CREATED)

    @extend_schema(request={"application/json": s.ConnectItemInput,
                            "multipart/form-data": s.ConnectItemInput},
                   responses=s.ConnectItemOutput)
    def partial_update(self, request, pk=None):
        item = self.row(pk)
        data = dict(self.parse(s.ConnectItemInput, partial=True))
        for ignored in ("kind", "publish"):
            data.pop(ignored, None)
        item = services.library_item_update(
            actor=request.user, item=item, upload=data.pop("file", None),
            captions=data.pop("captions", None), tags=data.pop("tags", None), request=request,
            **data)
        return self.out(item)

    def destroy(self, request, pk=None):
        services.library_item_delete(actor=request.user, item=self.row(pk), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.ConnectNoteInput, responses=s.ConnectItemOutput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        item = services.library_item_approve(actor=request.user, item=self.row(pk),
                                             note=self.parse(s.ConnectNoteInput)["note"],
                                             request=request)
        return self.out(item)

    @extend_schema(request=s.ConnectReasonInput, responses=s.ConnectItemOutput)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        item = services.library_item_reject(actor=request.user, item=self.row(pk),
                                            reason=self.parse(s.ConnectReasonInput)["reason"],
                                            request=request)
        return self.out(item)

    @extend_schema(request=None, responses=s.ConnectItemOutput)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        item = services.library_item_resubmit(actor=request.user, item=self.row(pk),
                                              request=request)
        return self.out(item)

    @extend_schema(request=s.ConnectReactionInput, responses=s.ConnectReactionOutput)
    @action(detail=True, methods=["post"])
    def react(self, request, pk=None):
        item = self.row(pk)
        on = services.reaction_toggle(actor=request.user, item=item,
                                      kind=self.parse(s.ConnectReactionInput)["kind"])
        return Response({"on": on, "counts": selectors.item_counts(item)})

    @extend_schema(request=s.ConnectChangeRequestInput,
                   responses={201: s.ConnectChangeRequestOutput})
    @action(detail=True, methods=["post"], url_path="change-requests")
    def change_requests(self, request, pk=None):
        change = services.change_request_create(
            actor=request.user, item=self.row(pk),
            body=self.parse(s.ConnectChangeRequestInput)["body"], request=request)
        return Response(s.ConnectChangeRequestOutput(change).data,
                        status=status.HTTP_201_CREATED)
