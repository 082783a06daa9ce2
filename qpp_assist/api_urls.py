from qis_portal.api_base import PortalRouter

from .api.views import ContractorViewSet, HandOffViewSet, InquiryViewSet

router = PortalRouter()
router.include_root_view = False
router.register("inquiries", InquiryViewSet, basename="api-qpp-inquiry")
router.register("hand-offs", HandOffViewSet, basename="api-qpp-handoff")
router.register("contractors", ContractorViewSet, basename="api-qpp-contractor")

urlpatterns = router.urls
