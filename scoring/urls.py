from django.urls import path

from scoring.views import catalogue, entities, format_uploads, runs, scores, uploads

app_name = "scoring"
urlpatterns = [
    path("", entities.entity_list, name="entity_list"),
    path("entities/new/", entities.entity_create, name="entity_create"),
    path("entities/<int:pk>/", entities.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/edit/", entities.entity_edit, name="entity_edit"),
    path("entities/<int:pk>/result/", entities.entity_result, name="entity_result"),
    path("entities/<int:pk>/participants/", entities.participants_edit,
         name="participants_edit"),
    path("entities/<int:pk>/participants/new/", entities.participants_add,
         name="participants_add"),
    path("entities/<int:pk>/participants/remove/", entities.participant_remove,
         name="participant_remove"),
    path("entities/<int:pk>/submissions/new/", entities.submission_form,
         name="submission_create"),
    path("entities/<int:pk>/submissions/<int:submission_pk>/", entities.submission_form,
         name="submission_edit"),
    path("entities/<int:pk>/submissions/<int:submission_pk>/delete/",
         entities.submission_delete, name="submission_delete"),
    path("measures/", catalogue.measure_list, name="measure_list"),
    path("measures/<str:measure_id>/", catalogue.measure_detail, name="measure_detail"),
    path("uploads/", uploads.upload, name="upload"),
    path("uploads/formats/", format_uploads.format_upload, name="format_upload"),
    path("uploads/<int:pk>/", uploads.upload_report, name="upload_report"),
    path("uploads/<int:pk>/problems.csv", uploads.upload_errors_csv, name="upload_errors_csv"),
    path("uploads/templates/<str:kind>.csv", uploads.upload_template_csv,
         name="upload_template_csv"),
    path("runs/", runs.run_list, name="run_list"),
    path("runs/start/", runs.run_start, name="run_start"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("scores/", scores.score_list, name="score_list"),
    path("scores/export.csv", scores.score_export, name="score_export"),
    path("scores/<int:pk>/", scores.score_detail, name="score_detail"),
]
