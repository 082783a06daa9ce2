from django.urls import path

from qio_program.views import (
    dashboard,
    directory,
    directory_bulk,
    interactions,
    outcomes,
    spl,
    tasks,
)

app_name = "qio_program"

urlpatterns = [
    # General Directory
    path("directory/", directory.provider_list, name="provider_list"),
    path("directory/export.csv", directory.provider_export, name="provider_export"),
    path("directory/bulk/", directory_bulk.provider_bulk, name="provider_bulk"),
    path("directory/bulk/undo/", directory_bulk.provider_bulk_undo, name="provider_bulk_undo"),
    path("providers/new/", directory.provider_create_view, name="provider_create"),
    path("providers/<int:pk>/", directory.provider_detail, name="provider_detail"),
    path("providers/<int:pk>/edit/", directory.provider_edit, name="provider_edit"),
    path("providers/<int:pk>/contacts/new/", directory.contact_edit, name="contact_create"),
    path("providers/<int:pk>/contacts/<int:contact_pk>/edit/", directory.contact_edit,
         name="contact_edit"),
    path("providers/<int:pk>/contacts/<int:contact_pk>/delete/", directory.contact_delete,
         name="contact_delete"),
    path("providers/<int:pk>/interactions/", interactions.provider_interactions,
         name="provider_interactions"),
    path("providers/<int:pk>/outcomes/", outcomes.provider_outcomes, name="provider_outcomes"),
    path("providers/<int:pk>/outcomes/<int:measure_pk>/", outcomes.measure_history,
         name="measure_history"),
    path("outcomes/", directory.my_outcomes, name="my_outcomes"),
    path("outcomes/progress/", outcomes.outcome_progress_view, name="outcome_progress"),
    path("outcomes/<int:pk>/validate/", outcomes.outcome_validate_view, name="outcome_validate"),
    path("outcomes/<int:pk>/query/", outcomes.outcome_query_view, name="outcome_query"),
    # Service Provider Lists
    path("spl/", spl.spl_list, name="spl_list"),
    path("spl/upload/", spl.spl_upload, name="spl_upload"),
    path("spl/uploads/<int:pk>/", spl.spl_upload_detail, name="spl_upload_detail"),
    path("spl/uploads/<int:pk>/progress/", spl.spl_upload_progress, name="spl_upload_progress"),
    path("spl/uploads/<int:pk>/problems.csv", spl.spl_upload_errors_csv,
         name="spl_upload_errors_csv"),
    path("spl/versions/<int:pk>/", spl.spl_version_detail, name="spl_version_detail"),
    path("spl/versions/<int:pk>/export.csv", spl.spl_version_export, name="spl_version_export"),
    # Work basket
    path("tasks/", tasks.my_tasks, name="my_tasks"),
    path("tasks/qio/", tasks.qio_tasks, name="qio_tasks"),
    path("tasks/queues/<str:queue>/", tasks.queue_tasks, name="queue_tasks"),
    path("tasks/new/", tasks.task_create_view, name="task_create"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/comment/", tasks.task_comment, name="task_comment"),
    path("tasks/<int:pk>/assign/", tasks.task_assign_view, name="task_assign"),
    path("tasks/<int:pk>/complete/", tasks.task_complete_view, name="task_complete"),
    path("tasks/<int:pk>/reopen/", tasks.task_reopen_view, name="task_reopen"),
    path("groups/", tasks.workgroup_list, name="workgroup_list"),
    path("groups/new/", tasks.workgroup_edit, name="workgroup_create"),
    path("groups/<int:group_pk>/edit/", tasks.workgroup_edit, name="workgroup_edit"),
    # Interactions and intervention reports
    path("interactions/", interactions.interaction_list_view, name="interaction_list"),
    path("interactions/new/", interactions.interaction_create_view, name="interaction_create"),
    path("interactions/<int:pk>/", interactions.interaction_detail, name="interaction_detail"),
    path("interactions/<int:pk>/files/<int:attachment_pk>/", interactions.attachment_download,
         name="attachment_download"),
    path("interactions/<int:pk>/report/", interactions.intervention_report_edit,
         name="intervention_report"),
    # Dashboard
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
