from django.urls import path

from qio_program.lifecycle.views import (
    a3c,
    actions,
    contract,
    provider_work,
    qap,
    reports,
    signatures,
)

app_name = "lifecycle"


def _work(kind: str) -> list:
    """List, start, detail and edit pages of the per-provider artifacts."""
    detail = qap.qap_detail if kind == "qap" else provider_work.work_detail
    kwargs = {} if kind == "qap" else {"kind": kind}
    return [
        path(f"{kind}/", provider_work.work_list, {"kind": kind}, name=f"{kind}_list"),
        path(f"{kind}/new/", provider_work.work_create, {"kind": kind}, name=f"{kind}_create"),
        path(f"{kind}/<int:pk>/", detail, kwargs, name=f"{kind}_detail"),
        path(f"{kind}/<int:pk>/edit/", provider_work.work_edit, {"kind": kind},
             name=f"{kind}_edit"),
    ]


urlpatterns = [
    path("", contract.index, name="index"),
    path("agreements/", contract.agreements, name="agreements"),
    path("task-orders/", contract.taskorder_list, name="taskorder_list"),
    path("task-orders/new/", contract.taskorder_create, name="taskorder_create"),
    path("task-orders/<int:pk>/", contract.taskorder_detail, name="taskorder_detail"),
    path("task-orders/<int:pk>/psa-target/", contract.psatarget_set, name="psatarget_set"),
    path("task-orders/<int:pk>/end/", contract.taskorder_end, name="taskorder_end"),
    path("task-orders/<int:pk>/cors/", contract.taskorder_cors, name="taskorder_cors"),
    path("task-orders/<int:pk>/handoff/", contract.handoff, name="handoff"),
    path("handoff-notes/incoming/", contract.handoff_incoming, name="handoff_incoming"),
    path("task-orders/<int:pk>/dashboard-template/", reports.template_detail,
         name="template_detail"),
    path("a3c/", a3c.a3c_list, name="a3c_list"),
    path("a3c/new/", a3c.a3c_create_view, name="a3c_create"),
    path("a3c/<int:pk>/", a3c.a3c_detail, name="a3c_detail"),
    path("a3c/<int:pk>/edit/", a3c.a3c_edit, name="a3c_edit"),
    *_work("pes"),
    *_work("psa"),
    *_work("pa"),
    *_work("qap"),
    path("qap/<int:pk>/initiatives/new/", qap.initiative_add, name="qap_initiative_add"),
    path("qap/initiatives/<int:pk>/interventions/new/", qap.intervention_add,
         name="qap_intervention_add"),
    path("qap/interventions/<int:pk>/activities/new/", qap.activity_add,
         name="qap_activity_add"),
    path("qap/<int:pk>/training/new/", qap.training_add, name="qap_training_add"),
    path("qap/items/<str:level>/<int:pk>/remove/", qap.item_remove, name="qap_item_remove"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/deliverable/<int:deliverable_pk>/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("<str:kind>/<int:pk>/act/<str:action>/", actions.act, name="act"),
    path("<str:kind>/<int:pk>/signature-link/", signatures.signature_link_send,
         name="signature_link_send"),
    path("<str:kind>/<int:pk>/paper-signature/", signatures.paper_signature,
         name="paper_signature"),
]
