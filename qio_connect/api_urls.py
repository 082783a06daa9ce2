from qis_portal.api_base import PortalRouter

from .api.events import EventViewSet
from .api.groups import GroupViewSet, PostViewSet
from .api.library import LibraryItemViewSet

router = PortalRouter()
router.include_root_view = False
router.register("library-items", LibraryItemViewSet, basename="connect-library-item")
router.register("groups", GroupViewSet, basename="connect-group")
router.register("posts", PostViewSet, basename="connect-post")
router.register("events", EventViewSet, basename="connect-event")

urlpatterns = router.urls
