"""Core API: who am I, tokens (create with a password, list, revoke), notifications."""

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from qis_portal.api_exceptions import AccountLockedError, InvalidCredentials, SecondFactorRefused
from qis_portal.auth_backends import AccountLocked
from qis_portal.models import ApiToken, Notification, RoleAssignment, User
from qis_portal.permissions import RulePermission
from qis_portal.selectors import assignments_for_officer
from qis_portal.services.accounts import role_assignment_decide
from qis_portal.services.mfa import has_authenticator, mfa_needed, second_factor_check
from qis_portal.services.notifications import notification_mark_read
from qis_portal.services.tokens import api_token_create, api_token_revoke


class MeSerializer(serializers.ModelSerializer):
    organization = serializers.StringRelatedField()
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "organization", "roles"]

    def get_roles(self, user) -> list[str]:
        return sorted(user.active_roles)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class TokenObtainInput(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    name = serializers.CharField(max_length=100, required=False, default="API token")
    otp = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", trim_whitespace=True,
        help_text="The current 6-digit code from the authenticator app, or an unused recovery "
                  "code: required for every account that uses two-factor authentication "
                  "(all accounts in production).")


class TokenCreatedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    key = serializers.CharField(help_text="Shown once; store it now.")


class TokenObtainView(APIView):
    """Exchange e-mail, password and the second factor for a token; the same lockout as the
    browser applies. The code is checked here rather than asking for an MFA-verified session
    so that a machine client can obtain a token without a browser (SECURITY.md)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenObtainInput, responses={201: TokenCreatedOutput})
    def post(self, request):
        data = TokenObtainInput(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].strip().lower()
        user = authenticate(request, username=email, password=data.validated_data["password"])
        if user is None:
            # authenticate() swallows the backend's AccountLocked; ask the account directly.
            account = User.objects.filter(email=email).first()
            if account is not None and account.is_locked():
                raise AccountLockedError(str(AccountLocked(account)))
            raise InvalidCredentials()
        _require_second_factor(user, data.validated_data["otp"], request)
        token, key = api_token_create(user=user, name=data.validated_data["name"], request=request)
        return Response({"id": token.id, "name": token.name, "key": key},
                        status=status.HTTP_201_CREATED)


def _require_second_factor(user, code: str, request) -> None:
    if not mfa_needed(user):
        return
    if not has_authenticator(user):
        raise SecondFactorRefused("Set up two-factor authentication in the portal before "
                                  "asking for a token.")
    if not code:
        raise SecondFactorRefused()
    if second_factor_check(user=user, code=code, request=request, via="api-token") is None:
        raise SecondFactorRefused("The two-factor code is not valid.", code="mfa_invalid")


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class ApiTokenViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]

    queryset = ApiToken.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return ApiToken.objects.filter(user=self.request.user).order_by("-id")

    @extend_schema(request=None, responses=ApiTokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        get_object_or_404(self.get_queryset(), pk=pk)
        token = api_token_revoke(user=request.user, token_id=int(pk), request=request)
        return Response(ApiTokenSerializer(token).data)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "resolved_at"]
        read_only_fields = fields


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]

    queryset = Notification.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return Notification.objects.filter(recipient=self.request.user, in_app=True).order_by("-id")

    @extend_schema(request=None, responses={200: inline_serializer(
        "NotificationRead", {"read": serializers.BooleanField()})})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        get_object_or_404(self.get_queryset(), pk=pk)
        notification_mark_read(user=request.user, notification_ids=[int(pk)])
        return Response({"read": True})


class RoleAssignmentSerializer(serializers.ModelSerializer):
    user = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "region", "status", "requested_at", "decided_at",
                  "decision_note"]
        read_only_fields = fields


class DecisionInput(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RoleAssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            viewsets.GenericViewSet):
    """A Security Officer's queue of regional assignments (their regions only)."""

    serializer_class = RoleAssignmentSerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qis_portal.view_roleassignment",
                        "retrieve": "qis_portal.view_roleassignment",
                        "approve": "qis_portal.decide_roleassignment",
                        "reject": "qis_portal.decide_roleassignment"}
    filterset_fields = ["status", "role"]

    queryset = RoleAssignment.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return assignments_for_officer(self.request.user).order_by("-id")

    def _decide(self, request, pk, approve: bool):
        get_object_or_404(self.get_queryset(), pk=pk)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = role_assignment_decide(assignment_id=int(pk), actor=request.user,
                                            approve=approve, note=data.validated_data["note"],
                                            request=request)
        return Response(RoleAssignmentSerializer(assignment).data)

    @extend_schema(request=DecisionInput, responses=RoleAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, pk, approve=True)

    @extend_schema(request=DecisionInput, responses=RoleAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, pk, approve=False)
