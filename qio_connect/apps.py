from django.apps import AppConfig

NOTIFICATION_KINDS = {
    "connect.article_submitted": "QIO Connect: library content waiting for approval "
                                 "(NLC and Delegated Administrators)",
    "connect.article_decision": "QIO Connect: your library content was published, returned "
                                "or edited",
    "connect.change_request": "QIO Connect: requests to change library content, and their "
                              "outcome",
    "connect.group_post": "QIO Connect: new posts in groups you follow or facilitate",
    "connect.post_activity": "QIO Connect: replies and reactions to your posts",
    "connect.group_membership": "QIO Connect: you were added to a group or channel, or made "
                                "its facilitator",
    "connect.event_submitted": "QIO Connect: events waiting for your approval",
    "connect.event_decision": "QIO Connect: your events were approved or not approved",
    "connect.event_update": "QIO Connect: reminders, changes and cancellations of events you "
                            "subscribe to or follow",
    "connect.announcement": "QIO Connect: announcements from CMS and the Delegated "
                            "Administrator",
}


class QioConnectConfig(AppConfig):
    name = "qio_connect"
    verbose_name = "QIO Connect"

    def ready(self) -> None:
        from qis_portal.search import register_search

        from .search import LIBRARY_ITEMS

        register_search(LIBRARY_ITEMS)

        from django.db.models.signals import post_save

        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.models import Organization
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.sweeps import register_sweep

        from . import panels, signals

        for kind, label in NOTIFICATION_KINDS.items():
            register_kind(kind, label)
        register_nav(NavItem("QIO Connect", "qio_connect:home", "qio_connect.access", order=60))
        register_home_panel(HomePanel("QIO Connect", "qio_connect/panels/connect.html",
                                      "qio_connect.access", panels.connect_panel, order=60))
        register_home_panel(HomePanel("QIO Connect approvals", "qio_connect/panels/review.html",
                                      "qio_connect.view_reports", panels.review_panel,
                                      order=61))
        register_sweep("qio_connect.tasks.send_event_reminders", minutes=15)
        post_save.connect(signals.create_community, sender=Organization,
                          dispatch_uid="qio_connect.create_community")
