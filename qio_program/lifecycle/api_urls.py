from django.urls import include, path

from qio_program.lifecycle.api import artifacts, contract, provider_work
from qis_portal.api_base import PortalRouter

router = PortalRouter()
router.include_root_view = False
router.register("task-orders", contract.TaskOrderViewSet, basename="lifecycle-task-order")
router.register("deliverables", contract.DeliverableViewSet, basename="lifecycle-deliverable")
router.register("a3cs", artifacts.A3CViewSet, basename="lifecycle-a3c")
router.register("pes", provider_work.PesViewSet, basename="lifecycle-pes")
router.register("psas", provider_work.PsaViewSet, basename="lifecycle-psa")
router.register("provider-assessments", provider_work.AssessmentViewSet,
                basename="lifecycle-provider-assessment")
router.register("qaps", provider_work.QapViewSet, basename="lifecycle-qap")
router.register("reports", artifacts.ReportViewSet, basename="lifecycle-report")
router.register("dashboard-templates", artifacts.DashboardTemplateViewSet,
                basename="lifecycle-dashboard-template")
router.register("handoff-notes", contract.HandoffNoteViewSet, basename="lifecycle-handoff-note")

urlpatterns = [
    path("approvals/", contract.ApprovalsView.as_view(), name="lifecycle-approvals"),
    path("", include(router.urls)),
]
