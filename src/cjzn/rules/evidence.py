"""Evidence paths (guide 四 第三阶段, 档案完备): inside the filings repo, and files, whatever the date.

The timeline already classified every evidence path (`cjzn.stages.evidence`);
these rules word the ones that are present and wrong: pointing out of the repo
(T104) or at a folder (T105).
"""

from __future__ import annotations

from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.rules.base import Rule, RuleContext
from cjzn.stages import Gap

__all__ = ["RULES"]


def _evidence(path: str, files: tuple[tuple[str, str], ...] = ()) -> Example:
    return Example(f"basic_work:\n  B1.1:\n    evidence: [{path}]\n", files=files)


_PDF = (("archive/B1.1/规划.pdf", "%PDF-1.4"),)

EVIDENCE_OUTSIDE = error(
    "T104", "evidence-outside-repo",
    Msg("存档材料不在备案仓库内", "evidence outside the filings repo"),
    Msg("{label}：{value} {reason}；存档材料必须放在备案仓库内", "{label}: {value} {reason}; evidence must be inside the filings repo"),
    Msg("把材料复制到备案文件旁的文件夹（例如 archive/B1.1/），写相对于备案文件的路径", "copy the file next to the filing (e.g. archive/B1.1/) and write the path relative to the filing"),
    passing=(_evidence("archive/B1.1/规划.pdf", _PDF),),
    failing=(
        _evidence("/etc/passwd"), _evidence("../../../etc/passwd"),
        _evidence("..\\..\\..\\etc\\passwd"), _evidence(".git/config"),
    ),
)  # fmt: skip
EVIDENCE_NOT_FILE = error(
    "T105", "evidence-not-a-file",
    Msg("存档材料是文件夹而不是文件", "evidence is a folder, not a file"),
    Msg("{label}：{value} 是文件夹，应写出其中的具体文件", "{label}: {value} is a folder; name the files in it"),
    Msg("每个存档材料写一个文件路径，例如 archive/B1.1/2013-发展规划.pdf", "list one file per entry, e.g. archive/B1.1/2013-plan.pdf"),
    passing=(_evidence("archive/B1.1/规划.pdf", _PDF),),
    failing=(_evidence("archive/B1.1", _PDF),),
)  # fmt: skip

_OUTSIDE_REASONS = {
    "absolute": Msg("是绝对路径", "is an absolute path"),
    "dotdot": Msg("用 .. 指向了备案仓库之外", "uses .. to point outside the filings repo"),
    "symlink": Msg("是指向备案仓库之外的符号链接", "is a symbolic link to outside the filings repo"),
    "git": Msg("在 .git 文件夹中（那是 git 自己的文件，不是存档材料）", "is inside .git (git's own files, not evidence)"),
}  # fmt: skip


def _invalid_gaps(ctx: RuleContext) -> Iterator[Gap]:
    seen: set[PathKey] = set()
    for stage in ctx.timeline.stages:
        for requirement in stage.requirements:
            for gap in requirement.gaps:
                if gap.invalid and gap.path not in seen:
                    seen.add(gap.path)
                    yield gap


def check_evidence_outside(ctx: RuleContext) -> Iterator[Diagnostic]:
    for gap in _invalid_gaps(ctx):
        if gap.kind == "outside":
            reason = _OUTSIDE_REASONS.get(gap.reason, _OUTSIDE_REASONS["dotdot"])
            yield ctx.report(
                EVIDENCE_OUTSIDE, gap.path, value=ctx.quote(gap.value), reason=reason.get(ctx.lang)
            )


def check_evidence_not_file(ctx: RuleContext) -> Iterator[Diagnostic]:
    for gap in _invalid_gaps(ctx):
        if gap.kind == "not_a_file":
            yield ctx.report(EVIDENCE_NOT_FILE, gap.path, value=ctx.quote(gap.value))


RULES = (
    Rule(EVIDENCE_OUTSIDE, check_evidence_outside),
    Rule(EVIDENCE_NOT_FILE, check_evidence_not_file),
)
