"""ROOT_URLCONF of bench_load's server: the portal's own URLs, plus yardstick routes.

``/api/bench/plain-<list>/`` is what DRF gives with no effort: a ``ModelViewSet`` with a
``ModelSerializer(fields="__all__")`` and ``PageNumberPagination`` at the portal's page size,
for submissions, providers, tasks and FQS referrals. They sit under ``/api/`` so the same
middleware (sessions, burst limits, JSON errors) runs for them as for the portal's API. Their
rows are the ones the pulling user gets from the portal's list (a CMS reader: filed forms, no
drafts, every provider and referral; a QIO associate: their QIO's tasks), so both walks read
the same rows.
"""

from django.urls import include, path
from rest_framework import pagination, permissions, routers, serializers, viewsets

from fqs.models import Referral
from qio_program.models import Provider, Task
from qis_portal import urls as portal_urls
from qis_portal.pagination import PortalCursorPagination
from submissions.models import Submission

PLAIN_SUBMISSIONS = "api/bench/plain-submissions/"
PLAIN = {"submissions": PLAIN_SUBMISSIONS, "providers": "api/bench/plain-providers/",
         "tasks": "api/bench/plain-tasks/", "referrals": "api/bench/plain-referrals/"}


class PlainPagination(pagination.PageNumberPagination):
    page_size = PortalCursorPagination.page_size


def plain_viewset(model, rows):
    """The stock viewset over ``rows(user)`` of ``model``, every field, page-numbered."""

    class Serializer(serializers.ModelSerializer):
        class Meta:
            fields = "__all__"

    Serializer.Meta.model = model

    class PlainViewSet(viewsets.ModelViewSet):
        serializer_class = Serializer
        pagination_class = PlainPagination
        # The portal denies by default; DRF's own default would let anyone in.
        permission_classes = [permissions.IsAuthenticated]

        def get_queryset(self):
            return rows(self.request.user).order_by("id")

    return PlainViewSet


VIEWSETS = {
    "submissions": plain_viewset(Submission, lambda user: Submission.objects.exclude(
        status=Submission.Status.DRAFT)),
    "providers": plain_viewset(Provider, lambda user: Provider.objects.all()),
    "tasks": plain_viewset(Task, lambda user: Task.objects.filter(qio=user.organization_id)),
    "referrals": plain_viewset(Referral, lambda user: Referral.objects.all()),
}


def _routes(viewset, basename):
    router = routers.SimpleRouter()
    router.register("", viewset, basename=basename)
    return router.urls


urlpatterns = [*(path(PLAIN[name], include(_routes(viewset, f"bench-plain-{name}")))
                 for name, viewset in VIEWSETS.items()), *portal_urls.urlpatterns]

handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
