from django.apps import AppConfig

NOTIFICATION_KINDS = {
    "fqs.request": "FQS requests: new requests and intake decisions",
    "fqs.activation": "FQS activations to prepare, approve, or that were decided",
    "fqs.referral": "FQS referrals: deployed, assigned, launched, progress and close-out",
    "fqs.sprint_request": "FQS close-out, extension and hold requests and their decisions",
    "fqs.launch_overdue": "An FQS referral passed its launch deadline",
    "fqs.survey": "FQS provider feedback surveys sent and answered",
    "fqs.handoff": "Non-FQS support hand-offs to the QIO: opened, accepted or declined",
}


class FqsConfig(AppConfig):
    name = "fqs"
    verbose_name = "Focused QIO Service"

    def ready(self) -> None:
        from qis_portal.search import register_search

        from .search import REFERRALS, REQUESTS

        register_search(REQUESTS)
        register_search(REFERRALS)

        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.sweeps import register_sweep

        from . import panels

        for kind, label in NOTIFICATION_KINDS.items():
            register_kind(kind, label)
        register_nav(NavItem("FQS", "fqs:dashboard", "fqs.access", order=40))
        register_home_panel(HomePanel("FQS intake queue", "fqs/panels/intake.html",
                                      "fqs.review_fqsrequest", panels.intake_queue, order=40))
        register_home_panel(HomePanel("FQS activations pending approval",
                                      "fqs/panels/activations.html", "fqs.decide_activation",
                                      panels.activations_pending, order=41))
        register_home_panel(HomePanel("My FQS referrals", "fqs/panels/referrals.html",
                                      "fqs.view_qio_referrals", panels.my_referrals, order=42))
        register_sweep("fqs.tasks.close_out_ended_sprints", minutes=15)
        register_sweep("fqs.tasks.flag_overdue_launches", hours=1)
        register_sweep("fqs.tasks.escalate_undecided_sprint_requests", hours=1)
