"""Typing slips only the round's catalog or the model can see (Y040, Y041), each with its fix.

A filing made from `cjzn init`'s skeleton ends every key line with the form's label as a
comment (`overall_goal:   # 总体目标`). A clerk who quotes the whole line takes that
comment into the value, and the form prints it (`…示范街道。 # 总体目标`): the labels
are the catalog's (`Catalog.label`, what the skeleton writes), so this is a rule. A phone
number typed with the input method in full-width mode (`０２１－６４３７６５３２`) is a
valid number the form would print as typed: the corrected value is the form's writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, warning
from cjzn.guide.labels import pattern
from cjzn.i18n import Msg, join, quote
from cjzn.load import PathKey
from cjzn.load.quotes import yaml_quoted
from cjzn.load.slips import excerpt
from cjzn.load.walk import leaves
from cjzn.model.fields import phone_half_width
from cjzn.rules.base import Rule, RuleContext

__all__ = ["RULES", "label_tail"]

LABEL_IN_VALUE = warning(
    "Y040", "label-in-value",
    Msg("值的末尾带着模板的栏目名称注释", "the skeleton's label comment inside a value"),
    Msg("{label}：值的末尾 {tail} 是模板中这一栏的名称注释，被引号括进了值里，会印在表上：应写成 {fixed}", "{label}: the value ends with {tail}, the skeleton's comment naming this field, which the quotes took into the value and the form would print: write {fixed}"),
    Msg("删去值末尾的 {tail}（模板的注释要留在引号外面；cjzn fix 可自动删去）", "delete {tail} at the end of the value (the skeleton's comments stay outside the quotes; cjzn fix deletes it)"),
    help=Msg("cjzn init 生成的模板中，键后面的“# 栏目名称”是注释：引号只括住填写的内容，注释留在引号外面", "in the skeleton from cjzn init, the “# label” after a key is a comment: quote only what you typed and leave the comment outside the quotes"),
    passing=(Example("plan:\n  overall_goal: \"到2014年底建成示范街道。\"  # 总体目标\n"),
             Example("plan:\n  network: \"街道—社区学校—居委学习点 # 三级\"\n")),
    failing=(Example("plan:\n  overall_goal: \"到2014年底建成示范街道。  # 总体目标\"\n"),
             Example("contact:\n  office_phone: \"021-64311234  # 单位电话（区号-号码，例如 021-64311234）\"\n")),
)  # fmt: skip
PHONE_HALF_WIDTH = warning(
    "Y041", "phone-not-half-width",
    Msg("电话号码用了全角字符", "phone number typed in full-width characters"),
    Msg("{label}：{value} 用了{chars}，应写成 {corrected}", "{label}: {value} is typed with {chars}; write {corrected}"),
    Msg("改用半角字符（关闭输入法的全角模式）：{corrected}（cjzn fix 可自动改正）", "use half-width characters (switch the input method out of full-width mode): {corrected} (cjzn fix does it)"),
    help=Msg("电话号码用半角数字书写：固定电话写成 021-64311234，手机写 11 位数字，例如 13816612345", "write phone numbers in half-width digits: a landline as 021-64311234, a mobile as 11 digits, e.g. 13816612345"),
    passing=(Example("leader:\n  phone: 021-64311234\n"), Example("contact:\n  mobile: 138 1661 2345\n")),
    failing=(Example("leader:\n  phone: ０２１－６４３１１２３４\n"), Example("contact:\n  mobile: １３８１６６１２３４５\n"),
             Example("contact:\n  office_phone: （021）64311234\n")),
)  # fmt: skip

_KINDS = (
    ("0123456789", Msg("全角数字", "full-width digits")),
    ("-", Msg("全角横线“－”", "a full-width hyphen “－”")),
    ("()", Msg("全角括号“（）”", "full-width brackets “（）”")),
    (" ", Msg("全角空格", "full-width spaces")),
    ("+", Msg("全角加号“＋”", "a full-width plus “＋”")),
)
_OTHER = Msg("全角字符", "full-width characters")
_FULL = {chr(ord(char) + 0xFEE0) if char != " " else "\u3000": char for char in "0123456789-()+ "}
_PHONES: tuple[PathKey, ...] = (
    ("leader", "phone"),
    ("contact", "office_phone"),
    ("contact", "mobile"),
)


def label_tail(text: str, label: str) -> re.Match[str] | None:
    """`  # 总体目标` (or `# 联系电话（固定电话如 …）`, the skeleton's hint after it) at the
    end of `text`: the comment the skeleton writes after a key, taken into its value."""
    tail = f"(?:^|\\s)#[ \\t]*{re.escape(label)}(?:（[^（）\\n]*）)?[ \\t]*$"
    return re.search(tail, text)


def _shown(path: PathKey, value: str) -> str:
    """`overall_goal: "…"` (or `- "…"` in a list), shortened around the value's end."""
    written = yaml_quoted(value)
    line = f"{path[-1]}: {written}" if isinstance(path[-1], str) else f"- {written}"
    return excerpt(line, len(line))


def check_label_in_value(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A value that ends with `# <its key's label>`: the skeleton's comment inside the quotes."""
    for path, text in leaves(ctx.document.data):
        if "#" not in text:  # most values: no label lookup, no pattern (≈20 % of validate)
            continue
        label = ctx.catalog.label(pattern(path))
        found = label_tail(text, label.replace("\n", " ")) if label else None
        if found is None:
            continue
        kept = text[: found.start()].rstrip()
        fix = ctx.document.fix_at(path, text, yaml_quoted(kept))
        tail = ctx.quote(text[found.start() :].strip())
        fixed = quote(_shown(path, kept), ctx.lang, limit=None)
        yield ctx.report(LABEL_IN_VALUE, path, fix=fix, tail=tail, fixed=fixed)


def check_phone_half_width(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A valid phone number typed in full-width characters, with its half-width writing."""
    for path in _PHONES:
        section = getattr(ctx.filing, str(path[0]))
        value = getattr(section, str(path[1])) if section is not None else None
        corrected = phone_half_width(value) if value else None
        if value is None or corrected is None:
            continue
        used = {_FULL[char] for char in value if char in _FULL}
        kinds = [kind.get(ctx.lang) for chars, kind in _KINDS if used & set(chars)]
        chars = join(kinds, ctx.lang) or _OTHER.get(ctx.lang)
        yield ctx.report(
            PHONE_HALF_WIDTH, path, fix=ctx.document.fix_at(path, value, corrected),
            value=ctx.quote(value), chars=chars, corrected=corrected,
        )  # fmt: skip


RULES = (
    Rule(LABEL_IN_VALUE, check_label_in_value),
    Rule(PHONE_HALF_WIDTH, check_phone_half_width),
)
