"""What a rule is, and what it is given to check.

A rule is a stable code with its documentation (`CodeInfo`) and a `check`
that yields diagnostics for one filing. Rules see the validated model (bad
values already pruned and reported), the document for positions, the round's
catalog, and the run's options; they never parse, print or exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cjzn.catalog import Catalog
from cjzn.diagnostics import Diagnostic, Severity
from cjzn.labels import describe
from cjzn.loader import Document, PathKey, dotted
from cjzn.messages import CodeInfo, quote
from cjzn.model import Filing


@dataclass(frozen=True)
class Options:
    """Everything a run can be asked to do differently."""

    lang: str = "zh"
    as_of: date | None = None  # None: today in Asia/Shanghai
    stage: str | None = None  # treat this stage and the earlier ones as due
    strict: bool = False


@dataclass
class RuleContext:
    """One filing as the rules see it."""

    filing: Filing
    document: Document
    catalog: Catalog
    options: Options
    base_dir: Any = None  # the folder evidence paths are relative to (a Path), when on disk
    repo_root: Any = None  # the filings repo the evidence must stay inside (a Path)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.options.lang

    def label(self, path: PathKey) -> str:
        return describe(path, self.catalog, self.lang)

    def quote(self, value: Any) -> str:
        return quote(value, self.lang)

    def report(
        self,
        info: CodeInfo,
        path: PathKey,
        *,
        at_key: bool = False,
        severity: Severity | None = None,
        **params: Any,
    ) -> Diagnostic:
        """A diagnostic for `path`, located at its node (or its key, or its nearest parent)."""
        line, column = self.document.locate_key(path) if at_key else self.document.locate(path)
        params.setdefault("label", self.label(path))
        return info.diagnostic(
            lang=self.lang,
            file=self.document.file,
            line=line,
            column=column,
            path=dotted(path),
            severity=severity,
            **params,
        )


Check = Callable[[RuleContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A stable code, its documentation, and the check that enforces it."""

    info: CodeInfo
    check: Check

    @property
    def code(self) -> str:
        return self.info.code
