"""Discussion groups and posts over REST, scoped like the pages."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from qis_portal.api_base import UPDATED_SINCE

from .. import selectors, services
from ..models import Group, Post
from ..services.groups import UNSET
from . import serializers as s
from .common import ConnectViewSet, int_param


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class GroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ConnectViewSet):
    """Groups you see: public ones, your organization's, and those you were added to."""

    queryset = Group.objects.none()
    serializer_class = s.ConnectGroupOutput
    rule_permissions = {
        "list": "qio_connect.view_group", "retrieve": "qio_connect.view_group",
        "create": "qio_connect.add_group", "partial_update": "qio_connect.change_group",
        "join": "qio_connect.view_group", "leave": "qio_connect.view_group",
    }

    def scoped(self):
        return selectors.groups_for(self.request.user)

    @extend_schema(request=s.ConnectGroupInput, responses={201: s.ConnectGroupOutput})
    def create(self, request):
        data = self.parse(s.ConnectGroupInput)
        group = services.group_create(
            actor=request.user, name=data["name"], description=data.get("description", ""),
            visibility=data.get("visibility", Group.Visibility.PRIVATE),
            facilitator=data.get("facilitator", UNSET),
            co_facilitator=data.get("co_facilitator", UNSET), request=request)
        return self.out(group, status.HTTP_201_CREATED)

    @extend_schema(request=s.ConnectGroupInput, responses=s.ConnectGroupOutput)
    def partial_update(self, request, pk=None):
        group = self.row(pk)
        data = self.parse(s.ConnectGroupInput, partial=True)
        group = services.group_update(
            actor=request.user, group=group, name=data.get("name"),
            description=data.get("description"), visibility=data.get("visibility"),
            facilitator=data.get("facilitator", UNSET),
            co_facilitator=data.get("co_facilitator", UNSET), request=request)
        return self.out(group)

    @extend_schema(request=None, responses=s.ConnectGroupOutput)
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        group = self.row(pk)
        services.group_join(actor=request.user, group=group)
        return self.out(group)

    @extend_schema(request=None, responses=s.ConnectGroupOutput)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        group = self.row(pk)
        services.group_leave(actor=request.user, group=group)
        return self.out(group)


@extend_schema_view(list=extend_schema(parameters=[
    UPDATED_SINCE, OpenApiParameter("group", int, description="Only this group's posts."),
    OpenApiParameter("parent", int, description="Only the replies to this post.")]))
class PostViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ConnectViewSet):
    """Posts and replies in the groups you see."""

    queryset = Post.objects.none()
    serializer_class = s.ConnectPostOutput
    rule_permissions = {
        "list": "qio_connect.view_group", "retrieve": "qio_connect.view_group",
        "create": "qio_connect.add_post", "partial_update": "qio_connect.change_post",
        "destroy": "qio_connect.delete_post", "react": "qio_connect.react",
    }

    def scoped(self):
        return selectors.posts_for(self.request.user)

    def filter_list(self, qs):
        for name in ("group", "parent"):
            value = int_param(self.request, name)
            if value is not None:
                qs = qs.filter(**{f"{name}_id": value})
        return qs

    def retrieve(self, request, pk=None):
        post = self.row(pk)
        services.page_view_record(user=request.user, path=request.path,
                                  label=f"{post.group.name}: {post.excerpt}", post=post)
        return Response(self.get_serializer(post).data)

    @extend_schema(request=s.ConnectPostInput, responses={201: s.ConnectPostOutput})
    def create(self, request):
        data = self.parse(s.ConnectPostInput)
        group = selectors.groups_for(request.user).filter(pk=data["group"]).first()
        if group is None:
            raise ValidationError({"group": "No group of yours has this id."})
        parent = None
        if data.get("parent") is not None:
            parent = selectors.posts_for(request.user).filter(pk=data["parent"]).first()
            if parent is None:
                raise ValidationError({"parent": "No post of yours has this id."})
        post = services.post_create(actor=request.user, group=group, parent=parent,
                                    body=data["body"], request=request)
        return self.out(post, status.HTTP_201_CREATED)

    @extend_schema(request=s.ConnectPostUpdateInput, responses=s.ConnectPostOutput)
    def partial_update(self, request, pk=None):
        post = services.post_update(actor=request.user, post=self.row(pk),
                                    body=self.parse(s.ConnectPostUpdateInput)["body"],
                                    request=request)
        return self.out(post)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.post_delete(actor=request.user, post=self.row(pk), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.ConnectReactionInput, responses=s.ConnectToggleOutput)
    @action(detail=True, methods=["post"])
    def react(self, request, pk=None):
        on = services.reaction_toggle(actor=request.user, post=self.row(pk),
                                      kind=self.parse(s.ConnectReactionInput)["kind"])
        return Response({"on": on})
