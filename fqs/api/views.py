"""FQS viewsets: parse → one service or selector → serialize. Objects come from the user's
scoped queryset (another tenant's row answers 404); services check object permissions."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from fqs import selectors, services
from fqs.models import Referral, SurveyResponse
from fqs.services.surveys import READ_ACTION
from qis_portal.api_base import UPDATED_SINCE, ScopedViewSet
from qis_portal.api_bulk.mixins import BulkListMixin
from qis_portal.api_parsers import FormParser, JSONParser
from qis_portal.permissions import RulePermission

from . import serializers as s


class FqsViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_fields = ["status"]


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class FqsRequestViewSet(FqsViewSet):
    """FQS requests: anyone signed in submits; the CMS Intake Reviewer edits and decides."""

    serializer_class = s.FqsRequestOutput
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    rule_permissions = {
        "list": "fqs.view_fqsrequest", "retrieve": "fqs.view_fqsrequest",
        "create": "fqs.add_fqsrequest", "partial_update": "fqs.review_fqsrequest",
        "notes": "fqs.review_fqsrequest", "files": "fqs.view_fqsrequest",
        "approve": "fqs.review_fqsrequest", "reject": "fqs.review_fqsrequest",
        "medicare": "fqs.review_fqsrequest",
    }

    def scoped(self):
        return selectors.requests_for_user(self.request.user).select_related(
            "activation").prefetch_related("attachments", "route_cors", "route_smes")

    @extend_schema(request=s.FqsRequestCreateInput, responses={201: s.FqsRequestOutput})
    def create(self, request):
        data = self.parse(s.FqsRequestCreateInput)
        obj = services.fqs_request_create(actor=request.user, request=request, **data)
        return self.out(obj, status.HTTP_201_CREATED)

    @extend_schema(request=s.FqsRequestUpdateInput, responses=s.FqsRequestOutput)
    def partial_update(self, request, pk=None):
        obj = self.row(pk)
        data = dict(self.parse(s.FqsRequestUpdateInput))
        route_cors = data.pop("route_cors", None)
        route_smes = data.pop("route_smes", None)
        obj = services.fqs_request_update(fqs_request=obj, actor=request.user, data=data,
                                          route_cors=route_cors, route_smes=route_smes,
                                          request=request)
        return self.out(obj)

    @extend_schema(request=s.NoteInput, responses={201: s.FqsRequestOutput})
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        obj = self.row(pk)
        data = self.parse(s.NoteInput)
        services.fqs_request_note_add(fqs_request=obj, actor=request.user, body=data["body"],
                                      request=request)
        return self.out(obj, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": s.FileInput},
                   responses={201: s.AttachmentOutput})
    @action(detail=True, methods=["post"])
    def files(self, request, pk=None):
        obj = self.row(pk)
        data = self.parse(s.FileInput)
        row = services.fqs_request_attach(fqs_request=obj, actor=request.user,
                                          upload=data["file"], request=request)
        return Response(s.AttachmentOutput(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": s.MedicareVerificationInput},
                   responses={201: s.MedicareVerificationOutput})
    @action(detail=True, methods=["post"])
    def medicare(self, request, pk=None):
        row = services.fqs_request_verify_medicare(
            fqs_request=self.row(pk), actor=request.user, request=request,
            **self.parse(s.MedicareVerificationInput))
        return Response(s.MedicareVerificationOutput(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ApproveInput, responses=s.FqsRequestOutput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        obj = services.fqs_request_approve(fqs_request=self.row(pk), actor=request.user,
                                           note=self.parse(s.ApproveInput)["note"],
                                           request=request)
        return self.out(obj)

    @extend_schema(request=s.RejectInput, responses=s.FqsRequestOutput)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        obj = services.fqs_request_reject(fqs_request=self.row(pk), actor=request.user,
                                          reason=self.parse(s.RejectInput)["reason"],
                                          request=request)
        return self.out(obj)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ActivationViewSet(FqsViewSet):
    """FQS activations: the FQS Reviewer prepares and submits; the COR approves or rejects."""

    serializer_class = s.ActivationOutput
    rule_permissions = {
        "list": "fqs.view_activation", "retrieve": "fqs.view_activation",
        "partial_update": "fqs.change_activation", "providers": "fqs.change_activation",
        "submit": "fqs.change_activation", "approve": "fqs.decide_activation",
        "reject": "fqs.decide_activation",
    }

    def scoped(self):
        return selectors.activations_for_user(self.request.user).prefetch_related(
            "providers__provider", "referrals")

    @extend_schema(request=s.ActivationUpdateInput, responses=s.ActivationOutput)
    def partial_update(self, request, pk=None):
        obj = services.activation_update(activation=self.row(pk), actor=request.user,
                                         data=self.parse(s.ActivationUpdateInput),
                                         request=request)
        return self.out(obj)

    @extend_schema(request=s.ActivationProviderInput, responses={201: s.ActivationOutput})
    @action(detail=True, methods=["post"])
    def providers(self, request, pk=None):
        obj = self.row(pk)
        services.activation_provider_add(activation=obj, actor=request.user, request=request,
                                         **self.parse(s.ActivationProviderInput))
        return self.out(obj, status.HTTP_201_CREATED)

    @extend_schema(request=s.SubmitInput, responses=s.ActivationOutput)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        obj = services.activation_submit(activation=self.row(pk), actor=request.user,
                                         comment=self.parse(s.SubmitInput)["comment"],
                                         request=request)
        return self.out(obj)

    @extend_schema(request=s.ApproveInput, responses=s.ActivationOutput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        obj = services.activation_approve(activation=self.row(pk), actor=request.user,
                                          note=self.parse(s.ApproveInput)["note"],
                                          request=request)
        return self.out(obj)

    @extend_schema(request=s.RejectInput, responses=s.ActivationOutput)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        obj = services.activation_reject(activation=self.row(pk), actor=request.user,
                                         reason=self.parse(s.RejectInput)["reason"],
                                         request=request)
        return self.out(obj)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ReferralViewSet(BulkListMixin, FqsViewSet):
    """FQS referrals of the user's QIO (CMS: all): assignment, launch, the sprint's steps.

    A referral's row needs its sprint clock (`days_left`) and its outcomes' change from
    baseline, so the list pages on ids alone and serializes the page's referrals, read at
    once with their interventions and outcomes (`list_rows`)."""

    serializer_class = s.ReferralOutput
    filterset_fields = ["status", "region"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    rule_permissions = {
        "list": "fqs.view_referral", "retrieve": "fqs.view_referral",
        "assign": "fqs.assign_referral", "launch": "fqs.work_referral",
        "initiation": "fqs.work_referral", "complete_initiation": "fqs.work_referral",
        "qap": "fqs.work_referral", "agree_qap": "fqs.work_referral",
        "interventions": "fqs.work_referral", "outcomes": "fqs.work_referral",
        "resume": "fqs.resume_referral", "create_provider": "fqs.create_provider",
        "medicare": "fqs.create_provider",
        "export": "fqs.view_referral",
    }
    export_name = "fqs-referrals"
    list_values = ("id",)

    def scoped(self):
        return selectors.referrals_for_user(self.request.user).prefetch_related(
            "interventions", "outcomes__referral__activation_provider")

    def list_rows(self, rows: list[dict]) -> list[dict]:
        found = self.scoped().in_bulk([row["id"] for row in rows])
        return s.ReferralOutput([found[row["id"]] for row in rows], many=True,
                                context=self.get_serializer_context()).data

    def _step(self, fn, pk, serializer_class=None, code=status.HTTP_200_OK):
        extra = {"data": dict(self.parse(serializer_class))} if serializer_class else {}
        fn(referral=self.row(pk), actor=self.request.user, request=self.request, **extra)
        return self.out(Referral(pk=int(pk)), code)

    @extend_schema(request=s.AssignInput, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        services.referral_assign(referral=self.row(pk), actor=request.user, request=request,
                                 assignee=self.parse(s.AssignInput)["assignee"])
        return self.out(Referral(pk=int(pk)))

    @extend_schema(request=None, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"])
    def launch(self, request, pk=None):
        return self._step(services.referral_launch, pk)

    @extend_schema(request=s.InitiationInput, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"])
    def initiation(self, request, pk=None):
        return self._step(services.referral_initiation_update, pk, s.InitiationInput)

    @extend_schema(request=None, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"], url_path="complete-initiation")
    def complete_initiation(self, request, pk=None):
        return self._step(services.referral_complete_initiation, pk)

    @extend_schema(request=s.QapInput, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"])
    def qap(self, request, pk=None):
        return self._step(services.referral_qap_update, pk, s.QapInput)

    @extend_schema(request=None, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"], url_path="agree-qap")
    def agree_qap(self, request, pk=None):
        return self._step(services.referral_agree_qap, pk)

    @extend_schema(request=s.InterventionInput, responses={201: s.ReferralOutput})
    @action(detail=True, methods=["post"])
    def interventions(self, request, pk=None):
        services.referral_intervention_add(referral=self.row(pk), actor=request.user,
                                           request=request, **self.parse(s.InterventionInput))
        return self.out(Referral(pk=int(pk)), status.HTTP_201_CREATED)

    @extend_schema(request=s.OutcomeInput, responses={201: s.ReferralOutput})
    @action(detail=True, methods=["post"])
    def outcomes(self, request, pk=None):
        services.referral_outcome_add(referral=self.row(pk), actor=request.user,
                                      request=request, **self.parse(s.OutcomeInput))
        return self.out(Referral(pk=int(pk)), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ReferralOutput)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._step(services.referral_resume, pk)

    @extend_schema(request=s.ProviderCreateInput, responses={201: s.ProviderOutput})
    @action(detail=True, methods=["post"], url_path="create-provider")
    def create_provider(self, request, pk=None):
        provider = services.referral_provider_create(
            referral=self.row(pk), actor=request.user, request=request,
            **self.parse(s.ProviderCreateInput))
        return Response(s.ProviderOutput(provider).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": s.MedicareVerificationInput},
                   responses={201: s.MedicareVerificationOutput})
    @action(detail=True, methods=["post"])
    def medicare(self, request, pk=None):
        row = services.referral_verify_medicare(
            referral=self.row(pk), actor=request.user, request=request,
            **self.parse(s.MedicareVerificationInput))
        return Response(s.MedicareVerificationOutput(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class SprintRequestViewSet(FqsViewSet):
    """Early close-out, 7-day extension and place-on-hold requests; the COR decides."""

    serializer_class = s.SprintRequestOutput
    filterset_fields = ["status", "kind"]
    rule_permissions = {
        "list": "fqs.view_sprintrequest", "retrieve": "fqs.view_sprintrequest",
        "create": "fqs.add_sprintrequest", "approve": "fqs.decide_sprintrequest",
        "reject": "fqs.decide_sprintrequest", "withdraw": "fqs.withdraw_sprintrequest",
    }

    def scoped(self):
        return selectors.sprint_requests_for_user(self.request.user)

    @extend_schema(request=s.SprintRequestCreateInput, responses={201: s.SprintRequestOutput})
    def create(self, request):
        data = dict(self.parse(s.SprintRequestCreateInput))
        referral = get_object_or_404(selectors.referrals_for_user(request.user),
                                     pk=data.pop("referral"))
        row = services.sprint_request_create(referral=referral, actor=request.user,
                                             request=request, **data)
        return self.out(row, status.HTTP_201_CREATED)

    @extend_schema(request=s.ApproveInput, responses=s.SprintRequestOutput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        row = services.sprint_request_approve(sprint_request=self.row(pk), actor=request.user,
                                              note=self.parse(s.ApproveInput)["note"],
                                              request=request)
        return self.out(row)

    @extend_schema(request=s.RejectInput, responses=s.SprintRequestOutput)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        row = services.sprint_request_reject(sprint_request=self.row(pk), actor=request.user,
                                             reason=self.parse(s.RejectInput)["reason"],
                                             request=request)
        return self.out(row)

    @extend_schema(request=None, responses=s.SprintRequestOutput)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        row = services.sprint_request_withdraw(sprint_request=self.row(pk), actor=request.user,
                                               request=request)
        return self.out(row)


class SurveyResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            viewsets.GenericViewSet):
    """Provider feedback survey responses: the COR and CMS read-only users only (403 for
    everyone else); every response read is audited as survey_response.read_restricted."""

    serializer_class = s.SurveyResponseOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "fqs.read_survey_response",
                        "retrieve": "fqs.read_survey_response"}
    refusal_action = READ_ACTION

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SurveyResponse.objects.none()
        return selectors.survey_responses_for_user(self.request.user).order_by("-id")

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        rows = services.survey_responses_read(actor=request.user, responses=page,
                                              request=request)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, pk=None):
        row = get_object_or_404(self.get_queryset(), pk=pk)
        [row] = services.survey_responses_read(actor=request.user, responses=[row],
                                               request=request)
        return Response(self.get_serializer(row).data)
