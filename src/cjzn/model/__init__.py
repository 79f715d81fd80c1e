"""The filing format as pydantic models: field types, sections, and errors as diagnostics."""

from cjzn.model.codes import CODES, SUPPORTED_VERSIONS
from cjzn.model.errors import check_against, check_document
from cjzn.model.fields import iso_date
from cjzn.model.filing import Contact, Filing
from cjzn.model.review import (
    REVIEW_MODELS,
    Decision,
    DistrictReviewFile,
    EvaluationRecord,
    MunicipalReviewFile,
    ReviewTrail,
    inline_reviews,
)

__all__ = [
    "CODES",
    "REVIEW_MODELS",
    "SUPPORTED_VERSIONS",
    "Contact",
    "Decision",
    "DistrictReviewFile",
    "EvaluationRecord",
    "Filing",
    "MunicipalReviewFile",
    "ReviewTrail",
    "check_against",
    "check_document",
    "inline_reviews",
    "iso_date",
]
