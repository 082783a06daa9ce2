from django.apps import AppConfig


class QioProgramConfig(AppConfig):
    name = "qio_program"
    verbose_name = "QIN-QIO program"

    def ready(self) -> None:
        from qis_portal.search import register_search

        from .search import PROVIDERS, TASKS

        register_search(PROVIDERS)
        register_search(TASKS)

        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav
        from qis_portal.notification_kinds import register_kind
        from qis_portal.sweeps import register_sweep

        from . import home

        register_kind("qio.task_assigned", "A work-basket task is assigned to you")
        register_kind("qio.intervention_report_overdue",
                      "An intervention report is past its 5-day due date")
        register_kind("qio.spl_published", "CMS publishes a new SPL for your region")
        register_kind("qio.outcome_queried", "An outcome value you entered was queried")

        register_nav(NavItem("Directory", "qio_program:provider_list",
                             "qio_program.view_directory", order=20))
        register_nav(NavItem("Work basket", "qio_program:my_tasks",
                             "qio_program.view_workbasket", order=21))
        register_nav(NavItem("Interactions", "qio_program:interaction_list",
                             "qio_program.view_interaction", order=22))
        register_nav(NavItem("QIO dashboard", "qio_program:dashboard",
                             "qio_program.view_dashboard", order=23))
        register_nav(NavItem("SPL", "qio_program:spl_list", "qio_program.view_spl", order=24))
        register_nav(NavItem("Outcomes", "qio_program:my_outcomes",
                             "qio_program.view_own_outcomes", order=25))
        register_nav(NavItem("Outcome progress", "qio_program:outcome_progress",
                             "qio_program.view_outcome_progress", order=26))

        register_home_panel(HomePanel("My Tasks", "qio_program/home/my_tasks.html",
                                      "qio_program.view_workbasket", home.my_tasks_panel,
                                      order=10))
        register_home_panel(HomePanel("General Directory", "qio_program/home/directory.html",
                                      "qio_program.view_directory", home.directory_panel,
                                      order=11))
        register_home_panel(HomePanel("Service Provider Lists", "qio_program/home/spl.html",
                                      "qio_program.upload_spl", home.spl_panel, order=12))

        register_sweep("qio_program.tasks.intervention_report_reminder_sweep", minutes=60)
