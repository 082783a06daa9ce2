"""Discussion group pages: the list, a group with its posts, create, edit (facilitators),
join and leave, members, and private channels between CMS and a QIO."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qis_portal.models import User
from qis_portal.views.common import (
    bound,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)

from .. import selectors, services
from ..forms import ChannelForm, GroupEditForm, GroupForm, MemberAddForm, PostForm
from ..models import Group, GroupMember
from .common import record_view


def get_group(request, pk: int) -> Group:
    group = get_object_or_404(selectors.groups_for(request.user), pk=pk)
    require_perm(request, "qio_connect.view_group", group)
    return group


def group_url(group: Group) -> str:
    return reverse("qio_connect:group_detail", args=[group.pk])


def group_list(request):
    require_perm(request, "qio_connect.view_group")
    user = request.user
    rows = (selectors.groups_for(user)
            .annotate(post_count=Count("posts", filter=Q(posts__parent__isnull=True)),
                      joined=Exists(GroupMember.objects.filter(group=OuterRef("pk"), user=user)))
            .order_by("kind", "name", "id"))
    record_view(request, "Discussion groups")
    mine = [g for g in rows if g.organization_id == user.organization_id or g.joined
            or user.pk in g.facilitator_ids()]
    others = [g for g in rows if g not in mine]
    return render(request, "qio_connect/groups/list.html", {
        "mine": mine, "others": others,
        "can_create": user.has_perm("qio_connect.add_group"),
        "can_open_channel": user.has_perm("qio_connect.add_channel"),
    })


def group_detail(request, pk: int):
    group = get_group(request, pk)
    user = request.user
    record_view(request, group.name, group=group)
    posts = (group.posts.filter(parent__isnull=True).select_related("author__organization")
             .annotate(reply_count=Count("replies", distinct=True),
                       reaction_count=Count("reactions", distinct=True))
             .order_by("-created_at", "-id"))
    page = Paginator(posts, 20).get_page(request.GET.get("page"))
    can_manage = user.has_perm("qio_connect.change_group", group)
    return render(request, "qio_connect/groups/detail.html", {
        "group": group, "page": page, "post_form": PostForm(),
        "members": group.memberships.select_related("user__organization"),
        "is_member": group.memberships.filter(user=user).exists(),
        "can_manage": can_manage, "member_form": MemberAddForm() if can_manage else None,
        "events": selectors.upcoming_events(user, limit=5, calendar_filter=str(group.pk)),
    })


def group_create(request):
    require_perm(request, "qio_connect.add_group")
    form = GroupForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.group_create, form=form, **form.cleaned_data)
        if done.ok:
            messages.success(request, "Group created. You are its facilitator.")
            return redirect(group_url(done.result))
    return render(request, "qio_connect/groups/form.html", {"form": form, "group": None})


def group_edit(request, pk: int):
    group = get_group(request, pk)
    require_perm(request, "qio_connect.change_group", group)
    form = GroupEditForm(bound(request), group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            request, services.group_update, form=form, group=group, name=data["name"],
            description=data["description"], visibility=data.get("visibility"),
            facilitator=data["facilitator"], co_facilitator=data["co_facilitator"])
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Group saved.")
            return redirect(group_url(group))
    return render(request, "qio_connect/groups/form.html", {"form": form, "group": group})


def channel_create(request):
    require_perm(request, "qio_connect.add_channel")
    form = ChannelForm(bound(request), actor=request.user)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.channel_create, form=form, **form.cleaned_data)
        if done.ok:
            messages.success(request, "Private channel opened.")
            return redirect(group_url(done.result))
    return render(request, "qio_connect/groups/channel_form.html", {"form": form})


@require_POST
def group_join(request, pk: int):
    group = get_group(request, pk)
    return run_action(request, group_url(group), services.group_join,
                      "You follow this group: new posts are in your notifications.",
                      group=group)


@require_POST
def group_leave(request, pk: int):
    group = get_group(request, pk)
    return run_action(request, group_url(group), services.group_leave,
                      "You no longer follow this group.", group=group)


@require_POST
def member_add(request, pk: int):
    group = get_group(request, pk)
    require_perm(request, "qio_connect.change_group", group)
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(group_url(group))
    return run_action(request, group_url(group), services.group_member_add, "Member added.",
                      group=group, user=form.cleaned_data["user"])


@require_POST
def member_remove(request, pk: int, user_id: int):
    group = get_group(request, pk)
    require_perm(request, "qio_connect.change_group", group)
    person = get_object_or_404(User, pk=user_id, connect_memberships__group=group)
    return run_action(request, group_url(group), services.group_member_remove,
                      "Member removed.", group=group, user=person)


@require_POST
def post_create(request, pk: int):
    group = get_group(request, pk)
    form = PostForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(group_url(group))
    return run_action(request, group_url(group), services.post_create, "Posted.", group=group,
                      body=form.cleaned_data["body"])

