"""The guide's rules: one module per family, each rule a small unit with its code and examples."""

from cjzn.rules.base import Rule, RuleContext
from cjzn.rules.registry import ALL_CODES, RULES, codes_json, codes_markdown
from cjzn.rules.repo import REPO_RULES, RepoRule, UnitKey, unit_key

__all__ = [
    "ALL_CODES",
    "REPO_RULES",
    "RULES",
    "RepoRule",
    "Rule",
    "RuleContext",
    "UnitKey",
    "codes_json",
    "codes_markdown",
    "unit_key",
]
