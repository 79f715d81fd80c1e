"""The one bilingual mechanism: every text a user reads is a `Msg` (Chinese first, English).

Messages, hints, the catalog's labels and titles, the words of the status
table and the dashboard are all `Msg` values picked by the run's `lang`; no
module writes ``... if lang == "en" else ...``. A few helpers put user values
and lists into a sentence the way each language punctuates them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal, NamedTuple

from cjzn.text import visible

__all__ = ["LANGS", "Lang", "Msg", "did_you_mean", "join", "paren", "quote"]

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")


class Msg(NamedTuple):
    """A text in Chinese (the default) and English; `format` fills `{name}` placeholders."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, lang: str, **params: Any) -> str:
        template = self.get(lang)
        if not params:
            return template
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    def __call__(self, lang: str, **params: Any) -> str:
        """`MSG(lang, n=3)`: shorthand for `format`."""
        return self.format(lang, **params)

    def fill(self, **params: Any) -> Msg:
        """Both texts with their placeholders filled: a message made once and read later in
        either language (an error raised before anyone knows the run's language)."""
        return Msg(self.format("zh", **params), self.format("en", **params))

    @classmethod
    def each(cls, make: Callable[[str], str]) -> Msg:
        """The text `make(lang)` words in each language, for a message whose parts are
        themselves worded per language (`join`, `quote`, `did_you_mean`)."""
        return cls(make("zh"), make("en"))


_SEPARATOR = Msg("、", ", ")
_PAREN = Msg("（{x}）", " ({x})")
_QUOTE = Msg("“{x}”", '"{x}"')
_DID_YOU_MEAN = Msg("，是否应为 {x}？", "; did you mean {x}?")


def join(items: Iterable[Any], lang: str) -> str:
    """`a、b、c` / `a, b, c`."""
    return _SEPARATOR.get(lang).join(str(item) for item in items)


def paren(text: str, lang: str) -> str:
    """`（text）` / ` (text)`."""
    return _PAREN.format(lang, x=text)


def quote(value: Any, lang: str, limit: int | None = 40) -> str:
    """A user value inside a message, shortened so a 10 KB paragraph stays one line, and
    inert: controls, bidi overrides and invisible characters shown as escapes (`text.visible`).

    `limit=None` for a text the caller has shortened itself (a corrected line that must
    show where the correction is)."""
    text = str(value).replace("\n", " ")
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "…"
    return _QUOTE.format(lang, x=visible(text))


def did_you_mean(suggestion: str | None, lang: str) -> str:
    """The tail every "not known" message shares; empty when there is nothing to suggest."""
    return _DID_YOU_MEAN.format(lang, x=suggestion) if suggestion else ""
