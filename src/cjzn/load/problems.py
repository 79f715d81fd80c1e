"""PyYAML's most common complaints, said in the office's words."""

from __future__ import annotations

from cjzn.i18n import Msg

__all__ = ["explain"]

#: PyYAML's most common complaints, said in the office's words (first match wins).
PROBLEMS: tuple[tuple[str, Msg], ...] = (
    (
        "mapping values are not allowed",
        Msg(
            "这里不能再出现“键: 值”：值里有冒号时请给整个值加引号，或检查缩进",
            "a colon here starts a new key: quote the value or fix the indentation",
        ),
    ),
    (
        "could not find expected ':'",
        Msg("缺少冒号“:”（键和值之间要有冒号和空格）", "a colon is missing between key and value"),
    ),
    (
        "did not find expected key",
        Msg("这一行的缩进与同级的键不对齐", "this line is not aligned with its sibling keys"),
    ),
    (
        "did not find expected ',' or ']'",
        Msg(
            "方括号 [ ] 中的列表没有正确结束：缺少逗号或右方括号",
            "a [ ] list is not closed: a comma or ] is missing",
        ),
    ),
    (
        "did not find expected ',' or '}'",
        Msg(
            "花括号 { } 没有正确结束：缺少逗号或右花括号",
            "a { } mapping is not closed: a comma or } is missing",
        ),
    ),
    (
        "found unexpected end of stream",
        Msg(
            "文件意外结束：引号或括号没有闭合",
            "the file ends early: a quote or bracket is not closed",
        ),
    ),
    ("found undefined alias", Msg("用了未定义的别名 *", "an alias * refers to no anchor")),
    (
        "found unknown escape character",
        Msg(
            "双引号里有无效的转义符 \\：改用单引号，或写成 \\\\",
            "an invalid \\ escape inside double quotes: use single quotes",
        ),
    ),
    (
        "expected <block end>",
        Msg(
            "缩进不对齐：同级的键要从同一列开始",
            "the indentation is off: sibling keys must start in the same column",
        ),
    ),
    (
        "cannot start any token",
        Msg(
            "值不能以这个字符开头（如 @ ` %）：请给值加引号",
            "a value cannot start with this character (@ ` %): quote it",
        ),
    ),
    (
        "expected a comment or a line break",
        Msg("引号结束后这一行还有多余的内容", "there is more on the line after the closing quote"),
    ),
)


def explain(problem: str, lang: str) -> str:
    """A PyYAML problem in the user's language; the original text when it is not a common one."""
    for fragment, message in PROBLEMS:
        if fragment in problem:
            return message.get(lang)
    return problem
