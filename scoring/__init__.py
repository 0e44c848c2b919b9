"""S-400 Decision Desk scoring core: data, model, batched engine. Never imports Streamlit."""

from scoring.batch import Batch
from scoring.engine import evaluate, evaluate_batch
from scoring.loader import DataError, DecisionModel, default_model, load_model
from scoring.result import RankedOption, Result
from scoring.scenario import Scenario, describe_validation_error

__all__ = [
    "Batch",
    "DataError",
    "DecisionModel",
    "RankedOption",
    "Result",
    "Scenario",
    "default_model",
    "describe_validation_error",
    "evaluate",
    "evaluate_batch",
    "load_model",
]
