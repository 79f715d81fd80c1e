"""PyYAML's (libyaml's) complaints, said in the office's words.

Every problem the scanner and parser report for a hand-written file has a
Chinese (and plain English) wording here; `explain` falls back to the original
text only for a message no table entry knows (tests/hardening/test_messages.py
runs twenty common mistakes and checks that none is left in English).
"""

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
    (
        "did not find expected comment or line break",
        Msg(
            "这一行在这里之后还有多余的内容（| 或 > 之后、引号结束之后都应换行）",
            "there is more on this line than there may be (after | or >, or a closing quote)",
        ),
    ),
    (
        "did not find expected '-' indicator",
        Msg(
            "列表项没有对齐：同一列表的每一项都要以同样缩进的“- ”开头",
            "the list items are not aligned: each item starts with “- ” at the same indentation",
        ),
    ),
    (
        "did not find expected alphabetic or numeric character",
        Msg(
            "& 或 * 后面应紧跟名称（YAML 的锚点和别名）；值里要写 & 或 * 时请给整个值加引号",
            "& or * must be followed by a name (YAML anchors and aliases); quote a value with & or *",
        ),
    ),
    (
        "did not find expected hexdecimal number",
        Msg(
            "双引号里的 \\x、\\u、\\U 后面要跟十六进制数字：改用单引号，或把 \\ 写成 \\\\",
            "\\x, \\u or \\U inside double quotes needs hexadecimal digits: use single quotes",
        ),
    ),
    (
        "found invalid Unicode character escape code",
        Msg(
            "双引号里的 \\u 或 \\U 不是有效的字符编号：改用单引号，或把 \\ 写成 \\\\",
            "\\u or \\U inside double quotes is not a valid character: use single quotes",
        ),
    ),
    (
        "found incompatible YAML document",
        Msg(
            "文件开头的 %YAML 版本不受支持（只支持 1.1）：删除 %YAML 这一行",
            "the %YAML version at the top is not supported (1.1 only): delete the %YAML line",
        ),
    ),
    (
        "directive",
        Msg(
            "以 % 开头的行是 YAML 指令，这里的写法不对：删除这一行；值以 % 开头时请加引号",
            "a line starting with % is a YAML directive and this one is wrong: delete it,"
            " or quote a value that starts with %",
        ),
    ),
    (
        "found undefined tag handle",
        Msg(
            "以 ! 开头的标签没有定义：删除标签，直接写值；值以 ! 开头时请加引号",
            "an undefined ! tag: delete it and write the value; quote a value that starts with !",
        ),
    ),
    (
        "did not find expected node content",
        Msg(
            "这里缺少内容：列表中多了逗号，或方括号 [ ] 里用了“- ”",
            "something is missing here: an extra comma in a list, or “- ” inside [ ]",
        ),
    ),
    (
        "did not find expected <document start>",
        Msg(
            "文件中间的 ...（文档结束标记）之后还有内容：删除 ... 这一行",
            "there is content after a ... (end of document) line: delete the ... line",
        ),
    ),
    (
        "found unexpected document indicator",
        Msg(
            "引号还没结束就遇到了 --- 或 ... 行：检查引号是否成对",
            "a --- or ... line inside quotes: check that the quotes are paired",
        ),
    ),
    (
        "block sequence entries are not allowed",
        Msg(
            "这里不能开始“- ”列表：列表要另起一行，并比上一级的键多缩进",
            "a “- ” list cannot start here: put it on its own lines, indented under its key",
        ),
    ),
    (
        "found a tab character",
        Msg(
            "这一行用了制表符（Tab），YAML 只允许空格缩进",
            "a tab is used here; YAML indents with spaces only",
        ),
    ),
    (
        "did not find expected whitespace or line break",
        Msg("这里缺少空格或换行（标签或指令后要有空格）", "a space or line break is missing here"),
    ),
    (
        "chomping or indentation indicators",
        Msg(
            "| 或 > 后面只能跟数字、+ 或 -：把后面的文字移到下一行",
            "| or > may be followed only by a digit, + or -: move the text to the next line",
        ),
    ),
    (
        "indentation indicator equal to 0",
        Msg("| 或 > 后面的缩进数字不能是 0", "the indentation digit after | or > cannot be 0"),
    ),
    (
        "found duplicate anchor",
        Msg("同一个锚点名称（&）用了两次", "the same anchor name (&) is used twice"),
    ),
    (
        "found unexpected ':'",
        Msg(
            "方括号或花括号里的冒号后要有空格，或给值加引号",
            "a colon inside [ ] or { } needs a space after it, or quote the value",
        ),
    ),
    (
        "found an incorrect leading UTF-8 octet",
        Msg("文件中有无效的 UTF-8 字节", "the file has an invalid UTF-8 byte"),
    ),
    (
        "did not find URI escaped octet",
        Msg("标签中的 % 后面要跟两位十六进制数字", "a % in a tag needs two hexadecimal digits"),
    ),
)
#: The last word: a problem no entry knows is still said in the user's language.
_UNKNOWN = Msg("这里的写法不符合 YAML 语法（{problem}）", "{problem}")


def explain(problem: str, lang: str) -> str:
    """A PyYAML problem in the user's language; the original text when it is not a common one."""
    for fragment, message in PROBLEMS:
        if fragment in problem:
            return message.get(lang)
    return _UNKNOWN.format(lang, problem=problem)
