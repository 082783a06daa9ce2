from django.urls import path

from submissions.views import exports, plans, review, supplements, windows
from submissions.views import submissions as views

app_name = "submissions"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("new/", views.submission_start, name="start"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.json", exports.export_json, name="export_json"),
    path("<int:pk>/", review.submission_detail, name="detail"),
    path("<int:pk>/part/<slug:part>/", views.submission_part, name="part"),
    path("<int:pk>/submit/", views.submission_submit_view, name="submit"),
    path("<int:pk>/start-review/", review.submission_start_review_view, name="start_review"),
    path("<int:pk>/determine/", review.submission_determine_view, name="determine"),
    path("<int:pk>/print/", exports.submission_print, name="print"),
    path("<int:pk>/correction-report/", review.correction_report, name="correction_report"),
    path("<int:pk>/pdf/", exports.submission_pdf_view, name="pdf"),
    path("<int:pk>/json/", exports.submission_json_view, name="json"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_edit, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/decide/", plans.plan_decide, name="plan_decide"),
    path("plans/<int:pk>/supplement/", supplements.supplement_new, name="supplement_new"),
    path("supplements/<int:pk>/", supplements.supplement_detail, name="supplement_detail"),
    path("supplements/<int:pk>/decide/", supplements.supplement_decide,
         name="supplement_decide"),
    path("plan-years/", windows.window_list, name="window_list"),
]
