from django.apps import AppConfig


def _home_context(request) -> dict:
    from submissions.views.home import home_panel_context

    return home_panel_context(request)


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "QIS submissions"

    def ready(self) -> None:
        from qis_portal.search import register_search

        from .search import SUBMISSIONS

        register_search(SUBMISSIONS)

        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.sweeps import register_sweep

        register_kind("submissions.submitted", "A QIS form was submitted to CMS")
        register_kind("submissions.review_started", "CMS started reviewing your QIS form")
        register_kind("submissions.determined", "CMS issued a determination on your QIS form")
        register_kind("submissions.deadline", "A QIS form due date is near (30, 7 and 1 days)")
        register_kind("submissions.plan_decided",
                      "CMS accepted or returned your Implementation Plan")
        register_kind("submissions.supplement_filed",
                      "An issuer filed a Modification Summary Supplement")
        register_kind("submissions.supplement_decided",
                      "CMS accepted or returned your Modification Summary Supplement")
        register_nav(NavItem("QIS submissions", "submissions:list",
                             "submissions.view_submission", order=10))
        register_home_panel(HomePanel("QIS submissions", "submissions/home_panel.html",
                                      "submissions.see_home_panel", _home_context, order=10))
        register_sweep("submissions.tasks.send_deadline_reminders", hours=6)
