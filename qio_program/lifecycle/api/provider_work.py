"""REST: per-provider work — PES and PSA (the provider signs), Provider Assessment, QAP."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from qio_program.lifecycle import selectors
from qio_program.lifecycle.api import serializers as s
from qio_program.lifecycle.api.base import (
    LifecycleViewSet,
    ReviewActionsMixin,
    review_perms,
)
from qio_program.lifecycle.models import QapInitiative, QapIntervention
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qis_portal.api_base import UPDATED_SINCE


class _ProviderWorkViewSet(LifecycleViewSet):
    create_input = update_input = None
    create_service = update_service = None
    obj_kwarg = ""

    def create(self, request):
        data = self.parse(self.create_input)
        task_order, provider = data.pop("task_order"), data.pop("provider")
        obj = type(self).create_service(
            actor=request.user, task_order=task_order, provider=provider, data=data, request=request
        )
        return self.respond(obj, created=True)

    def partial_update(self, request, pk=None):
        obj = self.scoped(pk)
        data = self.parse(self.update_input, partial=True)
        return self.respond(
            type(self).update_service(
                actor=request.user, data=data, request=request, **{self.obj_kwarg: obj}
            )
        )

    def _step(self, request, pk, service, **kwargs):
        obj = self.scoped(pk)
        return self.respond(
            service(actor=request.user, request=request, **{self.obj_kwarg: obj}, **kwargs)
        )


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE]),
    create=extend_schema(request=s.LifecyclePesCreateInput, responses={201: s.LifecyclePesOutput}),
    partial_update=extend_schema(request=s.LifecyclePesInput),
)
class PesViewSet(_ProviderWorkViewSet):
    selector = staticmethod(selectors.pes_for)
    output = s.LifecyclePesOutput
    filterset_fields = ["task_order", "provider", "status"]
    create_input, update_input = s.LifecyclePesCreateInput, s.LifecyclePesInput
    create_service = staticmethod(pes_services.pes_create)
    update_service = staticmethod(pes_services.pes_update)
    obj_kwarg = "pes"
    perm = "providerengagementstrategy"
    rule_permissions = {
        "list": f"qio_lifecycle.view_{perm}",
        "retrieve": f"qio_lifecycle.view_{perm}",
        "create": f"qio_lifecycle.change_{perm}",
        "partial_update": f"qio_lifecycle.change_{perm}",
        "present": f"qio_lifecycle.change_{perm}",
        "reevaluate": f"qio_lifecycle.change_{perm}",
        "sign": f"qio_lifecycle.sign_{perm}",
        "request_changes": f"qio_lifecycle.sign_{perm}",
    }

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def present(self, request, pk=None):
        return self._step(request, pk, pes_services.pes_present)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._step(request, pk, pes_services.pes_sign)

    @extend_schema(request=s.LifecycleProviderInputInput)
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        return self._step(
            request,
            pk,
            pes_services.pes_request_changes,
            **self.parse(s.LifecycleProviderInputInput),
        )

    @extend_schema(request=None, responses={201: s.LifecyclePesOutput})
    @action(detail=True, methods=["post"])
    def reevaluate(self, request, pk=None):
        copy = pes_services.pes_reevaluate(actor=request.user, pes=self.scoped(pk), request=request)
        return self.respond(copy, created=True)


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE]),
    create=extend_schema(request=s.LifecyclePsaCreateInput, responses={201: s.LifecyclePsaOutput}),
    partial_update=extend_schema(request=s.LifecyclePsaInput),
)
class PsaViewSet(_ProviderWorkViewSet):
    selector = staticmethod(selectors.psas_for)
    output = s.LifecyclePsaOutput
    filterset_fields = ["task_order", "provider", "status"]
    create_input, update_input = s.LifecyclePsaCreateInput, s.LifecyclePsaInput
    create_service = staticmethod(psa_services.psa_create)
    update_service = staticmethod(psa_services.psa_update)
    obj_kwarg = "psa"
    perm = "providerserviceagreement"
    rule_permissions = {
        "list": f"qio_lifecycle.view_{perm}",
        "retrieve": f"qio_lifecycle.view_{perm}",
        "create": f"qio_lifecycle.change_{perm}",
        "partial_update": f"qio_lifecycle.change_{perm}",
        "send": f"qio_lifecycle.change_{perm}",
        "sign": f"qio_lifecycle.sign_{perm}",
        "decline": f"qio_lifecycle.sign_{perm}",
        "terminate": f"qio_lifecycle.terminate_{perm}",
    }

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._step(request, pk, psa_services.psa_send)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._step(request, pk, psa_services.psa_sign)

    @extend_schema(request=s.LifecycleCommentsInput)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._step(
            request, pk, psa_services.psa_decline, **self.parse(s.LifecycleCommentsInput)
        )

    @extend_schema(request=s.LifecycleReasonInput)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        return self._step(
            request, pk, psa_services.psa_terminate, **self.parse(s.LifecycleReasonInput)
        )


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE]),
    create=extend_schema(
        request=s.LifecycleAssessmentCreateInput, responses={201: s.LifecycleAssessmentOutput}
    ),
    partial_update=extend_schema(request=s.LifecycleAssessmentInput),
)
class AssessmentViewSet(ReviewActionsMixin, _ProviderWorkViewSet):
    selector = staticmethod(selectors.assessments_for)
    output = s.LifecycleAssessmentOutput
    filterset_fields = ["task_order", "provider", "status"]
    create_input, update_input = s.LifecycleAssessmentCreateInput, s.LifecycleAssessmentInput
    create_service = staticmethod(pa_services.pa_create)
    update_service = staticmethod(pa_services.pa_update)
    obj_kwarg = "assessment"
    rule_permissions = review_perms("providerassessment")
    services = {
        "submit": pa_services.pa_submit,
        "approve": pa_services.pa_approve,
        "return": pa_services.pa_return,
    }


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE]),
    create=extend_schema(request=s.LifecycleQapCreateInput, responses={201: s.LifecycleQapOutput}),
    partial_update=extend_schema(request=s.LifecycleQapInput),
)
class QapViewSet(ReviewActionsMixin, _ProviderWorkViewSet):
    selector = staticmethod(selectors.qaps_for)
    prefetch = ("initiatives__sub_aim__aim", "initiatives__interventions__activities",
                "training_items")
    output = s.LifecycleQapOutput
    filterset_fields = ["task_order", "provider", "status"]
    create_input, update_input = s.LifecycleQapCreateInput, s.LifecycleQapInput
    create_service = staticmethod(qap_services.qap_create)
    update_service = staticmethod(qap_services.qap_update)
    obj_kwarg = "qap"
    rule_permissions = review_perms("qualityactionplan", "new_version", "items")
    services = {
        "submit": qap_services.qap_submit,
        "approve": qap_services.qap_approve,
        "return": qap_services.qap_return,
    }

    @extend_schema(request=None, responses={201: s.LifecycleQapOutput})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        copy = qap_services.qap_new_version(
            actor=request.user, qap=self.scoped(pk), request=request
        )
        return self.respond(copy, created=True)

    @extend_schema(request=s.LifecycleQapItemInput, responses={201: s.LifecycleQapOutput})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        """Add one node to the plan's tree (or its training plan)."""
        qap = self.scoped(pk)
        data = self.parse(s.LifecycleQapItemInput)
        level, common = (
            data["level"],
            {
                "actor": request.user,
                "request": request,
                "title": data.get("title", ""),
                "description": data.get("description", ""),
            },
        )
        if level == "initiative":
            qap_services.qap_add_initiative(qap=qap, sub_aim=data["sub_aim"], **common)
        elif level == "intervention":
            initiative = QapInitiative.objects.filter(qap=qap, pk=data["parent"]).first()
            if initiative is None:
                raise s.serializers.ValidationError({"parent": ["No such initiative here."]})
            qap_services.qap_add_intervention(initiative=initiative, **common)
        elif level == "activity":
            intervention = QapIntervention.objects.filter(
                initiative__qap=qap, pk=data["parent"]
            ).first()
            if intervention is None:
                raise s.serializers.ValidationError({"parent": ["No such intervention here."]})
            qap_services.qap_add_activity(
                intervention=intervention, target_date=data.get("target_date"), **common
            )
        else:
            common["topic"] = common.pop("title")
            qap_services.qap_add_training_item(
                qap=qap, plan_year=data["plan_year"], audience=data["audience"], **common
            )
        return self.respond(self.scoped(pk), created=True)
