"""click's and Typer's errors said in the clerk's words, and cjzn's checks of option values.

`explain` words every usage error click can raise (missing argument, no such
option, an option without its value, a bad value, extra arguments, no such
command) in Chinese or English; `choice` and `path_kind` check option values
here instead of in Typer, so that no English message of Typer's reaches a user.
"""

from __future__ import annotations

import contextvars
import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from cjzn.i18n import Msg, did_you_mean, join

__all__ = [
    "LANG",
    "bi",
    "choice",
    "choices_of",
    "current_lang",
    "english_of",
    "explain",
    "path_kind",
    "shown",
    "usage_error",
    "worded",
]

_USAGE_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)
_ERROR = Msg("{command}：错误：{message}", "{command}: error: {message}")
_MESSAGES = {
    "no_option": Msg(
        "没有 {option} 这个选项{suggestion}", "there is no option {option}{suggestion}"
    ),
    "no_command": Msg(
        "没有 {name} 这个命令{suggestion}（可用的命令：{known}）",
        "there is no command {name}{suggestion} (commands: {known})",
    ),
    "missing_argument": Msg("缺少{name}：{help}", "{name} is missing: {help}"),
    "missing_option": Msg("缺少选项 {name}：{help}", "option {name} is missing: {help}"),
    "needs_value": Msg(
        "选项 {option} 后面要写一个值{metavar}", "option {option} needs a value{metavar}"
    ),
    "no_value": Msg(
        "选项 {option} 是开关，后面不能写值", "option {option} is a switch and takes no value"
    ),
    "bad_value": Msg("{option}：{message}", "{option}: {message}"),
    "from_env": Msg("环境变量 {env}（即 {option}）", "the environment variable {env} ({option})"),
    "extra": Msg(
        "多出了参数 {args}（路径中有空格时请加引号）",
        "unexpected extra argument(s) {args} (quote a path that has spaces)",
    ),
    "choice": Msg(
        "应为 {choices} 之一，这里是“{value}”", "must be one of {choices}, not “{value}”"
    ),
    "not_a_file": Msg("{path} 是一个目录，这里要的是文件", "{path} is a folder; a file is needed"),
    "not_a_folder": Msg(
        "{path} 是一个文件，这里要的是目录", "{path} is a file; a folder is needed"
    ),
    "special": Msg("{path}：{kind}，这里要的是{wanted}", "{path}: {kind}; {wanted} is needed"),
    "a_file": Msg("文件", "a file"),
    "a_folder": Msg("目录", "a folder"),
    "no_path": Msg("{path} 不存在", "{path} does not exist"),
    "at_least": Msg("应为不小于 {least} 的整数", "must be a whole number of at least {least}"),
    "integer": Msg("应为整数", "must be a whole number"),
}


#: The run's language, set by the group from the command line before click parses it.
LANG: contextvars.ContextVar[str] = contextvars.ContextVar("cjzn_lang", default="zh")


#: English of every bilingual help text and metavar, by its Chinese (whitespace squeezed:
#: Typer re-flows help texts, so the text it hands back is not the object it was given).
_ENGLISH: dict[str, str] = {}


def _key(text: str) -> str:
    return " ".join(text.split())


def bi(zh: str, en: str) -> str:
    """Help text or metavar in both languages: the Chinese, whose English `shown` finds."""
    _ENGLISH[_key(zh)] = en
    return zh


def english_of(text: str | None) -> str | None:
    """The English that `bi` registered for `text`, if any."""
    return _ENGLISH.get(_key(text)) if text else None


def shown(text: str | None, lang: str) -> str:
    """`text` in `lang` when it is bilingual (`bi`), as written otherwise."""
    if not text:
        return ""
    english = english_of(text) if lang == "en" else None
    return english if english is not None else str(text)


def current_lang() -> str:
    """The run's language (set from the command line before click parses it)."""
    return LANG.get()


def _lang() -> str:
    return LANG.get()


def usage_error(ctx: Any, kind: str, **params: Any) -> Exception:
    """A click usage error whose message is already cjzn's (`explain` shows it as it is)."""
    lang = _lang()
    if kind == "no_command":
        close = difflib.get_close_matches(params["name"], params["known"], n=1)
        params = {
            **params,
            "suggestion": did_you_mean(close[0] if close else None, lang),
            "known": join(params["known"], lang),
        }
    return worded(_USAGE_ERROR(_MESSAGES[kind].format(lang, **params), ctx))


def worded(error: Exception) -> Exception:
    """Mark a click error whose message cjzn wrote (in the run's language)."""
    error.cjzn_worded = True  # type: ignore[attr-defined]
    return error


def _param_name(param: Any, lang: str) -> str:
    opts = [opt for opt in getattr(param, "opts", []) if opt.startswith("--")]
    if opts and getattr(param, "param_type_name", "") == "option":
        return str(opts[0])
    return shown(param.metavar, lang) or str(param.name).upper()


def _first_sentence(text: str) -> str:
    """`备案文件或目录` of `备案文件或目录（目录中递归查找 …）。`: what a parameter is."""
    return re.split(r"[。（]|\. | \(", text.strip(), maxsplit=1)[0].rstrip(".") or text


def explain(exc: Exception, ctx: Any, lang: str) -> str:
    """The error in `lang`: `cjzn validate：错误：缺少路径：备案文件或目录`."""
    command = ctx.command_path if ctx is not None else "cjzn"
    return _ERROR.format(lang, command=command, message=_message(exc, lang))


def _no_such_option(exc: Any, message: str, lang: str) -> str:
    close = difflib.get_close_matches(exc.option_name, list(exc.possibilities or []), 1, 0.75)
    suggestion = did_you_mean(close[0] if close else None, lang)
    return _MESSAGES["no_option"].format(lang, option=exc.option_name, suggestion=suggestion)


def _missing(exc: Any, message: str, lang: str) -> str:
    param = exc.param
    if param is None:
        return message
    option = getattr(param, "param_type_name", "") == "option"
    help_text = _first_sentence(shown(getattr(param, "help", ""), lang))
    which = "missing_option" if option else "missing_argument"
    return _MESSAGES[which].format(lang, name=_param_name(param, lang), help=help_text)


def _option_usage(exc: Any, message: str, lang: str) -> str:
    which = "no_value" if "does not take a value" in message else "needs_value"
    return _MESSAGES[which].format(lang, option=exc.option_name, metavar="")


def choices_of(param: Any) -> list[str] | None:
    """The values an option allows (an Enum's), whichever way this Typer keeps them."""
    holder = getattr(param, "type_descriptor", None) or getattr(param, "type", None)
    found = getattr(holder, "choices", None)
    return [str(getattr(c, "value", c)) for c in found] if found else None


#: Typer's own words for a value its types reject (English), and cjzn's for the same.
_TYPER_PROBLEMS = (
    (re.compile(r"'(?P<value>.*)' is not one of"), "choice"),
    (re.compile(r"'(?P<path>.*)' is a directory"), "not_a_file"),
    (re.compile(r"'(?P<path>.*)' is a file"), "not_a_folder"),
    (re.compile(r"'(?P<path>.*)' does not exist"), "no_path"),
    (re.compile(r"greater than or equal to (?P<least>\d+)"), "at_least"),
    (re.compile(r"valid integer|as an integer"), "integer"),
)


def _typer_problem(param: Any, message: str, lang: str) -> str:
    """Typer's English about a value, in cjzn's words (as written when it is not known)."""
    for pattern, kind in _TYPER_PROBLEMS:
        found = pattern.search(message)
        if found is None:
            continue
        params = found.groupdict()
        if kind == "choice":
            params["choices"] = join(choices_of(param) or [], lang)
        return _MESSAGES[kind].format(lang, **params)
    return message


def _bad_value(exc: Any, message: str, lang: str) -> str:
    if exc.param is None:
        return message
    if not getattr(exc, "cjzn_worded", False):
        message = _typer_problem(exc.param, message, lang)
    option = _param_name(exc.param, lang)
    if _from_environment(exc):  # CJZN_LANG=fr: say where the value came from
        option = _MESSAGES["from_env"].format(lang, env=exc.param.envvar, option=option)
    return _MESSAGES["bad_value"].format(lang, option=option, message=message)


def _from_environment(exc: Any) -> bool:
    """Whether the rejected value was read from the option's environment variable."""
    ctx, param = getattr(exc, "ctx", None), exc.param
    if ctx is None or not isinstance(getattr(param, "envvar", None), str):
        return False
    source = ctx.get_parameter_source(param.name)
    return getattr(source, "name", "") == "ENVIRONMENT"


_BY_KIND: dict[str, Callable[[Any, str, str], str]] = {
    "NoSuchOption": _no_such_option,
    "MissingParameter": _missing,
    "BadOptionUsage": _option_usage,
    "BadParameter": _bad_value,
}


def _message(exc: Exception, lang: str) -> str:
    message = str(getattr(exc, "message", exc))
    if getattr(exc, "cjzn_worded", False) and type(exc).__name__ != "BadParameter":
        return message
    handler = _BY_KIND.get(type(exc).__name__)
    if handler is not None:
        return handler(exc, message, lang)
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", message)
    if extra:
        return _MESSAGES["extra"].format(lang, args=extra[1])
    return message


def choice(choices: Sequence[str]) -> Callable[[Any, Any, str | None], str | None]:
    """An option callback: the value must be one of `choices` (checked here, worded by cjzn)."""

    def check(ctx: Any, param: Any, value: str | None) -> str | None:
        if value is None or value in choices:
            return value
        lang = _lang()
        text = _MESSAGES["choice"].format(lang, choices=join(choices, lang), value=value)
        raise worded(typer.BadParameter(text, ctx=ctx, param=param))

    return check


def path_kind(kind: str) -> Callable[[Any, Any, Path | None], Path | None]:
    """An option callback: an existing path must be a file (`kind="file"`) or a folder."""

    def check(ctx: Any, param: Any, value: Path | None) -> Path | None:
        if value is None:
            return value
        wrong = value.is_dir() if kind == "file" else value.exists() and not value.is_dir()
        if wrong:
            lang = _lang()
            # a FIFO or a device is neither: say what it is (imported here: only then)
            from cjzn.load.read import file_kind

            special = None if value.is_dir() else file_kind(value, lang)
            which = "not_a_file" if kind == "file" else "not_a_folder"
            text = _MESSAGES[which].format(lang, path=value)
            if special is not None:
                wanted = _MESSAGES["a_file" if kind == "file" else "a_folder"].get(lang)
                text = _MESSAGES["special"].format(lang, path=value, kind=special, wanted=wanted)
            raise worded(typer.BadParameter(text, ctx=ctx, param=param))
        return value

    return check
