"""ROOT_URLCONF of bench_load's server: the portal's own URLs, plus one yardstick route.

``/api/bench/plain-submissions/`` is what DRF gives with no effort: a ``ModelViewSet`` over
``Submission`` with a ``ModelSerializer(fields="__all__")`` and ``PageNumberPagination`` at
the portal's page size. It sits under ``/api/`` so the same middleware (sessions, burst
limits, JSON errors) runs for it as for the portal's API. Its rows are the ones a CMS reader
gets from ``/api/submissions/`` (filed forms, no drafts), so both walks read the same rows.
"""

from django.urls import include, path
from rest_framework import pagination, permissions, routers, serializers, viewsets

from qis_portal import urls as portal_urls
from qis_portal.pagination import PortalCursorPagination
from submissions.models import Submission

PLAIN_SUBMISSIONS = "api/bench/plain-submissions/"


class PlainSubmissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Submission
        fields = "__all__"


class PlainPagination(pagination.PageNumberPagination):
    page_size = PortalCursorPagination.page_size


class PlainSubmissionViewSet(viewsets.ModelViewSet):
    queryset = Submission.objects.exclude(status=Submission.Status.DRAFT).order_by("id")
    serializer_class = PlainSubmissionSerializer
    pagination_class = PlainPagination
    # The portal denies by default; DRF's own default would let anyone in.
    permission_classes = [permissions.IsAuthenticated]


router = routers.SimpleRouter()
router.register("", PlainSubmissionViewSet, basename="bench-plain-submission")

urlpatterns = [path(PLAIN_SUBMISSIONS, include(router.urls)), *portal_urls.urlpatterns]

handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
