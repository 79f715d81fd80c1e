"""What a rule is, and what it is given to check.

A rule is a stable code with its documentation (`CodeInfo`: purpose, message,
help, passing and failing examples) and a `check` that yields diagnostics for
one filing. Rules see the validated model (bad values already pruned and
reported), the document for positions, the round's catalog, the filing's
timeline (evaluated once by the pipeline), and the run's options; they never
parse, print or exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjzn.diagnostics import CodeInfo, Diagnostic, Fix, Severity
from cjzn.guide import Catalog
from cjzn.guide.labels import describe
from cjzn.i18n import quote
from cjzn.load import Document, PathKey, dotted
from cjzn.model import Filing
from cjzn.options import Options
from cjzn.stages import Timeline

__all__ = ["Check", "Rule", "RuleContext"]


@dataclass
class RuleContext:
    """One filing as the rules see it."""

    filing: Filing
    document: Document
    catalog: Catalog
    options: Options
    timeline: Timeline
    base_dir: Path | None = None  # the folder evidence paths are relative to
    repo_root: Path | None = None  # the filings repo the evidence must stay inside
    folders: tuple[str, ...] = ()  # names of the folders above the filing, nearest first

    @property
    def lang(self) -> str:
        return self.options.lang

    def label(self, path: PathKey) -> str:
        return describe(path, self.catalog, self.lang, self.document.data)

    def quote(self, value: Any) -> str:
        return quote(value, self.lang)

    def report(
        self,
        info: CodeInfo,
        path: PathKey,
        *,
        at_key: bool = False,
        severity: Severity | None = None,
        fix: Fix | None = None,
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
            fix=fix,
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
