"""REST: the A3C, reports and the executive dashboard template (the COR approves them)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from qio_program.lifecycle import selectors
from qio_program.lifecycle.api import serializers as s
from qio_program.lifecycle.api.base import (
    LifecycleViewSet,
    ReviewActionsMixin,
    review_perms,
)
from qio_program.lifecycle.services import a3c as a3c_services
from qio_program.lifecycle.services import reports as report_services
from qis_portal.api_base import UPDATED_SINCE


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class A3CViewSet(ReviewActionsMixin, LifecycleViewSet):
    selector = staticmethod(selectors.a3cs_for)
    prefetch = ("focus_areas__sub_aim__aim",)
    output = s.LifecycleA3COutput
    filterset_fields = ["task_order", "state", "status"]
    rule_permissions = review_perms("a3c", "new_version")
    obj_kwarg = "a3c"
    services = {
        "submit": a3c_services.a3c_submit,
        "approve": a3c_services.a3c_approve,
        "return": a3c_services.a3c_return,
    }

    @extend_schema(request=s.LifecycleA3CCreateInput, responses={201: s.LifecycleA3COutput})
    def create(self, request):
        data = self.parse(s.LifecycleA3CCreateInput)
        a3c = a3c_services.a3c_create(actor=request.user, request=request, **data)
        return self.respond(a3c, created=True)

    @extend_schema(request=s.LifecycleA3CUpdateInput)
    def partial_update(self, request, pk=None):
        a3c = self.scoped(pk)
        data = self.parse(s.LifecycleA3CUpdateInput, partial=True)
        areas = {
            item["sub_aim"].pk: {key: value for key, value in item.items() if key != "sub_aim"}
            for item in data.pop("focus_areas", [])
        }
        return self.respond(
            a3c_services.a3c_update(
                actor=request.user, a3c=a3c, scans=data, focus_areas=areas, request=request
            )
        )

    @extend_schema(request=None, responses={201: s.LifecycleA3COutput})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        copy = a3c_services.a3c_new_version(
            actor=request.user, a3c=self.scoped(pk), request=request
        )
        return self.respond(copy, created=True)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ReportViewSet(ReviewActionsMixin, LifecycleViewSet):
    selector = staticmethod(selectors.reports_for)
    output = s.LifecycleReportOutput
    filterset_fields = ["task_order", "kind", "status"]
    rule_permissions = review_perms("report")
    obj_kwarg = "report"
    services = {
        "submit": report_services.report_submit,
        "approve": report_services.report_approve,
        "return": report_services.report_return,
    }

    @extend_schema(request=s.LifecycleReportCreateInput, responses={201: s.LifecycleReportOutput})
    def create(self, request):
        data = self.parse(s.LifecycleReportCreateInput)
        report = report_services.report_start(actor=request.user, request=request, **data)
        return self.respond(report, created=True)

    @extend_schema(request=s.LifecycleReportUpdateInput)
    def partial_update(self, request, pk=None):
        report = self.scoped(pk)
        content = self.parse(s.LifecycleReportUpdateInput)["content"]
        return self.respond(
            report_services.report_update(
                actor=request.user, report=report, content=content, request=request
            )
        )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class DashboardTemplateViewSet(ReviewActionsMixin, LifecycleViewSet):
    selector = staticmethod(selectors.templates_for)
    output = s.LifecycleTemplateOutput
    filterset_fields = ["task_order", "status"]
    rule_permissions = review_perms("dashboardtemplate")
    obj_kwarg = "template"
    services = {
        "submit": report_services.template_submit,
        "approve": report_services.template_approve,
        "return": report_services.template_return,
    }

    @extend_schema(
        request=s.LifecycleTemplateCreateInput, responses={201: s.LifecycleTemplateOutput}
    )
    def create(self, request):
        data = self.parse(s.LifecycleTemplateCreateInput)
        template = report_services.template_start(actor=request.user, request=request, **data)
        return self.respond(template, created=True)

    @extend_schema(request=s.LifecycleTemplateInput)
    def partial_update(self, request, pk=None):
        template = self.scoped(pk)
        return self.respond(
            report_services.template_update(
                actor=request.user,
                template=template,
                data=self.parse(s.LifecycleTemplateInput, partial=True),
                request=request,
            )
        )
