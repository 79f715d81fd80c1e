"""The rule registry: every guide check, by its stable code.

Explicit on purpose (no import-time discovery): adding a rule means adding it
here, and the documentation test then insists it is documented.
"""

from __future__ import annotations

from cjzn.rules import codes, key_work, stages, values
from cjzn.rules.base import Options, Rule, RuleContext

RULES: dict[str, Rule] = {
    rule.code: rule for module in (key_work, codes, values, stages) for rule in module.RULES
}

__all__ = ["RULES", "Options", "Rule", "RuleContext"]
