from fqs.api import handoffs, views
from qis_portal.api_base import PortalRouter

router = PortalRouter()
router.include_root_view = False
router.register("requests", views.FqsRequestViewSet, basename="fqs-request")
router.register("activations", views.ActivationViewSet, basename="fqs-activation")
router.register("referrals", views.ReferralViewSet, basename="fqs-referral")
router.register("sprint-requests", views.SprintRequestViewSet, basename="fqs-sprint-request")
router.register("handoffs", handoffs.SupportHandoffViewSet, basename="fqs-handoff")
router.register("survey-responses", views.SurveyResponseViewSet,
                basename="fqs-survey-response")

urlpatterns = router.urls
