"""The output format: `--format` and the `-o` suffix, one rule for every command."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.i18n import Msg, join

__all__ = ["format_for"]

_UNKNOWN_SUFFIX = Msg(
    "-o {path}：扩展名 {suffix} 不是 cjzn 能生成的格式。请改用 {names}",
    "-o {path}: {suffix} is not a format cjzn writes. Use {names}",
)
_NO_SUFFIX = Msg(
    "-o {path} 没有扩展名，不知道要生成哪种格式。请改用 {names}",
    "-o {path} has no suffix, so the format is unknown. Use {names}",
)
_OR_FOLDER = Msg("；要写到目录，请在末尾加 /（{path}/）", "; for a folder, end it with / ({path}/)")
_OR = Msg("{first} 或 {last}", "{first} or {last}")
_UNKNOWN_FORMAT = Msg("未知格式“{fmt}”：{known}", "unknown format “{fmt}”: {known}")
_CONTRADICTS = Msg(
    "-o {path} 的扩展名 {suffix} 表示 {implied} 格式，与 --format {fmt} 不一致；"
    "请改用 {name} 或去掉 --format",
    "-o {path}: the suffix {suffix} means {implied}, not --format {fmt};"
    " rename the file or drop --format",
)


def _check_suffix(
    output: Path, suffixes: Mapping[str, str], suggest: Sequence[str], folders: bool
) -> None:
    """An `-o` file whose suffix names no format is a usage error that names the ones there are
    (`-o 登记表.doc` would otherwise be written as HTML under a Word name)."""
    suffix = output.suffix
    if suffix.lower() in suffixes:
        return
    stem = output.name[: len(output.name) - len(suffix)] if suffix else output.name
    names = [f"{stem}{choice}" for choice in suggest or dict.fromkeys(suffixes)]
    template = _UNKNOWN_SUFFIX if suffix else _NO_SUFFIX
    tail = _OR_FOLDER if folders and not suffix else Msg("", "")

    def worded(lang: str) -> str:
        listed = _OR.format(lang, first=join(names[:-1], lang), last=names[-1])
        message = template.format(lang, path=output, suffix=suffix, names=listed)
        return message + tail.format(lang, path=output)

    raise UsageError(Msg.each(worded))


def format_for(
    fmt: str | None,
    output: Path | None,
    formats: Sequence[str],
    suffixes: Mapping[str, str],
    default: str = "html",
    *,
    suggest: Sequence[str] = (),
    folders: bool = False,
) -> str:
    """`--format`, else the `-o` file's suffix (`suffixes`: ".md" -> "md"), else `default`.

    Raises `cjzn.errors.UsageError` for an `-o` file whose suffix is none of
    `suffixes` when no `--format` says what to write (the message
    suggests the `suggest` suffixes and, with `folders`, a trailing / for a
    folder), for a format not in `formats` and for a
    `--format` that contradicts the `-o` suffix (`-o out.md -f html`): the file
    would open as the wrong kind.
    """
    if output is not None and fmt is None:  # the suffix would decide the format: it must name one
        _check_suffix(output, suffixes, suggest, folders)
    implied = suffixes.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or default
    if fmt not in formats:
        raise UsageError(
            Msg.each(lambda lang: _UNKNOWN_FORMAT(lang, fmt=fmt, known=join(formats, lang)))
        )
    if implied is not None and implied != fmt:
        assert output is not None
        raise UsageError(
            _CONTRADICTS.fill(
                path=output,
                suffix=output.suffix,
                implied=implied,
                fmt=fmt,
                name=output.stem + _suffix_of(fmt, suffixes),
            )
        )
    return fmt


def _suffix_of(fmt: str, suffixes: Mapping[str, str]) -> str:
    """The first suffix that means `fmt` (".html" for html), for the hint."""
    return next((suffix for suffix, name in suffixes.items() if name == fmt), f".{fmt}")
