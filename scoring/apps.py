from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "MIPS APM quality scoring"

    def ready(self) -> None:
        from qis_portal.home import HomePanel, register_home_panel
        from qis_portal.navigation import NavItem, register_nav

        from . import panels

        register_nav(NavItem("Scoring", "scoring:entity_list", "scoring.access", order=50))
        register_home_panel(HomePanel("MIPS APM quality scoring", "scoring/panels/home.html",
                                      "scoring.access", panels.home_panel, order=50))
