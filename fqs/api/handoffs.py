"""Non-FQS support hand-offs through the API: the QIO accepts or declines, CMS reads."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from fqs import selectors, services
from qis_portal.api_base import UPDATED_SINCE

from . import serializers as s
from .views import FqsViewSet


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class SupportHandoffViewSet(FqsViewSet):
    serializer_class = s.SupportHandoffOutput
    rule_permissions = {
        "list": "fqs.view_handoff", "retrieve": "fqs.view_handoff",
        "accept": "fqs.decide_handoff", "decline": "fqs.decide_handoff",
    }

    def scoped(self):
        return selectors.handoffs_for_user(self.request.user)

    @extend_schema(request=s.ApproveInput, responses=s.SupportHandoffOutput)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        row = services.support_handoff_accept(handoff=self.row(pk), actor=request.user,
                                              note=self.parse(s.ApproveInput)["note"],
                                              request=request)
        return self.out(row)

    @extend_schema(request=s.RejectInput, responses=s.SupportHandoffOutput)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        row = services.support_handoff_decline(handoff=self.row(pk), actor=request.user,
                                               reason=self.parse(s.RejectInput)["reason"],
                                               request=request)
        return self.out(row)
