from qis_portal.api_base import PortalRouter
from submissions import api

router = PortalRouter()
router.include_root_view = False
# The fixed prefixes first: the submissions themselves sit at the root of /api/submissions/.
router.register("plans", api.ImplementationPlanViewSet, basename="api-qis-plan")
router.register("windows", api.SubmissionWindowViewSet, basename="api-qis-window")
router.register("", api.SubmissionViewSet, basename="api-qis-submission")

urlpatterns = router.urls
