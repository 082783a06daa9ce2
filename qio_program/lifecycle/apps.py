from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """The five-year contract lifecycle (A3C, PES, PSA, PA, QAP, reports): its own migrations."""

    name = "qio_program.lifecycle"
    label = "qio_lifecycle"
    verbose_name = "QIN-QIO lifecycle"

    def ready(self) -> None:
        from qio_program.lifecycle import home_panels
        from qio_program.lifecycle.services.outcomes import outcome_gate
        from qio_program.lifecycle.services.signatures import PURPOSES
        from qio_program.lifecycle.views.signatures import sign_by_link
        from qio_program.services.outcome_gate import register_outcome_gate
        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.onetime_links import register_link_view
        from qis_portal.sweeps import register_sweep

        register_kind("lifecycle.awaiting_approval",
                      "An A3C, Provider Assessment, QAP or report awaits your approval (CORs)")
        register_kind("lifecycle.decision",
                      "The COR or a provider decided on your QIO's submission")
        register_kind("lifecycle.pa_reminder",
                      "A Provider Assessment has 2 or 1 business days left for approval (CORs)",
                      mandatory=True)
        register_kind("lifecycle.pa_escalation",
                      "A Provider Assessment passed its 5-business-day approval deadline",
                      mandatory=True)
        register_kind("lifecycle.signature_requested",
                      "A PES or PSA waits for your signature (providers)")
        register_kind("lifecycle.signed", "A provider signed a PES or PSA of your QIO")
        register_kind("lifecycle.accounts_closed",
                      "A QIO's accounts were closed at the end of its task order (CORs)")

        register_outcome_gate(outcome_gate)
        for purpose in PURPOSES.values():  # a provider contact signs from an e-mailed link
            register_link_view(purpose, sign_by_link)

        register_sweep("qio_program.lifecycle.tasks.provider_assessment_deadlines", minutes=15)
        register_sweep("qio_program.lifecycle.tasks.close_ended_task_order_accounts", hours=1)
        register_sweep("qio_program.lifecycle.tasks.queue_ahqt_tasks", hours=1)

        register_nav(NavItem("Contract lifecycle", "lifecycle:index",
                             "qio_lifecycle.view_taskorder", order=30))
        register_nav(NavItem("Agreements to sign", "lifecycle:agreements",
                             "qio_lifecycle.view_agreements_to_sign", order=31))

        register_home_panel(HomePanel("Approvals waiting", "lifecycle/panels/approvals.html",
                                      "qio_lifecycle.review_submissions",
                                      context=home_panels.approvals, order=20))
        register_home_panel(HomePanel("Next deliverables", "lifecycle/panels/deliverables.html",
                                      "qio_lifecycle.change_report",
                                      context=home_panels.deliverables, order=21))
        register_home_panel(HomePanel("Agreements to sign", "lifecycle/panels/agreements.html",
                                      "qio_lifecycle.view_agreements_to_sign",
                                      context=home_panels.agreements, order=22))
