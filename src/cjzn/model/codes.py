"""The filing model's diagnostic codes: keys and kinds (F), values (V)."""

from __future__ import annotations

from cjzn.diagnostics import HEADER, CodeInfo, Example, error, warning
from cjzn.i18n import Msg

__all__ = ["CODES", "PHONE_PROBLEMS", "SUPPORTED_VERSIONS"]

SUPPORTED_VERSIONS = (1,)


def _pair(passing: str, failing: str) -> dict[str, tuple[Example, ...]]:
    """One passing and one failing example (YAML after the header)."""
    return {"passing": (Example(passing),), "failing": (Example(failing),)}


UNKNOWN_KEY = error(
    "F001", "unknown-key",
    Msg("未知的键", "unknown key"),
    Msg("{place}不认识的键 {key}{suggestion}", "unknown key {key}{place}{suggestion}"),
    Msg("检查拼写；可用的键见 cjzn init 生成的模板或 README", "check the spelling; see the skeleton from cjzn init for the keys"),
    **_pair("unit:\n  name: 天平路街道\n", "unit:\n  nmae: 天平路街道\n"),
)  # fmt: skip
MISSING_KEY = error(
    "F002", "missing-key",
    Msg("缺少必填的键", "required key missing"),
    Msg("缺少 {label}（{key}）", "{label} ({key}) is missing"),
    Msg("在这里加上 {key}: …", "add {key}: … here"),
    help=Msg("每份备案都要写 cjzn: 1 和 round: 两个键，其余按阶段逐步填写", "every filing needs cjzn: 1 and round:; the rest is filled in stage by stage"),
    passing=(Example(HEADER, whole=True),), failing=(Example('round: "2013-2014"\n', whole=True),),
)  # fmt: skip
WRONG_TYPE = error(
    "F003", "wrong-type",
    Msg("值的类型不对", "wrong kind of value"),
    Msg("{label} 应为{expected}", "{label} should be {expected}"),
    Msg("{example}", "{example}"),
    help=Msg("对照 cjzn init 生成的模板：文字直接写，列表每项以“- ”开头，下一级的键缩进两格", "compare with the skeleton from cjzn init: text as is, list items start with “- ”, sub-keys indented by two spaces"),
    **_pair("unit:\n  name: 天平路街道\n", "unit: 天平路街道\n"),
)  # fmt: skip
VERSION = error(
    "F004", "unsupported-version",
    Msg("不支持的格式版本", "unsupported format version"),
    Msg("格式版本 cjzn: {value} 不受支持；本工具支持 {supported}", "format version cjzn: {value} is not supported; this cjzn supports {supported}"),
    Msg("写 cjzn: 1", "write cjzn: 1"),
    passing=(Example(HEADER, whole=True),), failing=(Example('cjzn: 2\nround: "2013-2014"\n', whole=True),),
)  # fmt: skip
ROUND = error(
    "F005", "unknown-round",
    Msg("未知的创建轮次", "unknown round"),
    Msg("未知的创建轮次 {value}；已知轮次：{known}", "unknown round {value}; known rounds: {known}"),
    Msg("写 round: \"2013-2014\"，或用 --catalog 指定该轮指南的目录文件", "write round: \"2013-2014\", or pass the round's catalog with --catalog"),
    passing=(Example(HEADER, whole=True),), failing=(Example('cjzn: 1\nround: "2099-2100"\n', whole=True),),
)  # fmt: skip
DATE = error(
    "F006", "invalid-date",
    Msg("日期无效", "invalid date"),
    Msg("{label}：{value} {problem}", "{label}: {value} {problem}"),
    Msg("日期写成 年-月-日，例如 2013-03-15", "write dates as year-month-day, e.g. 2013-03-15"),
    passing=(Example("summary:\n  written_on: 2014-11-20\n"),),
    failing=(Example("summary:\n  written_on: 2014-02-30\n"), Example("summary:\n  written_on: 2014/11/20\n"), Example("summary:\n  written_on: ２０１４－１１－２０\n")),
)  # fmt: skip
MONTH = error(
    "F007", "invalid-month",
    Msg("月份无效", "invalid month"),
    Msg("{label}：{value} {problem}", "{label}: {value} {problem}"),
    Msg("月份写成 年-月，例如 2013-04", "write months as year-month, e.g. 2013-04"),
    passing=(Example("plan:\n  work_plan:\n    - {task: 制定规划, start: 2013-04}\n"),),
    failing=(Example("plan:\n  work_plan:\n    - {task: 制定规划, start: 2013-13}\n"), Example("plan:\n  work_plan:\n    - {task: 制定规划, start: ２０１３－０４}\n")),
)  # fmt: skip
CHOICE = error(
    "F008", "invalid-choice",
    Msg("不是可选的值", "not one of the choices"),
    Msg("{label}：{value} 不是可选的值；可选：{choices}", "{label}: {value} is not one of {choices}"),
    Msg("从可选的值中选一个照抄", "copy one of the choices"),
    **_pair("basic_work:\n  B1.1:\n    status: planned\n", "basic_work:\n  B1.1:\n    status: finished\n"),
)  # fmt: skip
FLAG = error(
    "F009", "invalid-flag",
    Msg("应写 true 或 false", "must be true or false"),
    Msg("{label}：{value} {problem}", "{label}: {value} {problem}"),
    Msg("是、有、yes 写成 true，否、无、no 写成 false：只认 true 和 false 这两个词", "write yes (是, 有) as true and no (否, 无) as false: only these two words are read"),
    passing=(Example("evaluation:\n  apply_early: false\n"),),
    failing=(Example("evaluation:\n  apply_early: yes\n"), Example("submission:\n  sealed: 是\n")),
)  # fmt: skip
MOBILE = error(
    "V001", "invalid-mobile",
    Msg("手机号码无效", "invalid mobile number"),
    Msg("{label}：{value} 不是有效的手机号码{detail}", "{label}: {value} is not a valid mobile number{detail}"),
    Msg("手机号码为中国大陆的 11 位数字，以 1 开头，不带分机号，例如 13816612345", "a mainland China mobile number has 11 digits starting with 1 and no extension, e.g. 13816612345"),
    passing=(Example("contact:\n  mobile: '13816612345'\n"), Example("contact:\n  mobile: +86 138 1661 2345\n")),
    failing=(Example("contact:\n  mobile: '1381661234'\n"), Example("contact:\n  mobile: +852 9123 4567\n"),
             Example("contact:\n  mobile: 13816612345 转 8\n")),
)  # fmt: skip
LANDLINE = error(
    "V002", "invalid-landline",
    Msg("单位电话无效", "invalid landline number"),
    Msg("{label}：{value} 不是有效的固定电话号码{detail}", "{label}: {value} is not a valid landline number{detail}"),
    Msg("写中国大陆的固定电话：区号-号码，例如 021-64311234；分机写在后面：021-64311234 转 801", "write a mainland China landline, area code and number, e.g. 021-64311234; an extension after it: 021-64311234 ext. 801"),
    passing=(Example("contact:\n  office_phone: 021-64311234\n"),),
    failing=(Example("contact:\n  office_phone: '12345'\n"), Example("contact:\n  office_phone: +1 650 253 0000\n")),
)  # fmt: skip
PHONE = error(
    "V003", "invalid-phone",
    Msg("联系电话无效", "invalid phone number"),
    Msg("{label}：{value} 既不是有效的固定电话也不是有效的手机号码{detail}", "{label}: {value} is neither a valid landline nor a valid mobile number{detail}"),
    Msg("写中国大陆的号码：固定电话写成 021-64311234，手机写 11 位数字", "write a mainland China number: a landline as 021-64311234 or an 11-digit mobile number"),
    passing=(Example("leader:\n  phone: 021-64311234\n"),),
    failing=(Example("leader:\n  phone: 电话待定\n"), Example("leader:\n  phone: +44 7911 123456\n")),
)  # fmt: skip
EMAIL = error(
    "V004", "invalid-email",
    Msg("电子邮箱无效", "invalid email address"),
    Msg("{label}：{value} 不是有效的电子邮箱{detail}", "{label}: {value} is not a valid email address ({reason}){detail}"),
    Msg("电子邮箱形如 name@example.com", "an email address looks like name@example.com"),
    **_pair("contact:\n  email: xuhui@example.com\n", "contact:\n  email: xuhui@@example.com\n"),
)  # fmt: skip
#: V004's detail when the address is right once typed in half-width (`＠`, `．`, `。`).
EMAIL_FULL_WIDTH = Msg(
    "：用了全角字符，应为 {corrected}", "; it is typed in full-width characters: {corrected}"
)
POSTCODE = error(
    "V005", "invalid-postcode",
    Msg("邮政编码无效", "invalid postcode"),
    Msg("{label}：{value} 不是 6 位数字的邮政编码", "{label}: {value} is not a 6-digit postcode"),
    Msg("邮政编码为 6 位半角数字，上海的例如 200030", "a postcode has 6 half-width digits, e.g. 200030 in Shanghai"),
    **_pair("contact:\n  postcode: '200030'\n", "contact:\n  postcode: '20003'\n"),
)  # fmt: skip
POSTCODE_OUTSIDE = warning(
    "V006", "postcode-outside-shanghai",
    Msg("邮政编码不在上海", "postcode outside Shanghai"),
    Msg("{label}：{value} 不是上海的邮政编码（上海的在 {first} 至 {last} 之间）", "{label}: {value} is not a Shanghai postcode (those run from {first} to {last})"),
    Msg("核对通讯地址的邮政编码", "check the postcode of the postal address"),
    passing=(Example("contact:\n  postcode: '200030'\n"), Example("contact:\n  postcode: '202150'\n")),
    failing=(Example("contact:\n  postcode: '100080'\n"), Example("contact:\n  postcode: '202200'\n")),
)  # fmt: skip
DISTRICT = error(
    "V007", "unknown-district",
    Msg("不是本轮的区县", "not a district of the round"),
    Msg("{label}：{value} 不是 {round} 年度的区县{suggestion}", "{label}: {value} is not a district of the {round} round{suggestion}"),
    Msg("本轮的区县：{districts}", "districts of the round: {districts}"),
    help=Msg("照抄本轮指南的区县名称（cjzn catalog 列出全部）", "copy a district name of the round (cjzn catalog lists them)"),
    **_pair("unit:\n  district: 长宁区\n", "unit:\n  district: 长宁县\n"),
)  # fmt: skip
PRIOR_ROUNDS = error(
    "V008", "invalid-prior-rounds",
    Msg("以往参加轮次无效", "invalid prior rounds"),
    Msg("{label}：{problem}", "{label}: {problem}"),
    Msg("写参加过的轮次，例如 [1, 3]；从未参与写 []", "list the rounds taken part in, e.g. [1, 3]; never: []"),
    passing=(Example("prior_rounds: [1, 3]\n"), Example("prior_rounds: []\n")),
    failing=(Example("prior_rounds: [1, 4]\n"), Example("prior_rounds: 第二轮、第三轮\n")),
)  # fmt: skip

LANDLINE_OUTSIDE = warning(
    "V009", "landline-outside-shanghai",
    Msg("固定电话不是上海的号码", "landline outside Shanghai"),
    Msg("{label}：{value} 的区号 {area} 是{city}的，不是上海（{home}）", "{label}: {value} has the area code {area} of {city}, not Shanghai's ({home})"),
    Msg("街道（乡镇）的电话一般是上海的号码（{home}），核对区号", "a street office's number is normally a Shanghai one ({home}); check the area code"),
    help=Msg("核对电话号码的区号：上海的固定电话区号是 021", "check the area code: Shanghai landlines have the area code 021"),
    passing=(Example("contact:\n  office_phone: 021-64311234\n"),),
    failing=(Example("contact:\n  office_phone: 010-62751234\n"), Example("leader:\n  phone: 0512-65223456\n")),
)  # fmt: skip
POSTCODE_DIGITS = error(
    "V010", "postcode-not-half-width",
    Msg("邮政编码要用半角数字", "postcode in full-width digits"),
    Msg("{label}：{value} 用了全角数字，应为 {corrected}", "{label}: {value} is written in full-width digits; it should be {corrected}"),
    Msg("改用半角数字（关闭输入法的全角模式）：{corrected}", "use half-width digits (switch the input method out of full-width mode): {corrected}"),
    help=Msg("邮政编码用半角数字 0-9 书写（关闭输入法的全角模式）", "write postcodes with the half-width digits 0-9"),
    **_pair("contact:\n  postcode: '200030'\n", "contact:\n  postcode: ２０００３０\n"),
)  # fmt: skip

#: Why a phone number that libphonenumber knows is still not right here ({detail}).
PHONE_PROBLEMS = {
    "": Msg("", ""),
    "foreign": Msg("（{calling_code} 是{region}的号码，应填写中国大陆的号码）", " ({calling_code} is a number of {region}; write a mainland China number)"),
    "extension": Msg("（手机号码不能带分机号）", " (a mobile number has no extension)"),
    "landline": Msg("（这是固定电话号码，应填写手机号码）", " (this is a landline number; write a mobile number)"),
    "mobile": Msg("（这是手机号码，应填写固定电话号码）", " (this is a mobile number; write a landline number)"),
}  # fmt: skip

#: Code -> its problem when the right value is known (`{suggestion}`), and when it is not.
FORMAT_PROBLEMS = {
    DATE.code: (
        Msg("格式不对，应写成 {suggestion}", "is written the wrong way: write {suggestion}"),
        Msg("不是有效日期", "is not a valid date"),
    ),
    MONTH.code: (
        Msg("格式不对，应写成 {suggestion}", "is written the wrong way: write {suggestion}"),
        Msg("不是有效月份", "is not a valid month"),
    ),
    FLAG.code: (
        Msg("应写成 {suggestion}", "must be written {suggestion}"),
        Msg("应写成 true（是）或 false（否）", "must be true or false"),
    ),
}

PRIOR_ROUNDS_PROBLEMS = {
    "spelled": Msg("{quoted} 应写成 {suggestion}", "write {quoted} as {suggestion}"),
    "unknown": Msg(
        "{value} 不是以往的轮次（只能是 {known}）", "{value} is not a past round (only {known})"
    ),
    "repeated": Msg("第 {value} 轮重复列出", "round {value} is listed twice"),
}

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        UNKNOWN_KEY, MISSING_KEY, WRONG_TYPE, VERSION, ROUND, DATE, MONTH, CHOICE, FLAG,
        MOBILE, LANDLINE, PHONE, EMAIL, POSTCODE, POSTCODE_OUTSIDE, DISTRICT, PRIOR_ROUNDS,
        LANDLINE_OUTSIDE, POSTCODE_DIGITS,
    )
}  # fmt: skip
