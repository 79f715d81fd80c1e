"""The command line's frame: help, usage and errors in the clerk's language.

click and Typer print their own English ("Missing argument 'PATH'", "No such
option", "Aborted!", `<list[Path]>` metavars, help cut with "…" at 80 columns).
Every command of cjzn is a `CjznCommand` in the `CjznGroup`, which (one place)

- reads the run's language first (`--lang en` anywhere on the line, else
  `CJZN_LANG`, else Chinese) so that even a mistyped option is answered in it;
- writes the help itself: Chinese first, English with `--lang en`, metavars a
  clerk can read, wrapped by display width (a CJK character is two columns);
- runs the command in click's non-standalone mode and words every click or
  Typer error itself, with the usage line and where to find help (exit 2), and
  an interrupted prompt as "已取消" (exit 1).

Help texts and metavars are `bi(zh, en)`: the Chinese (what click and Typer are
given) with its English registered beside it, so a command's options are written
once, in both.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from cjzn.cli.wording import (
    LANG,
    bi,
    choices_of,
    current_lang,
    explain,
    shown,
    usage_error,
)
from cjzn.i18n import Msg
from cjzn.text import display_width, wrap_lines

__all__ = [
    "CjznCommand",
    "CjznGroup",
    "bi",
    "current_lang",
    "fail_usage",
    "lang_of",
    "shown",
]

#: click's exceptions, wherever this Typer gets click from (vendored or the package).
_CLICK_EXCEPTION: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
_WIDEST_HELP = 100
_WORDS = {
    "usage": Msg("用法：", "Usage: "),
    "options": Msg("[选项]", "[OPTIONS]"),
    "command": Msg("命令 [参数]...", "COMMAND [ARGS]..."),
    "arguments": Msg("参数：", "Arguments:"),
    "options_head": Msg("选项：", "Options:"),
    "commands": Msg("命令：", "Commands:"),
    "default": Msg("默认：{value}。", "Default: {value}."),
    "envvar": Msg("也可用环境变量 {name}。", "Also the environment variable {name}."),
    "required": Msg("必填。", "Required."),
    "help": Msg("显示帮助并退出。", "Show this help and exit."),
    "more": Msg("用 {command} -h 查看帮助。", "See {command} -h for help."),
    "cancelled": Msg("已取消。", "Cancelled."),
    "join": Msg("", " "),
}


def lang_of(args: Sequence[str]) -> str:
    """`en` when the line asks for it (`--lang en`, `--lang=en`) or CJZN_LANG does, else `zh`."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in ("zh", "en"):
            return value
    return "en" if os.environ.get("CJZN_LANG", "").strip() == "en" else "zh"


def fail_usage(message: str | Msg) -> NoReturn:
    """A usage error of cjzn's own: `cjzn: <message>` on stderr, exit 2."""
    text = message.get(current_lang()) if isinstance(message, Msg) else message
    typer.echo(f"cjzn: {text}", err=True)
    raise typer.Exit(2)


def _width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, _WIDEST_HELP)


def _metavar(param: Any, lang: str) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    choices = choices_of(param)
    name = shown(param.metavar, lang) or ("|".join(choices) if choices else "")
    name = name or str(param.name).upper()
    return f"{name}..." if param.nargs == -1 else name


def _param_notes(param: Any, lang: str) -> str:
    notes = [shown(param.help, lang)]
    default = param.default
    if isinstance(param, typer.core.TyperArgument) and param.required:
        notes.append(_WORDS["required"].get(lang))
    elif default not in (None, False, (), []) and not callable(default):
        value = getattr(default, "value", default)
        notes.append(_WORDS["default"].format(lang, value=value))
    if isinstance(param.envvar, str):
        notes.append(_WORDS["envvar"].format(lang, name=param.envvar))
    return _WORDS["join"].get(lang).join(note for note in notes if note)


def _wrap(text: str, room: int) -> list[str]:
    """`text` in lines of at most `room` columns (closing punctuation stays on its line, so
    a line may be wrapped a little earlier than the room allows)."""
    for narrower in range(room, max(room - 8, 10), -1):
        lines = wrap_lines(text, narrower) or [""]
        if all(display_width(line) <= room for line in lines):
            return lines
    return lines


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: names, and their text wrapped by display width (never cut)."""
    left = min(max((display_width(name) for name, _ in rows), default=0) + 4, 26)
    lines: list[str] = []
    for name, text in rows:
        wrapped = _wrap(text, max(width - left, 20))
        if display_width(name) + 4 > left:
            lines.append(f"  {name}")
            lines += [" " * left + line for line in wrapped]
            continue
        lines.append(f"  {name}" + " " * (left - 2 - display_width(name)) + wrapped[0])
        lines += [" " * left + line for line in wrapped[1:]]
    return lines


def usage_line(ctx: Any, lang: str) -> str:
    """`用法：cjzn validate [选项] 路径...`."""
    command = ctx.command
    pieces = [ctx.command_path, _WORDS["options"].get(lang)]
    if isinstance(command, CjznGroup):
        pieces.append(_WORDS["command"].get(lang))
    for param in command.get_params(ctx):
        if isinstance(param, typer.core.TyperArgument):
            metavar = _metavar(param, lang)
            pieces.append(metavar if param.required else f"[{metavar}]")
    return _WORDS["usage"].get(lang) + " ".join(pieces)


def _help_param_text(param: Any, lang: str) -> str:
    if param.name == "help":
        return _WORDS["help"].get(lang)
    return _param_notes(param, lang)


def help_page(ctx: Any, lang: str) -> str:
    """The whole help of a command or of the group, wrapped to the terminal."""
    width = _width()
    command = ctx.command
    out = [usage_line(ctx, lang), ""]
    out += ["  " + line for line in _wrap(shown(command.help, lang), width - 2)]
    arguments = [p for p in command.get_params(ctx) if isinstance(p, typer.core.TyperArgument)]
    options = [
        p for p in command.get_params(ctx) if p not in arguments and not getattr(p, "hidden", False)
    ]
    if isinstance(command, CjznGroup):
        rows = [
            (name, _first_sentence(shown(sub.help, lang)))
            for name, sub in command.commands.items()
            if not sub.hidden
        ]
        out += ["", _WORDS["commands"].get(lang), *_rows(rows, width)]
    if arguments:
        rows = [(_metavar(p, lang), _help_param_text(p, lang)) for p in arguments]
        out += ["", _WORDS["arguments"].get(lang), *_rows(rows, width)]
    if options:
        rows = [(_option_names(p, lang), _help_param_text(p, lang)) for p in options]
        out += ["", _WORDS["options_head"].get(lang), *_rows(rows, width)]
    return "\n".join(out) + "\n"


def _option_names(param: Any, lang: str) -> str:
    names = sorted(param.opts, key=lambda opt: (opt.startswith("--"), opt))
    metavar = _metavar(param, lang)
    return ", ".join(names) + (f" {metavar}" if metavar else "")


def _first_sentence(text: str) -> str:
    """What a command does, for the group's list: up to the first full stop or colon."""
    first = text.strip().split("\n", 1)[0]
    stops = [(first.find(stop), stop) for stop in ("。", "：", ". ", ": ") if stop in first]
    if not stops:
        return first
    at, stop = min(stops)
    return first[:at] + ("。" if stop in "。：" else ".")


class CjznCommand(TyperCommand):
    """A cjzn command: its help is cjzn's (Chinese first, wrapped, readable metavars)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return list(super().parse_args(ctx, args))
        except _CLICK_EXCEPTION as exc:
            if getattr(exc, "ctx", None) is None:  # the option parser leaves it out
                exc.ctx = ctx  # type: ignore[attr-defined]
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_page(ctx, current_lang()))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(ctx, current_lang()) + "\n")


class CjznGroup(TyperGroup):
    """`cjzn`: reads the language first, runs the command, words click's errors itself."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_page(ctx, current_lang()))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(ctx, current_lang()) + "\n")

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise usage_error(ctx, "no_command", name=name, known=list(self.commands))
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        token = LANG.set(lang_of(argv))
        try:
            code = self._run(argv, prog_name or "cjzn", complete_var, extra)
        finally:
            LANG.reset(token)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self, argv: list[str], prog_name: str, complete_var: str | None, extra: dict[str, Any]
    ) -> int:
        lang = current_lang()
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            typer.echo(_WORDS["cancelled"].get(lang), err=True)
            return 1
        except _CLICK_EXCEPTION as exc:
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                typer.echo(help_page(ctx, lang), nl=False)
                return 2
            _show(exc, ctx, lang)
            return int(getattr(exc, "exit_code", 2))
        return result if isinstance(result, int) else 0


def _show(exc: Exception, ctx: Any, lang: str) -> None:
    """`用法：…`, `cjzn validate: 错误：…`, `用 cjzn validate -h 查看帮助。` on stderr."""
    lines = []
    if ctx is not None:
        lines.append(usage_line(ctx, lang))
    lines.append(explain(exc, ctx, lang))
    if ctx is not None:
        lines.append(_WORDS["more"].format(lang, command=ctx.command_path))
    typer.echo("\n".join(lines), err=True)
