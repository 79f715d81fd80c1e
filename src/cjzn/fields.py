"""Reusable field types for the filing model: `Annotated[..., Validator(...)]`.

The loader hands every scalar over as the exact text the user wrote, so these
types decide what a text means (a date, a phone number, `true`) and reject
anything ambiguous with a stable code instead of guessing. Each check raises a
`PydanticCustomError` whose type *is* the diagnostic code; `cjzn.schema`
turns it into a located, translated diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from cjzn.messages import CodeInfo, Msg, error, warning

SUPPORTED_VERSIONS = (1,)

UNKNOWN_KEY = error(
    "F001", "unknown-key",
    Msg("未知的键", "unknown key"),
    Msg("{place}不认识的键 {key}{suggestion}", "unknown key {key}{place}{suggestion}"),
    Msg("检查拼写；可用的键见 cjzn init 生成的模板或 README", "check the spelling; see the skeleton from cjzn init for the keys"),
)  # fmt: skip
MISSING_KEY = error(
    "F002", "missing-key",
    Msg("缺少必填的键", "required key missing"),
    Msg("缺少 {label}（{key}）", "{label} ({key}) is missing"),
    Msg("在这里加上 {key}: …", "add {key}: … here"),
)  # fmt: skip
WRONG_TYPE = error(
    "F003", "wrong-type",
    Msg("值的类型不对", "wrong kind of value"),
    Msg("{label} 应为{expected}", "{label} should be {expected}"),
    Msg("{example}", "{example}"),
)  # fmt: skip
VERSION = error(
    "F004", "unsupported-version",
    Msg("不支持的格式版本", "unsupported format version"),
    Msg("格式版本 cjzn: {value} 不受支持；本工具支持 {supported}", "format version cjzn: {value} is not supported; this cjzn supports {supported}"),
    Msg("写 cjzn: 1", "write cjzn: 1"),
)  # fmt: skip
ROUND = error(
    "F005", "unknown-round",
    Msg("未知的创建轮次", "unknown round"),
    Msg("未知的创建轮次 {value}；已知轮次：{known}", "unknown round {value}; known rounds: {known}"),
    Msg("写 round: \"2013-2014\"，或用 --catalog 指定该轮指南的目录文件", "write round: \"2013-2014\", or pass the round's catalog with --catalog"),
)  # fmt: skip
DATE = error(
    "F006", "invalid-date",
    Msg("日期无效", "invalid date"),
    Msg("{label}：{value} 不是有效日期", "{label}: {value} is not a valid date"),
    Msg("日期写成 年-月-日，例如 2013-03-15", "write dates as year-month-day, e.g. 2013-03-15"),
)  # fmt: skip
MONTH = error(
    "F007", "invalid-month",
    Msg("月份无效", "invalid month"),
    Msg("{label}：{value} 不是有效月份", "{label}: {value} is not a valid month"),
    Msg("月份写成 年-月，例如 2013-04", "write months as year-month, e.g. 2013-04"),
)  # fmt: skip
CHOICE = error(
    "F008", "invalid-choice",
    Msg("不是可选的值", "not one of the choices"),
    Msg("{label}：{value} 不是可选的值；可选：{choices}", "{label}: {value} is not one of {choices}"),
    Msg("从可选的值中选一个照抄", "copy one of the choices"),
)  # fmt: skip
FLAG = error(
    "F009", "invalid-flag",
    Msg("应写 true 或 false", "must be true or false"),
    Msg("{label}：{value} 应写成 true（是）或 false（否）", "{label}: {value} must be true or false"),
    Msg("YAML 中 yes/no/是/否 容易被误读，请写 true 或 false", "yes/no are ambiguous in YAML; write true or false"),
)  # fmt: skip
MOBILE = error(
    "V001", "invalid-mobile",
    Msg("手机号码无效", "invalid mobile number"),
    Msg("{label}：{value} 不是有效的手机号码", "{label}: {value} is not a valid mobile number"),
    Msg("手机号码为 11 位数字，以 1 开头，例如 13816612345", "a mainland mobile number has 11 digits starting with 1, e.g. 13816612345"),
)  # fmt: skip
LANDLINE = error(
    "V002", "invalid-landline",
    Msg("单位电话无效", "invalid landline number"),
    Msg("{label}：{value} 不是有效的固定电话号码", "{label}: {value} is not a valid landline number"),
    Msg("写成 区号-号码，例如 021-64311234；分机写在后面：021-64311234 转 801", "write area code and number, e.g. 021-64311234; an extension after it: 021-64311234 ext. 801"),
)  # fmt: skip
PHONE = error(
    "V003", "invalid-phone",
    Msg("联系电话无效", "invalid phone number"),
    Msg("{label}：{value} 既不是有效的固定电话也不是有效的手机号码", "{label}: {value} is neither a valid landline nor a valid mobile number"),
    Msg("固定电话写成 021-64311234，手机写 11 位数字", "write a landline as 021-64311234 or an 11-digit mobile number"),
)  # fmt: skip
EMAIL = error(
    "V004", "invalid-email",
    Msg("电子邮箱无效", "invalid email address"),
    Msg("{label}：{value} 不是有效的电子邮箱", "{label}: {value} is not a valid email address ({reason})"),
    Msg("电子邮箱形如 name@example.com", "an email address looks like name@example.com"),
)  # fmt: skip
POSTCODE = error(
    "V005", "invalid-postcode",
    Msg("邮政编码无效", "invalid postcode"),
    Msg("{label}：{value} 不是 6 位数字的邮政编码", "{label}: {value} is not a 6-digit postcode"),
    Msg("上海的邮政编码为 6 位数字，以 20 开头，例如 200030", "a Shanghai postcode has 6 digits starting with 20, e.g. 200030"),
)  # fmt: skip
POSTCODE_OUTSIDE = warning(
    "V006", "postcode-outside-shanghai",
    Msg("邮政编码不在上海", "postcode outside Shanghai"),
    Msg("{label}：{value} 不是上海的邮政编码（上海的以 20 开头）", "{label}: {value} is not a Shanghai postcode (those start with 20)"),
    Msg("核对通讯地址的邮政编码", "check the postcode of the postal address"),
)  # fmt: skip
DISTRICT = error(
    "V007", "unknown-district",
    Msg("不是本轮的区县", "not a district of the round"),
    Msg("{label}：{value} 不是 {round} 年度的区县{suggestion}", "{label}: {value} is not a district of the {round} round{suggestion}"),
    Msg("本轮的区县：{districts}", "districts of the round: {districts}"),
)  # fmt: skip
PRIOR_ROUNDS = error(
    "V008", "invalid-prior-rounds",
    Msg("以往参加轮次无效", "invalid prior rounds"),
    Msg("{label}：{problem}", "{label}: {problem}"),
    Msg("写参加过的轮次，例如 [1, 3]；从未参与写 []", "list the rounds taken part in, e.g. [1, 3]; never: []"),
)  # fmt: skip

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        UNKNOWN_KEY, MISSING_KEY, WRONG_TYPE, VERSION, ROUND, DATE, MONTH, CHOICE, FLAG,
        MOBILE, LANDLINE, PHONE, EMAIL, POSTCODE, POSTCODE_OUTSIDE, DISTRICT, PRIOR_ROUNDS,
    )
}  # fmt: skip


def fail(info: CodeInfo, **params: Any) -> PydanticCustomError:
    """The error a field check raises: its type is the code, its context the message params."""
    return PydanticCustomError(info.code, info.message.en, params)


_EXTENSION = re.compile(r"^(?P<number>.*?\d)\s*(?:转|分机|ext\.?|x|-|#)\s*(?P<ext>\d{1,6})$", re.I)
_FULLWIDTH = str.maketrans("０１２３４５６７８９（）－＋　", "0123456789()-+ ")


def _parse_phone(text: str) -> phonenumbers.PhoneNumber | None:
    """A valid CN number, reading `转`/`分机`/`-801` extensions and a bare 8-digit Shanghai number."""
    cleaned = text.translate(_FULLWIDTH).strip()
    candidates = [cleaned]
    match = _EXTENSION.match(cleaned)
    if match:
        candidates.append(f"{match['number']} ext. {match['ext']}")
    digits = re.sub(r"\D", "", cleaned)
    if len(digits) == 8 and cleaned.replace(" ", "").replace("-", "").isdigit():
        candidates.append("021" + digits)  # a bare 8-digit number is read as Shanghai
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, "CN")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
_LANDLINE_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.VOIP,
    phonenumbers.PhoneNumberType.TOLL_FREE,
}


def _number_check(info: CodeInfo, kinds: set[Any]) -> Callable[[str], str]:
    """A check that `value` is a valid number of one of `kinds` (mobile, landline)."""

    def check(value: str) -> str:
        if not value.strip():
            return value  # blank is not filled in yet: the stage rules say when it is due
        number = _parse_phone(value)
        if number is None or phonenumbers.number_type(number) not in kinds:
            raise fail(info, value=value)
        return value

    return check


check_mobile = _number_check(MOBILE, _MOBILE_TYPES)
check_landline = _number_check(LANDLINE, _LANDLINE_TYPES)


def check_phone(value: str) -> str:
    if not value.strip():
        return value  # blank is not filled in yet: the stage rules say when it is due
    if _parse_phone(value) is None:
        raise fail(PHONE, value=value)
    return value


def check_email(value: str) -> str:
    if not value.strip():
        return value  # blank is not filled in yet: the stage rules say when it is due
    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise fail(EMAIL, value=value, reason=str(exc)) from None
    return value


def check_postcode(value: str) -> str:
    if not value.strip():
        return value  # blank is not filled in yet: the stage rules say when it is due
    if not re.fullmatch(r"\d{6}", value.strip()):
        raise fail(POSTCODE, value=value)
    return value


def check_district(value: str, info: ValidationInfo) -> str:
    catalog = (info.context or {}).get("catalog")
    if catalog is None or not value.strip() or value in catalog.districts:
        return value
    suggestion = catalog.suggest_district(value)
    raise fail(DISTRICT, value=value, round=catalog.round, suggestion=suggestion or "")


def check_leading_body_kind(value: str, info: ValidationInfo) -> str:
    """领导小组 / 协调机构 / 联席会议: the choices are the round's (catalog), not Python's."""
    catalog = (info.context or {}).get("catalog")
    if catalog is None or value in catalog.enums.leading_body_kind:
        return value
    raise fail(CHOICE, value=value, choices=list(catalog.enums.leading_body_kind))


def parse_version(value: Any) -> Any:
    text = str(value).strip() if isinstance(value, (str, int)) else None
    if text is None:
        return value  # let the type check say it is not a number
    if not text.isdigit() or int(text) not in SUPPORTED_VERSIONS:
        raise fail(VERSION, value=text)
    return int(text)


def iso_date(text: str) -> date | None:
    """`2013-03-15` as a date; None for anything else (no `20130315`, no 2013-02-30)."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    parsed = iso_date(value)
    if parsed is None:
        raise fail(DATE, value=value)
    return parsed


def parse_month(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise fail(MONTH, value=value)
    return text


def parse_flag(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise fail(FLAG, value=value)


def parse_prior_rounds(value: Any, info: ValidationInfo) -> Any:
    """Past rounds as integers: the round's catalog says which exist (1-3 for 2013-2014)."""
    if not isinstance(value, list):
        return value
    catalog = (info.context or {}).get("catalog")
    options = catalog.form.prior_round_options if catalog is not None else {}
    known = [key for key in options if key.isdigit()] or ["1", "2", "3"]
    seen: list[int] = []
    for item in value:
        text = str(item).strip() if item is not None else ""
        if text not in known:
            raise fail(PRIOR_ROUNDS, problem_key="unknown", value=text, known=known)
        if int(text) in seen:
            raise fail(PRIOR_ROUNDS, problem_key="repeated", value=text)
        seen.append(int(text))
    return seen


PRIOR_ROUNDS_PROBLEMS = {
    "unknown": Msg(
        "{value} 不是以往的轮次（只能是 {known}）", "{value} is not a past round (only {known})"
    ),
    "repeated": Msg("第 {value} 轮重复列出", "round {value} is listed twice"),
}

Mobile = Annotated[str, AfterValidator(check_mobile)]
Landline = Annotated[str, AfterValidator(check_landline)]
Phone = Annotated[str, AfterValidator(check_phone)]
Email = Annotated[str, AfterValidator(check_email)]
Postcode = Annotated[str, AfterValidator(check_postcode)]
District = Annotated[str, AfterValidator(check_district)]
LeadingBodyKind = Annotated[str, AfterValidator(check_leading_body_kind)]
Version = Annotated[int, BeforeValidator(parse_version)]
IsoDate = Annotated[date, BeforeValidator(parse_date)]
YearMonth = Annotated[str, BeforeValidator(parse_month)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
PriorRounds = Annotated[list[int], BeforeValidator(parse_prior_rounds)]
