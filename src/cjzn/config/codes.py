"""The codes of `cjzn.toml` (family C): the file itself (C001–C009, exit 2) and its waivers
(C010–C012, reported with the filings' problems in every output format).

Each example writes a `cjzn.toml` beside a small filing whose one problem is an
unknown key (`sumary`, F001 at line 6), so a waiver has something to waive.
"""

from __future__ import annotations

from cjzn.diagnostics import CodeInfo, Example, error, warning
from cjzn.i18n import Msg

__all__ = [
    "BAD_PATH",
    "CODES",
    "CONFIG_NAME",
    "CONFLICT",
    "INVALID_DATE",
    "SYNTAX",
    "UNKNOWN_CODE",
    "UNKNOWN_KEY",
    "UNKNOWN_ROUND",
    "WAIVER_EXPIRED",
    "WAIVER_INCOMPLETE",
    "WAIVER_UNUSED",
    "WAIVER_WITHOUT_TARGET",
    "WRONG_TYPE",
]

#: The configuration file's name (found by walking up from the checked files).
CONFIG_NAME = "cjzn.toml"

_FILING = "unit:\n  name: 天平路街道\n  district: 徐汇区\nsumary: x\n"
_WAIVER = (
    '[[waivers]]\ncode = "F001"\nfiling = "filing.yaml"\nreason = "区社区学院同意暂缓"\n'
    'approved-by = "徐汇区社区学院"\napproved-on = 2013-01-10\nexpires = {expires}\n'
)


def _with(toml: str) -> Example:
    return Example(_FILING, files=((CONFIG_NAME, toml),))


SYNTAX = error(
    "C001", "config-syntax",
    Msg("cjzn.toml 不是有效的 TOML", "cjzn.toml is not valid TOML"),
    Msg("cjzn.toml 写法有误：{detail}", "cjzn.toml cannot be read: {detail}"),
    Msg("按 TOML 的写法改正这一处：一行一个 键 = 值，文字加英文双引号，列表用英文方括号和逗号，例如 ignore = [\"T102\"]", 'fix it the TOML way: one `key = value` per line, text in double quotes, lists in brackets, e.g. ignore = ["T102"]'),
    passing=(_with('ignore = ["T102"]\n'),),
    failing=(_with('ignore = ["T102"\n'), _with("ignore ＝ “T102”\n")),
)  # fmt: skip

UNKNOWN_KEY = error(
    "C002", "config-unknown-key",
    Msg("cjzn.toml 中有不认识的设置", "unknown setting in cjzn.toml"),
    Msg("不认识的设置 {key}{suggestion}", "unknown setting {key}{suggestion}"),
    Msg("可用的设置：{known}", "settings allowed here: {known}"),
    help=Msg("检查拼写（设置名用英文连字符，如 approved-by）；全部设置见 README 的 cjzn.toml 一节", "check the spelling (settings use hyphens, e.g. approved-by); README's cjzn.toml section lists them all"),
    passing=(_with('ignore = ["T102"]\n'),),
    failing=(_with('ignores = ["T102"]\n'),),
)  # fmt: skip

WRONG_TYPE = error(
    "C003", "config-wrong-type",
    Msg("cjzn.toml 中设置的值类型不对", "a setting in cjzn.toml has the wrong type"),
    Msg("{key} 应为{expected}，这里是 {value}", "{key} must be {expected}, not {value}"),
    Msg("例如 {example}", "for example {example}"),
    help=Msg("列表写在英文方括号里，文字加英文双引号，日期写成 2014-12-31", "lists go in brackets, text in double quotes, dates as 2014-12-31"),
    passing=(_with('select = ["F", "V"]\n'),),
    failing=(_with('select = "F"\n'),),
)  # fmt: skip

UNKNOWN_CODE = error(
    "C004", "config-unknown-code",
    Msg("cjzn.toml 中有不存在的问题代码", "unknown diagnostic code in cjzn.toml"),
    Msg("{key} 中的 {code} 不是 cjzn 的问题代码{what}{suggestion}", "{code} in {key} is not a cjzn code{what}{suggestion}"),
    Msg("cjzn rules 列出全部代码；select、ignore、warn 中可以写前缀（如 T 或 T10，表示以它开头的全部代码），豁免须写完整的代码", "`cjzn rules` lists every code; select, ignore and warn take prefixes (T, T10), a waiver takes a whole code"),
    passing=(_with('ignore = ["T10", "V006"]\n'),),
    failing=(_with('ignore = ["X1"]\n'), _with(_WAIVER.format(expires="2013-12-31").replace("F001", "F0"))),
)  # fmt: skip

UNKNOWN_ROUND = error(
    "C005", "config-unknown-round",
    Msg("cjzn.toml 中的轮次没有指南", "the round in cjzn.toml has no guide"),
    Msg("round = {value}：cjzn 没有这一轮的指南；已知轮次：{known}", "round = {value}: cjzn has no guide for it; known rounds: {known}"),
    Msg("写已知的轮次，或者用 catalog = \"目录文件的路径\" 指定这一轮的目录文件", 'name a known round, or give the round\'s catalog file with catalog = "path"'),
    passing=(_with('round = "2013-2014"\n'),),
    failing=(_with('round = "2015-2016"\n'),),
)  # fmt: skip

BAD_PATH = error(
    "C006", "config-bad-path",
    Msg("cjzn.toml 中的路径不可用", "a path in cjzn.toml cannot be used"),
    Msg("{key} = {value}：{why}", "{key} = {value}: {why}"),
    Msg("写相对于 cjzn.toml 所在目录、并且在仓库之内的路径（不能是绝对路径，不能用 .. 跳出仓库）", "give a path relative to the folder of cjzn.toml that stays inside the repo (not absolute, no .. out of it)"),
    passing=(_with('exclude = ["archive"]\n'),),
    failing=(_with('catalog = "../../2013-2014.yaml"\n'), _with('catalog = "rounds/2013-2014.yaml"\n')),
)  # fmt: skip

INVALID_DATE = error(
    "C007", "config-invalid-date",
    Msg("cjzn.toml 中的日期无效", "invalid date in cjzn.toml"),
    Msg("{key} = {value} 不是有效的日期", "{key} = {value} is not a valid date"),
    Msg("写成 2014-12-31 这样的日期（可以不加引号）", "write a date like 2014-12-31 (quotes optional)"),
    passing=(_with("as-of = 2013-01-15\n"), _with('as-of = "2013-01-15"\n')),
    failing=(_with('as-of = "2013-13-01"\n'), _with('as-of = "2013年1月15日"\n')),
)  # fmt: skip

CONFLICT = error(
    "C008", "config-conflict",
    Msg("cjzn.toml 中的设置互相矛盾", "settings in cjzn.toml contradict each other"),
    Msg("{first} 与 {second} 矛盾：{why}", "{first} contradicts {second}: {why}"),
    Msg("保留其中正确的一个，删去或改正另一个", "keep the right one; delete or correct the other"),
    passing=(_with('round = "2013-2014"\n'),),
    failing=(_with('round = "2013-2014"\ncatalog = "2013-2014.yaml"\n'), _with(_WAIVER.format(expires="2012-12-31"))),
)  # fmt: skip

WAIVER_WITHOUT_TARGET = error(
    "C009", "waiver-without-target",
    Msg("豁免没有写明豁免什么", "a waiver does not say what it waives"),
    Msg("第 {number} 条豁免（{code}）没有写明{what}", "waiver {number} ({code}) does not name {what}"),
    Msg("每条豁免写明 code（问题代码），以及 filing = \"filings/区县/街镇.yaml\"（相对于 cjzn.toml 的路径）或 unit = \"街镇名称\" 之一", 'every waiver names a code, and either filing = "filings/district/street.yaml" (relative to cjzn.toml) or unit = "street name"'),
    passing=(_with(_WAIVER.format(expires="2013-12-31").replace('filing = "filing.yaml"', 'unit = "天平路街道"')),),
    failing=(_with(_WAIVER.format(expires="2013-12-31").replace('filing = "filing.yaml"\n', "")),),
)  # fmt: skip

WAIVER_EXPIRED = error(
    "C010", "waiver-expired",
    Msg("豁免已到期", "a waiver has expired"),
    Msg("第 {number} 条豁免（{code}，{filing}，批准人 {approved_by}）已于 {expires} 到期，不再生效", "waiver {number} ({code}, {filing}, approved by {approved_by}) expired on {expires} and no longer applies"),
    Msg("问题改好了就删去这条豁免；仍需豁免时请重新批准，并更新 approved-on 和 expires", "if the problem is fixed, delete the waiver; if it still needs one, get it approved again and update approved-on and expires"),
    passing=(_with(_WAIVER.format(expires="2013-12-31")),),
    failing=(_with(_WAIVER.format(expires="2013-01-14")),),
)  # fmt: skip

WAIVER_INCOMPLETE = error(
    "C011", "waiver-incomplete",
    Msg("豁免缺少理由、批准人或日期", "a waiver lacks its reason, approver or dates"),
    Msg("第 {number} 条豁免（{code}，{filing}）缺少 {missing}，不生效", "waiver {number} ({code}, {filing}) lacks {missing} and does not apply"),
    Msg("每条豁免都要写明理由（reason）、批准人（approved-by）、批准日期（approved-on）和到期日（expires）", "every waiver states its reason, approved-by, approved-on and expires"),
    passing=(_with(_WAIVER.format(expires="2013-12-31")),),
    failing=(_with(_WAIVER.format(expires="2013-12-31").replace('approved-by = "徐汇区社区学院"\n', "")),),
)  # fmt: skip

WAIVER_UNUSED = warning(
    "C012", "waiver-unused",
    Msg("豁免没有对应的问题", "a waiver matches no problem"),
    Msg("第 {number} 条豁免（{code}，{filing}）没有对应的问题，可以删去", "waiver {number} ({code}, {filing}) matches no problem and can be deleted"),
    Msg("问题已经改好（或备案已改名）：删去这条豁免，免得以后把新出现的问题也豁免了", "the problem is fixed (or the filing renamed): delete the waiver so it cannot hide a new problem later"),
    passing=(_with(_WAIVER.format(expires="2013-12-31")),),
    failing=(_with(_WAIVER.format(expires="2013-12-31").replace('code = "F001"', 'code = "V001"')),),
)  # fmt: skip

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        SYNTAX, UNKNOWN_KEY, WRONG_TYPE, UNKNOWN_CODE, UNKNOWN_ROUND, BAD_PATH, INVALID_DATE,
        CONFLICT, WAIVER_WITHOUT_TARGET, WAIVER_EXPIRED, WAIVER_INCOMPLETE, WAIVER_UNUSED,
    )
}  # fmt: skip
