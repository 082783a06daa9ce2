"""REST: task orders (award, end, PSA target), deliverables, hand-off notes, approvals."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from qio_program.lifecycle import selectors
from qio_program.lifecycle.api import serializers as s
from qio_program.lifecycle.api.base import LifecycleViewSet
from qio_program.lifecycle.services import completion, cor_assignment
from qio_program.lifecycle.services import contract as contract_services
from qis_portal.api_base import UPDATED_SINCE
from qis_portal.permissions import RulePermission


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class TaskOrderViewSet(LifecycleViewSet):
    selector = staticmethod(selectors.task_orders_for)
    output = s.LifecycleTaskOrderOutput
    filterset_fields = ["status", "qio"]
    rule_permissions = {
        "list": "qio_lifecycle.view_taskorder",
        "retrieve": "qio_lifecycle.view_taskorder",
        "create": "qio_lifecycle.add_taskorder",
        "end": "qio_lifecycle.end_taskorder",
        "psa_target": "qio_lifecycle.set_psatarget",
        "cors": "qio_lifecycle.assign_cor_taskorder",
    }

    @extend_schema(request=s.LifecycleTaskOrderInput, responses={201: s.LifecycleTaskOrderOutput})
    def create(self, request):
        order = contract_services.task_order_create(
            actor=request.user, request=request, **self.parse(s.LifecycleTaskOrderInput)
        )
        return self.respond(order, created=True)

    @extend_schema(request=s.LifecycleTaskOrderEndInput)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        data = self.parse(s.LifecycleTaskOrderEndInput)
        order = completion.task_order_end(
            actor=request.user, task_order=self.scoped(pk), request=request, **data
        )
        return self.respond(order)

    @extend_schema(request=s.LifecyclePsaTargetInput)
    @action(detail=True, methods=["post"], url_path="psa-target")
    def psa_target(self, request, pk=None):
        order = self.scoped(pk)
        contract_services.psa_target_set(
            actor=request.user,
            task_order=order,
            request=request,
            **self.parse(s.LifecyclePsaTargetInput),
        )
        return self.respond(self.scoped(pk))

    @extend_schema(request=s.LifecycleTaskOrderCorsInput)
    @action(detail=True, methods=["post"])
    def cors(self, request, pk=None):
        """Name the COR and alternate; open approval clocks move to them."""
        order = cor_assignment.task_order_cors_assign(
            actor=request.user, task_order=self.scoped(pk), request=request,
            **self.parse(s.LifecycleTaskOrderCorsInput))
        return self.respond(order)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class DeliverableViewSet(LifecycleViewSet):
    selector = staticmethod(selectors.deliverables_for)
    output = s.LifecycleDeliverableOutput
    filterset_fields = ["task_order", "kind", "contract_year", "state"]
    rule_permissions = {
        "list": "qio_lifecycle.view_deliverable",
        "retrieve": "qio_lifecycle.view_deliverable",
    }


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class HandoffNoteViewSet(LifecycleViewSet):
    selector = staticmethod(selectors.handoff_notes_for)
    output = s.LifecycleHandoffOutput
    filterset_fields = ["task_order", "topic"]
    rule_permissions = {
        "list": "qio_lifecycle.view_handoffnote",
        "retrieve": "qio_lifecycle.view_handoffnote",
        "create": "qio_lifecycle.add_handoffnote",
    }

    @extend_schema(request=s.LifecycleHandoffInput, responses={201: s.LifecycleHandoffOutput})
    def create(self, request):
        note = completion.handoff_note_create(
            actor=request.user, request=request, **self.parse(s.LifecycleHandoffInput)
        )
        return self.respond(note, created=True)


class ApprovalsView(APIView):
    """The COR's queue: everything submitted, overdue first, with business days left."""

    permission_classes = [RulePermission]
    rule_permissions = {"get": "qio_lifecycle.review_submissions"}

    @extend_schema(responses=s.LifecycleApprovalOutput(many=True))
    def get(self, request):
        items = selectors.approvals_waiting(request.user)
        return Response(s.LifecycleApprovalOutput(items, many=True).data)
