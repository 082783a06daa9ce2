from scoring.models.entities import ApmEntity, Participant, QualitySubmission
from scoring.models.reference import Benchmark, Measure, MeasureMethod
from scoring.models.runs import EntityScore, ScoringChunk, ScoringRun
from scoring.models.uploads import DataUpload

__all__ = ["ApmEntity", "Benchmark", "DataUpload", "EntityScore", "Measure", "MeasureMethod",
           "Participant", "QualitySubmission", "ScoringChunk", "ScoringRun"]
