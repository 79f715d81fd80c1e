"""The codes of typing slips (Y017-Y023): what a Chinese IME types where YAML wants ASCII.

Each slip is found where it is (`cjzn.load.slips`), named by its character
(全角冒号、全角空格、中文逗号、顿号、中文引号) and given with the line as it
should be; the unambiguous ones carry a `Fix` that `cjzn fix` applies. A `Slip`
is one found, before it becomes a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjzn.diagnostics import CodeInfo, Example, Fix, error, warning
from cjzn.i18n import Msg

__all__ = [
    "CHINESE_COMMA",
    "CHINESE_QUOTES",
    "FULLWIDTH_COLON",
    "FULLWIDTH_SPACE",
    "HASH_COMMENT",
    "NO_SPACE",
    "SLIP_CODES",
    "UNCLOSED_QUOTE",
    "Slip",
]


@dataclass
class Slip:
    """A slip found in the text: its code, where (1-based), its fix and message parameters.

    `fixed`: the whole line as it should be, when it is not the line with the fixes applied;
    `focus`: where in that line the correction is (0-based), so a long line is shown there.
    """

    info: CodeInfo
    line: int
    column: int
    fix: Fix | None
    params: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None
    focus: int | None = None


def _pair(passing: str, failing: str) -> dict[str, tuple[Example, ...]]:
    return {"passing": (Example(passing),), "failing": (Example(failing),)}


FULLWIDTH_COLON = error(
    "Y017", "fullwidth-colon",
    Msg("键后用了全角冒号", "full-width colon after a key"),
    Msg("键 {key} 后面用了全角冒号“：”，YAML 只认半角冒号加空格：应写成 {fixed}", "key {key} is followed by a full-width colon “：”; YAML needs an ASCII colon and a space: {fixed}"),
    Msg("把全角冒号“：”换成半角冒号“:”再加一个空格（cjzn fix 可自动改正）", "replace “：” with “:” and a space (cjzn fix does it)"),
    **_pair("leader:\n  name: 李国强\n  title: 主任：分管社区教育\n", "leader:\n  name：李国强\n  title: 主任\n"),
)  # fmt: skip
NO_SPACE = error(
    "Y018", "no-space-after-colon",
    Msg("冒号后缺少空格", "no space after a colon"),
    Msg("键 {key} 的冒号后面缺少空格，YAML 会把这一行整个当成一段文字：应写成 {fixed}", "no space after the colon of key {key}: YAML reads the whole line as text; write {fixed}"),
    Msg("在冒号“:”后面加一个空格（cjzn fix 可自动改正）", "add a space after the colon (cjzn fix does it)"),
    **_pair("leader:\n  name: 李国强\n  title: 主任\n", "leader:\n  name:李国强\n  title: 主任\n"),
)  # fmt: skip
FULLWIDTH_SPACE = error(
    "Y019", "fullwidth-space",
    Msg("用了全角空格", "full-width space"),
    Msg("{where}用了全角空格（U+3000），YAML 只认半角空格：应写成 {fixed}", "a full-width space (U+3000) {where}; YAML needs ASCII spaces: {fixed}"),
    Msg("把全角空格换成半角空格：缩进中每个全角空格换成两个半角空格（cjzn fix 可自动改正）", "replace each full-width space with ASCII spaces, two per full-width space in indentation (cjzn fix does it)"),
    **_pair("leader:\n  name: 李国强\n  title: 主任\n", "leader:\n  name: 李国强\n　title: 主任\n"),
)  # fmt: skip
CHINESE_COMMA = error(
    "Y020", "chinese-comma-in-list",
    Msg("方括号列表中用了中文逗号或顿号", "Chinese comma in a [ ] list"),
    Msg("方括号列表中用了{char}，YAML 只认半角逗号，{value} 被当成了一项：应写成 {fixed}", "the [ ] list uses {char}; YAML separates items with an ASCII comma, so {value} is one item: {fixed}"),
    Msg("列表各项之间用半角逗号“,”分隔（cjzn fix 可自动改正）", "separate the items with ASCII commas (cjzn fix does it)"),
    **_pair("plan:\n  work_plan:\n    - {task: 制定规划, covers: [B1.1, B1.2]}\n", "plan:\n  work_plan:\n    - task: 制定规划\n      covers: [B1.1，B1.2]\n"),
)  # fmt: skip
CHINESE_QUOTES = error(
    "Y021", "chinese-quotes",
    Msg("用中文引号代替了 YAML 的引号", "Chinese quotes used as YAML quotes"),
    Msg("值用中文引号 {open}…{close} 括起，YAML 不认中文引号，其中的“: ”或“ #”会被当成格式符号：应写成 {fixed}", "the value is wrapped in Chinese quotes {open}…{close}, which YAML does not treat as quotes, so the “: ” or “ #” inside breaks it: {fixed}"),
    Msg("含冒号或 # 的值用半角引号 \" 括起（cjzn fix 可自动改正）", "wrap a value holding a colon or # in ASCII quotes (cjzn fix does it)"),
    **_pair("leader:\n  title: \"主任: 分管社区教育\"\n", "leader:\n  title: “主任: 分管社区教育”\n"),
)  # fmt: skip
HASH_COMMENT = warning(
    "Y022", "text-after-hash-lost",
    Msg("“ #”之后的文字被当作注释", "text after “ #” is a comment"),
    Msg("{comment} 被当作注释丢掉了（# 前面有空格），这一项只剩 {kept}", "{comment} is dropped as a comment (a space before #); the value is only {kept}"),
    Msg("# 是内容的一部分时，给整个值加引号：{fixed}；本来就是注释时，在 # 后加一个空格", "if the # belongs to the text, quote the whole value: {fixed}; if it is a comment, put a space after #"),
    help=Msg("值中“空格 + #”之后的部分是注释，不会保存：是内容就给整个值加引号，是注释就在 # 后加空格", "after a space and #, the rest of a line is a comment and is lost: quote the value if it is text, or put a space after # for a comment"),
    **_pair("plan:\n  network: \"三级网络 #1号文件\"  # 注释\n", "plan:\n  network: 三级网络 #1号文件\n"),
)  # fmt: skip
UNCLOSED_QUOTE = error(
    "Y023", "unclosed-quote",
    Msg("引号没有结束", "unclosed quote"),
    Msg("这里的{name} {quote} 没有配对的结束引号，之后的内容都被当成了引号里的文字：应写成 {fixed}", "the {name} {quote} opened here is never closed, so everything after it is read as quoted text: {fixed}"),
    Msg("{how}，首尾引号要成对", "{how}; quotes come in pairs"),
    help=Msg("开始和结束的引号要成对，而且都是半角引号（\" 或 '）", "opening and closing quotes come in pairs, both ASCII (\" or ')"),
    passing=(Example("leader:\n  name: \"李国强\"\n  title: 主任\n"), Example("leader:\n  name: \"李国强\"  # 姓名\n")),
    failing=(Example("leader:\n  name: \"李国强\n  title: 主任\n"), Example("leader:\n  name: \"李国强  # 姓名\n  title: 主任\n")),
)  # fmt: skip

SLIP_CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        FULLWIDTH_COLON, NO_SPACE, FULLWIDTH_SPACE, CHINESE_COMMA, CHINESE_QUOTES,
        HASH_COMMENT, UNCLOSED_QUOTE,
    )
}  # fmt: skip
