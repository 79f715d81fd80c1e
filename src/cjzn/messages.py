"""Bilingual message templates and the metadata every diagnostic code carries.

Each code is described once, where it is produced (the loader, the field
checks, a rule module), by a `CodeInfo`. `cjzn.registry` gathers them so the
list of codes (`cjzn rules`, README) is generated, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from cjzn.diagnostics import Diagnostic, Severity


class Msg(NamedTuple):
    """A text in Chinese (the default) and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, lang: str, **params: Any) -> str:
        template = self.get(lang)
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template


@dataclass(frozen=True)
class CodeInfo:
    """What a diagnostic code means: the documentation and the message templates."""

    code: str
    name: str
    severity: Severity
    summary: Msg
    message: Msg
    hint: Msg = Msg("", "")  # noqa: RUF009 - a NamedTuple is immutable
    guide: str = ""  # the guide section it enforces, when it enforces one

    def diagnostic(
        self,
        *,
        lang: str,
        file: str,
        line: int,
        column: int,
        path: str,
        severity: Severity | None = None,
        **params: Any,
    ) -> Diagnostic:
        return Diagnostic(
            file=file,
            line=line,
            column=column,
            path=path,
            code=self.code,
            severity=severity or self.severity,
            message=self.message.format(lang, **params),
            hint=self.hint.format(lang, **params),
        )


def error(code: str, name: str, summary: Msg, message: Msg, hint: Msg, guide: str = "") -> CodeInfo:
    return CodeInfo(code, name, Severity.ERROR, summary, message, hint, guide)


def warning(
    code: str, name: str, summary: Msg, message: Msg, hint: Msg, guide: str = ""
) -> CodeInfo:
    return CodeInfo(code, name, Severity.WARNING, summary, message, hint, guide)


def quote(value: Any, lang: str) -> str:
    """A user value inside a message, shortened so a 10 KB paragraph stays one line."""
    text = str(value).replace("\n", " ")
    if len(text) > 40:
        text = text[:37] + "…"
    return f"“{text}”" if lang != "en" else f'"{text}"'


DID_YOU_MEAN = Msg("，是否应为 {x}？", "; did you mean {x}?")


def did_you_mean(suggestion: str | None, lang: str) -> str:
    """The tail every "not known" message shares; empty when there is nothing to suggest."""
    return DID_YOU_MEAN.format(lang, x=suggestion) if suggestion else ""
