from django.urls import include, path, re_path

from qis_portal.api_base import PortalRouter
from scoring.api import uploads, views

router = PortalRouter()
router.include_root_view = False
router.register("measures", views.MeasureViewSet, basename="scoring-measure")
router.register("entities", views.EntityViewSet, basename="scoring-entity")
router.register("participants", views.ParticipantViewSet, basename="scoring-participant")
router.register("submissions", views.SubmissionViewSet, basename="scoring-submission")
router.register("runs", views.RunViewSet, basename="scoring-run")
router.register("scores", views.ScoreViewSet, basename="scoring-score")

urlpatterns = [
    path("evaluate/", views.EvaluateView.as_view(), name="api-scoring-evaluate"),
    re_path(r"^entities/(?P<pk>[0-9]+)/files/(?P<file_format>qpp_json|qrda3)/$",
            uploads.FormatUploadView.as_view(), name="api-scoring-entity-file"),
    path("", include(router.urls)),
]
