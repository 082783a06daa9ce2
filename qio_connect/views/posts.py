"""A post with its replies and reactions; reply, react, edit, delete; who read it."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qis_portal.views.common import (
    bound,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)

from .. import selectors, services
from ..forms import PostForm
from ..models import Post, ReactionKind
from ..selectors.reports import readers
from .common import record_view
from .groups import group_url


def get_post(request, pk: int) -> Post:
    return get_object_or_404(selectors.posts_for(request.user), pk=pk)


def post_url(post: Post) -> str:
    top = post.parent_id or post.pk
    return reverse("qio_connect:post_detail", args=[top])


def reaction_rows(post: Post, user) -> list[dict]:
    counts = dict(post.reactions.values_list("kind").annotate(n=Count("id")))
    mine = set(post.reactions.filter(user=user).values_list("kind", flat=True))
    return [{"kind": kind, "label": label, "count": counts.get(kind, 0), "on": kind in mine}
            for kind, label in ReactionKind.choices]


def post_detail(request, pk: int):
    post = get_post(request, pk)
    if post.parent_id:
        return redirect(post_url(post) + f"#post-{post.pk}")
    user = request.user
    record_view(request, f"{post.group.name}: {post.excerpt}", post=post)
    replies = []
    for reply in post.replies.select_related("author__organization").order_by("created_at",
                                                                              "id"):
        reply.reaction_rows = reaction_rows(reply, user)
        reply.can_edit = user.has_perm("qio_connect.change_post", reply)
        reply.can_delete = user.has_perm("qio_connect.delete_post", reply)
        replies.append(reply)
    return render(request, "qio_connect/groups/post.html", {
        "post": post, "group": post.group, "replies": replies,
        "reactions": reaction_rows(post, user), "reply_form": PostForm(),
        "can_edit": user.has_perm("qio_connect.change_post", post),
        "can_delete": user.has_perm("qio_connect.delete_post", post),
        "can_see_readers": user.has_perm("qio_connect.view_reports"),
    })


@require_POST
def post_reply(request, pk: int):
    post = get_post(request, pk)
    form = PostForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(post_url(post))
    return run_action(request, post_url(post), services.post_create, "Reply posted.",
                      group=post.group, parent=post, body=form.cleaned_data["body"])


@require_POST
def post_react(request, pk: int):
    post = get_post(request, pk)
    response = run_action(request, post_url(post) + f"#post-{post.pk}", services.reaction_toggle,
                          "", post=post, kind=request.POST.get("kind", ""))
    if request.htmx:
        return render(request, "qio_connect/includes/reactions.html", {
            "reactions": reaction_rows(post, request.user), "target": post,
            "action": reverse("qio_connect:post_react", args=[post.pk])})
    return response


def post_edit(request, pk: int):
    post = get_post(request, pk)
    require_perm(request, "qio_connect.change_post", post)
    form = PostForm(bound(request), initial={"body": post.body})
    if request.method == "POST" and form.is_valid() and call_service(
            request, services.post_update, form=form, post=post,
            body=form.cleaned_data["body"]).ok:
            messages.success(request, "Post saved.")
            return redirect(post_url(post) + f"#post-{post.pk}")
    return render(request, "qio_connect/groups/post_edit.html", {"form": form, "post": post})


@require_POST
def post_delete(request, pk: int):
    post = get_post(request, pk)
    require_perm(request, "qio_connect.delete_post", post)
    back = post_url(post) if post.parent_id else group_url(post.group)
    services.post_delete(actor=request.user, post=post, request=request)
    messages.success(request, "Post deleted.")
    return redirect(back)


def post_readers(request, pk: int):
    """How many people read a specific post, and who (seed 001, Dashboards & Reports)."""
    post = get_post(request, pk)
    require_perm(request, "qio_connect.view_reports")
    return render(request, "qio_connect/groups/readers.html", {
        "post": post, "readers": readers(post=post)})
