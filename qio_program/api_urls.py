from qio_program.api import interactions, outcomes, providers, spl, tasks
from qis_portal.api_base import PortalRouter

router = PortalRouter()
router.include_root_view = False
router.register("providers", providers.ProviderViewSet, basename="qio-provider")
router.register("spl-versions", spl.SplVersionViewSet, basename="qio-spl-version")
router.register("spl-uploads", spl.SplUploadViewSet, basename="qio-spl-upload")
router.register("tasks", tasks.TaskViewSet, basename="qio-task")
router.register("interactions", interactions.InteractionViewSet, basename="qio-interaction")
router.register("intervention-reports", interactions.InterventionReportViewSet,
                basename="qio-intervention-report")
router.register("outcomes", outcomes.OutcomeViewSet, basename="qio-outcome")
router.register("outcome-measures", outcomes.MeasureViewSet, basename="qio-outcome-measure")

urlpatterns = router.urls
