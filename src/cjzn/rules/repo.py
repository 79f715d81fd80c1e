"""Repo-wide rules (family R): problems only visible across several filings.

A per-file rule sees one filing; these see every result of a run, after the
per-file checks, and add their diagnostics to the files concerned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.loader import PathKey, dotted
from cjzn.messages import CodeInfo, Msg, error
from cjzn.rules.base import Options

if TYPE_CHECKING:
    from cjzn.validate import FileResult

DUPLICATE_UNIT = error(
    "R001", "duplicate-unit",
    Msg("同一街道（乡镇）备案了两次", "the same street/town is filed twice"),
    Msg("{name}（{district}）在 {others} 中也有备案；同一街道（乡镇）每轮只备案一次", "{name} ({district}) is also filed in {others}; a street/town files once per round"),
    Msg("保留一份备案，删除或合并另一份", "keep one filing and delete or merge the other"),
)  # fmt: skip

RepoCheck = Callable[[Sequence["FileResult"], Options], Iterable[tuple["FileResult", Diagnostic]]]


@dataclass(frozen=True)
class RepoRule:
    """A stable code and a check over all the results of a run."""

    info: CodeInfo
    check: RepoCheck

    @property
    def code(self) -> str:
        return self.info.code


def check_duplicate_units(
    results: Sequence[FileResult], options: Options
) -> Iterator[tuple[FileResult, Diagnostic]]:
    """Same round, district and name in two files: an error on each, naming the other."""
    groups: dict[tuple[str, str, str], list[FileResult]] = {}
    for result in results:
        if result.unit is not None:
            key = (result.unit.round, result.unit.district, result.unit.name)
            groups.setdefault(key, []).append(result)
    lang = options.lang
    separator = "、" if lang != "en" else ", "
    path: PathKey = ("unit", "name")
    for (_, district, name), members in groups.items():
        if len(members) < 2:
            continue
        for result in members:
            assert result.unit is not None
            others = separator.join(m.file for m in members if m is not result)
            line, column = result.unit.line, result.unit.column
            yield (
                result,
                DUPLICATE_UNIT.diagnostic(
                    lang=lang,
                    file=result.file,
                    line=line,
                    column=column,
                    path=dotted(path),
                    name=name,
                    district=district,
                    others=others,
                ),
            )


REPO_RULES: tuple[RepoRule, ...] = (RepoRule(DUPLICATE_UNIT, check_duplicate_units),)


def apply_repo_rules(results: Sequence[FileResult], options: Options) -> None:
    """Run every repo rule and add its diagnostics to the files they concern."""
    for rule in REPO_RULES:
        touched: list[FileResult] = []
        for result, diagnostic in rule.check(results, options):
            result.diagnostics.append(diagnostic)
            touched.append(result)
        for result in touched:
            result.diagnostics.sort(key=sort_key)
