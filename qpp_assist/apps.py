from django.apps import AppConfig

NOTIFICATION_KINDS = {
    "qpp.inquiry_assigned": "A QPP inquiry was routed or handed off to your organization",
    "qpp.inquiry_update": "Your QPP inquiry was routed, handed off or answered",
    "qpp.help_desk_queue": "A QPP inquiry no contractor could take is in the CMS help desk queue",
    "qpp.inquiry_overdue": "A QPP inquiry passed its response deadline",
}


class QppAssistConfig(AppConfig):
    name = "qpp_assist"
    verbose_name = "QPP technical assistance"

    def ready(self) -> None:
        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.sweeps import register_sweep

        from . import panels

        for kind, label in NOTIFICATION_KINDS.items():
            register_kind(kind, label)
        register_nav(NavItem("QPP help", "qpp_assist:inquiry_list", "qpp_assist.access",
                             order=60))
        register_home_panel(HomePanel("QPP inquiries to answer", "qpp_assist/panels/queue.html",
                                      "qpp_assist.respond_inquiry", panels.queue, order=60))
        register_home_panel(HomePanel("QPP inquiries I recorded", "qpp_assist/panels/mine.html",
                                      "qpp_assist.add_inquiry", panels.mine, order=61))
        register_sweep("qpp_assist.tasks.escalate_overdue_inquiries", minutes=15)
