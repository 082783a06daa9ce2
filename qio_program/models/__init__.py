"""The General Directory (providers) and the work basket (tasks): what every QIO app builds on.

Other apps (lifecycle, fqs) point at `Provider` and create `Task`s through
`qio_program.services.tasks.task_create`.
"""

from .directory import (
    AIAN_REGION_VALUES,
    SPL_ELIGIBLE,
    MedicareStatus,
    Provider,
    ProviderContact,
    ProviderSetting,
    ccn_validator,
    spl_flag_for_new_provider,
    tin_validator,
)
from .interactions import (
    IDF_DISCIPLINES,
    INTERACTION_CATEGORIES,
    INTERVENTION_REPORT_DAYS,
    Attachment,
    AudienceType,
    EngagementMode,
    IntensityLevel,
    Interaction,
    InteractionMode,
    InterventionReport,
)
from .outcomes import (
    OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    OutcomeMeasure,
    OutcomeStatus,
    OutcomeValue,
)
from .spl import SplEntry, SplUpload, SplUploadError, SplUploadStatus, SplVersion
from .tasks import Task, TaskComment, TaskPriority, TaskQueue, TaskStatus, TaskType, WorkGroup

__all__ = [
    "AIAN_REGION_VALUES", "SPL_ELIGIBLE", "IDF_DISCIPLINES", "INTERACTION_CATEGORIES",
    "INTERVENTION_REPORT_DAYS", "OUTPATIENT_MAX_MEASURES_PER_QUARTER", "Attachment",
    "AudienceType", "EngagementMode", "IntensityLevel", "Interaction", "InteractionMode",
    "InterventionReport", "MedicareStatus", "OutcomeMeasure", "OutcomeStatus", "OutcomeValue",
    "Provider",
    "ProviderContact", "ProviderSetting", "SplEntry", "SplUpload", "SplUploadError",
    "SplUploadStatus", "SplVersion", "Task", "TaskComment", "TaskPriority", "TaskQueue",
    "TaskStatus", "TaskType", "WorkGroup", "ccn_validator", "spl_flag_for_new_provider",
    "tin_validator",
]
