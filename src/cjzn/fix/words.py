"""What `cjzn fix` says: each change as `file:line:column  old → new  (CODE)`, then what is left."""

from __future__ import annotations

from cjzn.fix.apply import FixRun
from cjzn.i18n import Msg

__all__ = ["changes_text", "summary_text"]

_CHANGED = Msg(
    "已改正 {files} 个文件中的 {changes} 处。", "Fixed {changes} place(s) in {files} file(s)."
)
_WOULD = Msg(
    "可改正 {files} 个文件中的 {changes} 处（预览，未写入；去掉 --diff 即写入）。",
    "Would fix {changes} place(s) in {files} file(s) (a preview: nothing written; "
    "run without --diff to write).",
)
_NOTHING = Msg("没有可以自动改正的地方。", "Nothing to fix automatically.")
_LEFT = Msg(
    "仍需人工处理：{errors} 个错误、{warnings} 个警告（见上，位置是改正后的）。",
    "Left for a person: {errors} error(s), {warnings} warning(s) (above, as after the fixes).",
)
_CLEAN = Msg("改正后没有其他问题。", "No other problems after the fixes.")


def _shown(text: str) -> str:
    """The text as written; in quotes when spaces at its ends matter (`“： ”`, `“　　- ”`)."""
    return text if text.strip() == text and text else f"“{text}”"


def changes_text(run: FixRun) -> str:
    """One line per change: `f.yaml:37:13  闵行县 → 闵行区  (V007)`."""
    lines = [
        f"{fixed.file}:{c.line}:{c.column}  {_shown(c.old)} → {_shown(c.new)}  ({c.code})"
        for fixed in run.files
        for c in fixed.changes
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def summary_text(run: FixRun, lang: str, *, preview: bool) -> str:
    """What was (or would be) changed, and how much is left for a person."""
    changed = [f for f in run.files if f.changes]
    if changed:
        done = _WOULD if preview else _CHANGED
        first = done.format(lang, files=len(changed), changes=run.changes)
    else:
        first = _NOTHING.get(lang)
    report = run.report()
    if report.errors or report.warnings:
        second = _LEFT.format(lang, errors=report.errors, warnings=report.warnings)
    else:
        second = _CLEAN.get(lang)
    return f"{first}\n{second}\n"
