"""QPP viewsets: parse → one service or selector → serialize. Rows come from the user's scoped
queryset (another organization's inquiry answers 404); services check object permissions under
the row lock (403) and the workflow (409)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from qis_portal import api_base
from qis_portal.api_base import UPDATED_SINCE
from qpp_assist import selectors, services
from qpp_assist.models import Contractor, HandOff, Inquiry

from . import serializers as s


class QppViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, api_base.ScopedViewSet):
    pass


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class InquiryViewSet(mixins.CreateModelMixin, QppViewSet):
    """QPP inquiries: recorded by clinicians, practices or the CMS help desk; routed by the
    seed's rules; answered, handed off or re-routed by their owner."""

    queryset = Inquiry.objects.none()
    serializer_class = s.InquiryOutput
    filterset_fields = ["status", "region", "priority"]
    rule_permissions = {
        "list": "qpp_assist.view_inquiry", "retrieve": "qpp_assist.view_inquiry",
        "create": "qpp_assist.add_inquiry", "route_override": "qpp_assist.override_route_inquiry",
        "respond": "qpp_assist.respond_inquiry",
    }

    def scoped(self):
        return selectors.inquiries_for_user(self.request.user).prefetch_related(
            "handoffs__from_contractor__organization", "handoffs__from_contractor__contractor_type",
            "handoffs__to_contractor__organization", "handoffs__to_contractor__contractor_type",
            "handoffs__by")

    def row(self, pk) -> Inquiry:
        return get_object_or_404(self.scoped(), pk=pk)

    def out(self, inquiry, code=status.HTTP_200_OK):
        return Response(s.InquiryOutput(self.scoped().get(pk=inquiry.pk)).data, status=code)

    @extend_schema(request=s.InquiryCreateInput, responses={201: s.InquiryOutput})
    def create(self, request, *args, **kwargs):
        inquiry = services.inquiry_submit(actor=request.user, request=request,
                                          data=dict(self.parse(s.InquiryCreateInput)))
        return self.out(inquiry, status.HTTP_201_CREATED)

    @extend_schema(request=s.RouteOverrideInput, responses=s.InquiryOutput)
    @action(detail=True, methods=["post"], url_path="route-override")
    def route_override(self, request, pk=None):
        inquiry = self.row(pk)
        data = self.parse(s.RouteOverrideInput)
        services.inquiry_override_route(inquiry=inquiry, actor=request.user,
                                        to_contractor=data["to_contractor"],
                                        reason=data["reason"], request=request)
        return self.out(inquiry)

    @extend_schema(request=s.RespondInput, responses=s.InquiryOutput)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        inquiry = self.row(pk)
        services.inquiry_respond(inquiry=inquiry, actor=request.user,
                                 response=self.parse(s.RespondInput)["response"],
                                 request=request)
        return self.out(inquiry)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class HandOffViewSet(mixins.CreateModelMixin, QppViewSet):
    """Warm hand-offs and routing overrides of the inquiries in the user's view. POST hands an
    inquiry off (its receiving contractor only)."""

    queryset = HandOff.objects.none()
    serializer_class = s.HandOffOutput
    filterset_fields = ["inquiry", "kind"]
    rule_permissions = {
        "list": "qpp_assist.view_handoff", "retrieve": "qpp_assist.view_handoff",
        "create": "qpp_assist.hand_off_inquiry",
    }

    def scoped(self):
        return selectors.handoffs_for_user(self.request.user)

    @extend_schema(request=s.HandOffCreateInput, responses={201: s.HandOffOutput})
    def create(self, request, *args, **kwargs):
        data = self.parse(s.HandOffCreateInput)
        inquiry = get_object_or_404(selectors.inquiries_for_user(request.user),
                                    pk=data["inquiry"])
        handoff = services.inquiry_hand_off(inquiry=inquiry, actor=request.user,
                                            to_contractor=data["to_contractor"],
                                            note=data["note"], request=request)
        return Response(s.HandOffOutput(self.scoped().get(pk=handoff.pk)).data,
                        status=status.HTTP_201_CREATED)


class ContractorViewSet(QppViewSet):
    """The contractors on record (ids for hand-offs, overrides and the PTN of an inquiry)."""

    queryset = Contractor.objects.none()
    serializer_class = s.ContractorOutput
    filterset_fields = ["region"]
    rule_permissions = {"list": "qpp_assist.view_contractortype",
                        "retrieve": "qpp_assist.view_contractortype"}

    def scoped(self):
        return selectors.active_contractors()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped().order_by("-id")
