"""Events over REST: the calendars you see; submit, edit, approve, reject, cancel,
subscribe/follow/like and feedback through the same services as the pages."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from qis_portal.api_base import UPDATED_SINCE, parse_moment

from .. import selectors, services
from ..models import Event
from . import serializers as s
from .common import ConnectViewSet

EDITABLE = ("title", "description", "starts_at", "ends_at", "location", "online_url")


@extend_schema_view(list=extend_schema(parameters=[
    UPDATED_SINCE,
    OpenApiParameter("starts_after", OpenApiTypes.DATETIME, description="Events ending after "
                     "this time."),
    OpenApiParameter("starts_before", OpenApiTypes.DATETIME, description="Events starting "
                     "before this time."),
    OpenApiParameter("calendar", str, description="'public' or a group id."),
    OpenApiParameter("status", str, description="pending, approved, rejected or cancelled.")]))
class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ConnectViewSet):
    queryset = Event.objects.none()
    serializer_class = s.ConnectEventOutput
    rule_permissions = {
        "list": "qio_connect.view_event", "retrieve": "qio_connect.view_event",
        "create": "qio_connect.add_event", "partial_update": "qio_connect.change_event",
        "approve": "qio_connect.decide_event", "reject": "qio_connect.decide_event",
        "cancel": "qio_connect.cancel_event", "subscriptions": "qio_connect.subscribe_event",
        "feedback": "qio_connect.subscribe_event",
    }

    def scoped(self):
        return selectors.events_for(self.request.user)

    def filter_list(self, qs):
        params = self.request.query_params
        if params.get("starts_after"):
            qs = qs.filter(ends_at__gte=parse_moment(params["starts_after"], "starts_after"))
        if params.get("starts_before"):
            qs = qs.filter(starts_at__lt=parse_moment(params["starts_before"], "starts_before"))
        calendar = params.get("calendar", "")
        if calendar == "public":
            qs = qs.filter(group__isnull=True)
        elif calendar.isdigit():
            qs = qs.filter(group_id=int(calendar))
        if params.get("status") in Event.Status.values:
            qs = qs.filter(status=params["status"])
        return qs

    @extend_schema(request=s.ConnectEventInput, responses={201: s.ConnectEventOutput})
    def create(self, request):
        data = self.parse(s.ConnectEventInput)
        group = None
        if data.get("calendar") is not None:
            group = selectors.groups_for(request.user).filter(pk=data["calendar"]).first()
            if group is None:
                raise ValidationError({"calendar": "No group of yours has this id."})
        event = services.event_submit(
            actor=request.user, group=group, publish=data.get("publish", False),
            request=request, **{name: data[name] for name in EDITABLE if name in data})
        return self.out(event, status.HTTP_201_CREATED)

    @extend_schema(request=s.ConnectEventInput, responses=s.ConnectEventOutput)
    def partial_update(self, request, pk=None):
        event = self.row(pk)
        data = self.parse(s.ConnectEventInput, partial=True)
        event = services.event_update(actor=request.user, event=event, request=request,
                                      **{name: data[name] for name in EDITABLE if name in data})
        return self.out(event)

    @extend_schema(request=s.ConnectNoteInput, responses=s.ConnectEventOutput)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        event = services.event_approve(actor=request.user, event=self.row(pk),
                                       note=self.parse(s.ConnectNoteInput)["note"],
                                       request=request)
        return self.out(event)

    @extend_schema(request=s.ConnectReasonInput, responses=s.ConnectEventOutput)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        event = services.event_reject(actor=request.user, event=self.row(pk),
                                      reason=self.parse(s.ConnectReasonInput)["reason"],
                                      request=request)
        return self.out(event)

    @extend_schema(request=s.ConnectNoteInput, responses=s.ConnectEventOutput)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        event = services.event_cancel(actor=request.user, event=self.row(pk),
                                      reason=self.parse(s.ConnectNoteInput)["note"],
                                      request=request)
        return self.out(event)

    @extend_schema(request=s.ConnectSubscriptionInput, responses=s.ConnectToggleOutput)
    @action(detail=True, methods=["post"])
    def subscriptions(self, request, pk=None):
        on = services.event_subscription_toggle(
            actor=request.user, event=self.row(pk),
            kind=self.parse(s.ConnectSubscriptionInput)["kind"])
        return Response({"on": on})

    @extend_schema(request=s.ConnectFeedbackInput, responses=s.ConnectFeedbackOutput)
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        data = self.parse(s.ConnectFeedbackInput)
        feedback = services.event_feedback_give(actor=request.user, event=self.row(pk),
                                                rating=data["rating"], comment=data["comment"],
                                                request=request)
        return Response(s.ConnectFeedbackOutput(feedback).data)
