"""What one `cjzn render` run did, in messages and an exit code, and the day a form is judged by."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.check import FileResult
from cjzn.i18n import Msg
from cjzn.load import Document
from cjzn.model import iso_date
from cjzn.options import Options, today_in_shanghai
from cjzn.text import display_path

__all__ = ["RenderOutcome", "form_options"]

_WROTE = Msg("已生成 {path}", "wrote {path}")
_BOOKLET = Msg(
    "已生成 {path}（{count} 份备案，共 {pages} 页）",
    "wrote {path} ({count} filing(s), {pages} page(s))",
)
_DRAFT = Msg(
    "{file}：有 {errors} 个错误，已按“草稿”生成；运行 cjzn validate {file} 查看",
    "{file}: {errors} error(s), rendered as a DRAFT; run `cjzn validate {file}`",
)
_UNREADABLE = Msg("{where}：{why}未生成", "{where}: {why}nothing rendered")
_UNREADABLE_IN_BOOKLET = Msg(
    "{where}：{why}合订本中以一页说明代替", "{where}: {why}a page in the booklet says so"
)
_WHY = Msg("{code} {message}；", "{code} {message}; ")
_CANNOT_READ = Msg("无法读取；", "cannot be read; ")


@dataclass
class RenderOutcome:
    """What one `cjzn render` run did; the CLI prints it and exits with `exit_code`."""

    stdout: str | None = None
    written: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Msg]] = field(default_factory=list)  # kept files, and why
    drafts: list[tuple[str, int]] = field(default_factory=list)  # (filing, errors)
    unreadable: list[FileResult] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why
    booklet: tuple[int, int] | None = None  # (filings, pages) of the one PDF written

    @property
    def exit_code(self) -> int:
        """0 all rendered from clean filings; 1 a draft, an unreadable filing or a kept file."""
        return 1 if (self.refused or self.drafts or self.unreadable) else 0

    def messages(self, lang: str = "zh") -> list[str]:
        lines = [text.get(lang) for text in self.skipped]
        if self.booklet is not None:
            count, pages = self.booklet
            lines += [
                _BOOKLET.format(lang, path=display_path(p), count=count, pages=pages)
                for p in self.written
            ]
        else:
            lines += [_WROTE.format(lang, path=display_path(path)) for path in self.written]
        lines += [_DRAFT.format(lang, file=file, errors=errors) for file, errors in self.drafts]
        unreadable = _UNREADABLE_IN_BOOKLET if self.booklet is not None else _UNREADABLE
        for result in self.unreadable:
            first = next((d for d in result.diagnostics if d.is_error), None)
            where = f"{result.file}:{first.line}:{first.column}" if first else result.file
            why = (
                _WHY.format(lang, code=first.code, message=first.message)
                if first
                else _CANNOT_READ.get(lang)
            )
            lines.append(unreadable.format(lang, where=where, why=why))
        lines += [why.get(lang) for _path, why in self.refused]
        return lines


def form_options(options: Options, document: Document | None) -> Options:
    """Judge the form as of the day it was filed, unless `--as-of` or `--stage` say otherwise.

    The 备案登记表 is the first stage's document: a form filed on time is not a
    draft because a later stage's work is overdue today. Without a filing date
    it is judged as of today (an unfiled form is a draft once S1 has closed).
    """
    if options.as_of is not None or options.stage is not None or document is None:
        return options
    submission = document.data.get("submission")
    filed = submission.get("filed_on") if isinstance(submission, dict) else None
    filed_on = iso_date(filed) if isinstance(filed, str) else None  # as validate reads it
    if filed_on is None:
        return options
    return dataclasses.replace(options, as_of=min(filed_on, today_in_shanghai()))
