"""The round catalog: the guide as data, how it is loaded and chosen, and names for paths."""

from cjzn.guide.load import load_catalog
from cjzn.guide.models import (
    BasicGroup,
    BasicItem,
    Catalog,
    CatalogEnums,
    FormInfo,
    GuideInfo,
    KeyWork,
    OptionalPlanPart,
    PlanPart,
    Point,
    PostcodeRange,
    ReviewWords,
    Stage,
    Text,
    Wording,
    Workflow,
)
from cjzn.guide.resolve import Catalogs, bundled_rounds, catalog_for_round, resolve_catalog
from cjzn.guide.roster import Roster, normalise_unit_name

__all__ = [
    "BasicGroup",
    "BasicItem",
    "Catalog",
    "CatalogEnums",
    "Catalogs",
    "FormInfo",
    "GuideInfo",
    "KeyWork",
    "OptionalPlanPart",
    "PlanPart",
    "Point",
    "PostcodeRange",
    "ReviewWords",
    "Roster",
    "Stage",
    "Text",
    "Wording",
    "Workflow",
    "bundled_rounds",
    "catalog_for_round",
    "load_catalog",
    "normalise_unit_name",
    "resolve_catalog",
]
