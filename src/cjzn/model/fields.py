"""Reusable field types for the filing model: `Annotated[..., Validator(...)]`.

The loader hands every scalar over as the exact text the user wrote, so these
types decide what a text means (a date, a phone number, `true`) and reject
anything ambiguous with a stable code instead of guessing. Each check raises a
`PydanticCustomError` whose type *is* the diagnostic code; `cjzn.model.errors`
turns it into a located, translated diagnostic. Checks that depend on the
round (districts, choices) read the catalog from the validation context.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from cjzn.diagnostics import CodeInfo
from cjzn.i18n import Msg
from cjzn.model.codes import (
    CHOICE,
    DATE,
    DISTRICT,
    EMAIL,
    FLAG,
    LANDLINE,
    MOBILE,
    MONTH,
    PHONE,
    POSTCODE,
    POSTCODE_DIGITS,
    PRIOR_ROUNDS,
    SUPPORTED_VERSIONS,
    VERSION,
)
from cjzn.model.formats import flag_meaning, suggest_date, suggest_month, suggest_rounds


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


#: The country calling code of mainland China: +852 (Hong Kong), +853 and +886 are not it.
MAINLAND = 86


def _region(number: phonenumbers.PhoneNumber) -> Msg:
    """The country or region of a calling code, in both languages (+44 -> 英国 / United Kingdom).

    The code's main region, not the number's (+44 7911 … is a Guernsey mobile, but
    people know +44 as the United Kingdom's).
    """
    from phonenumbers import geocoder  # 0.3 s of data: only for a number from abroad

    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    example = phonenumbers.example_number(region) or number
    names = (geocoder.country_name_for_number(example, lang) for lang in ("zh", "en"))
    zh, en = (name or region for name in names)
    return Msg(zh, en)


def _mainland_problem(number: phonenumbers.PhoneNumber, kinds: set[Any]) -> dict[str, str] | None:
    """Why a valid number is not a mainland number of `kinds` (params of the message), or None.

    A mobile is an 11-digit mainland mobile without an extension; a landline may
    have one (`021-64311234 转 801`).
    """
    if number.country_code != MAINLAND:
        region = _region(number)
        return {
            "problem": "foreign",
            "calling_code": f"+{number.country_code}",
            "region_zh": region.zh,
            "region_en": region.en,
        }
    kind = phonenumbers.number_type(number)
    if kind not in kinds:
        return {"problem": "landline" if kind in _LANDLINE_TYPES else "mobile"}
    if kind in _MOBILE_TYPES and kind not in _LANDLINE_TYPES and number.extension:
        return {"problem": "extension"}
    return None


def _number_check(info: CodeInfo, kinds: set[Any]) -> Callable[[str], str]:
    """A check that `value` is a valid mainland number of one of `kinds` (mobile, landline)."""

    def check(value: str) -> str:
        if not value.strip():
            return value  # blank is not filled in yet: the stage rules say when it is due
        number = _parse_phone(value)
        if number is None:
            raise fail(info, value=value)
        problem = _mainland_problem(number, kinds)
        if problem is not None:
            raise fail(info, value=value, **problem)
        return value

    return check


check_mobile = _number_check(MOBILE, _MOBILE_TYPES)
check_landline = _number_check(LANDLINE, _LANDLINE_TYPES)
check_phone = _number_check(PHONE, _MOBILE_TYPES | _LANDLINE_TYPES)


def landline_area_code(value: str) -> str | None:
    """The area code (`010`) of a mainland landline, else None; no geocoder data is loaded."""
    number = _parse_phone(value)
    if number is None or number.country_code != MAINLAND:
        return None
    if phonenumbers.number_type(number) not in _LANDLINE_TYPES - _MOBILE_TYPES:
        return None
    length = phonenumbers.length_of_geographical_area_code(number)
    if not length:
        return None  # 400 and 800 numbers have no area
    return "0" + phonenumbers.national_significant_number(number)[:length]


def landline_area(value: str) -> tuple[str, Msg] | None:
    """The area code (`010`) and city (北京市 / Beijing) of a mainland landline, else None.

    The city costs 0.3 s of geocoder data on its first use: ask `landline_area_code`
    first when only a landline outside the home area needs its city named.
    """
    area = landline_area_code(value)
    number = _parse_phone(value) if area is not None else None
    if area is None or number is None:
        return None
    from phonenumbers import geocoder  # 0.3 s of data: only for a landline outside the city

    zh, en = (geocoder.description_for_number(number, lang) for lang in ("zh", "en"))
    return area, Msg(zh or area, en or area)


def phone_half_width(value: str) -> str | None:
    """A valid mainland number typed with full-width characters (`０２１－６４３７６５３２`,
    `（021）64376532`, `１３９ １６０５ ８２３１`) as the form writes it: `021-64376532` (an
    extension after ` 转 `), `13916058231`, a bare 8-digit number as its 8 digits. None for a
    number written in ASCII (however spaced) and for what is no valid mainland number."""
    text = value.strip()
    half = unicodedata.normalize("NFKC", text)
    number = _parse_phone(half) if half != text else None
    if number is None or number.country_code != MAINLAND:
        return None
    national = phonenumbers.national_significant_number(number)
    digits = re.sub(r"\D", "", half)
    area = phonenumbers.length_of_geographical_area_code(number)
    if len(digits) == 8 and re.fullmatch(r"[\d\s-]+", half):
        written = digits  # documented as a Shanghai number: no area code is added
    elif phonenumbers.number_type(number) in _MOBILE_TYPES or not area:
        written = national
    else:
        written = f"0{national[:area]}-{national[area:]}"
    return f"{written} 转 {number.extension}" if number.extension else written


def check_email(value: str) -> str:
    if not value.strip():
        return value  # blank is not filled in yet: the stage rules say when it is due
    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        half = email_half_width(value)
        extra = {"corrected": half} if half is not None else {}
        raise fail(EMAIL, value=value, reason=str(exc), **extra) from None
    return value


def email_half_width(value: str) -> str | None:
    """`name＠163．com` -> `name@163.com`: an address typed in full-width (an IME left on),
    when that half-width writing is a valid address; else None."""
    half = unicodedata.normalize("NFKC", value.strip()).replace("。", ".")
    if half == value.strip():
        return None
    try:
        validate_email(half, check_deliverability=False)
    except EmailNotValidError:
        return None
    return half


def check_postcode(value: str) -> str:
    """Six ASCII digits; the same in full-width (or other) digits gets the half-width value."""
    if not value.strip():
        return value  # blank is not filled in yet: the stage rules say when it is due
    if re.fullmatch(r"[0-9]{6}", value.strip()):
        return value
    half = postcode_half_width(value)
    if half is not None:
        raise fail(POSTCODE_DIGITS, value=value, corrected=half)
    raise fail(POSTCODE, value=value)


def postcode_half_width(value: str) -> str | None:
    """`２０００３０` -> `200030`: a postcode written in other digits, in ASCII; else None."""
    digits = [unicodedata.decimal(char, None) for char in value.strip()]
    if len(digits) != 6 or any(digit is None for digit in digits):
        return None
    return "".join(str(digit) for digit in digits)


def check_district(value: str, info: ValidationInfo) -> str:
    catalog = (info.context or {}).get("catalog")
    if catalog is None or not value.strip() or value in catalog.districts:
        return value
    suggestion = catalog.suggest_district(value) or ""
    certain = bool(suggestion) and _same_place(value, suggestion, catalog)
    raise fail(DISTRICT, value=value, round=catalog.round, suggestion=suggestion, certain=certain)


def _same_place(value: str, suggestion: str, catalog: Any) -> bool:
    """`崇明区` for 崇明县 (a known alias), `闵行县` for 闵行区, or `长宁` for 长宁区 (the one
    district of the round that is the name with 区 or 县): the name is sure, not a guess."""
    text = value.strip()
    if catalog.district_aliases.get(text) == suggestion:
        return True
    if len(text) > 1 and text[:-1] == suggestion[:-1] and text[-1] in "区县市":
        return True
    completed = [name for name in catalog.districts if name[:-1] == text and name[-1] in "区县"]
    return len(text) > 1 and completed == [suggestion]


def check_leading_body_kind(value: str, info: ValidationInfo) -> str:
    """领导小组 / 协调机构 / 联席会议: the choices are the round's (catalog), not Python's."""
    catalog = (info.context or {}).get("catalog")
    if catalog is None or value in catalog.enums.leading_body_kind:
        return value
    raise fail(CHOICE, value=value, choices=list(catalog.enums.leading_body_kind))


def check_status(value: str, info: ValidationInfo) -> str:
    """planned / in_progress / done: the round's status values (catalog `enums.status`)."""
    catalog = (info.context or {}).get("catalog")
    if catalog is None or value in catalog.enums.status:
        return value
    raise fail(CHOICE, value=value, choices=list(catalog.enums.status), enum="status")


def parse_version(value: Any) -> Any:
    text = str(value).strip() if isinstance(value, (str, int)) else None
    if text is None:
        return value  # let the type check say it is not a number
    if not text.isdecimal() or int(text) not in SUPPORTED_VERSIONS:  # "¹" is a digit, not a number
        raise fail(VERSION, value=text)
    return int(text)


def iso_date(text: str) -> date | None:
    """`2013-03-15` as a date; None for anything else (no `20130315`, no 2013-02-30, no
    full-width digits)."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
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
        raise fail(DATE, value=value, suggestion=suggest_date(value) or "")
    return parsed


def parse_month(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text, re.ASCII)
    if not match or not 1 <= int(match[2]) <= 12:
        raise fail(MONTH, value=value, suggestion=suggest_month(value) or "")
    return text


def parse_flag(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    meaning = flag_meaning(value)
    suggestion = "" if meaning is None else str(meaning).lower()
    raise fail(FLAG, value=value, suggestion=suggestion)


def parse_prior_rounds(value: Any, info: ValidationInfo) -> Any:
    """Past rounds as integers: the round's catalog says which exist (1-3 for 2013-2014)."""
    if not isinstance(value, (list, str)):
        return value
    catalog = (info.context or {}).get("catalog")
    options = catalog.form.prior_round_options if catalog is not None else {}
    known = [key for key in options if key.isdecimal()] or ["1", "2", "3"]
    if isinstance(value, str):
        rounds = suggest_rounds(value, known)
        if rounds is None:
            return value  # not a list: the type check says so
        raise fail(PRIOR_ROUNDS, problem_key="spelled", value=value, suggestion=_flow(rounds))
    seen: list[int] = []
    for item in value:
        text = str(item).strip() if item is not None else ""
        if text not in known:
            rounds = suggest_rounds(value, known)
            if rounds is not None:
                raise fail(
                    PRIOR_ROUNDS, problem_key="spelled", value=text, suggestion=_flow(rounds)
                )
            raise fail(PRIOR_ROUNDS, problem_key="unknown", value=text, known=known)
        if int(text) in seen:
            raise fail(PRIOR_ROUNDS, problem_key="repeated", value=text)
        seen.append(int(text))
    return seen


def _flow(rounds: list[int]) -> str:
    """`[2, 3]`: a list of rounds as it is written in a filing."""
    return "[" + ", ".join(str(number) for number in rounds) + "]"


Mobile = Annotated[str, AfterValidator(check_mobile)]
Landline = Annotated[str, AfterValidator(check_landline)]
Phone = Annotated[str, AfterValidator(check_phone)]
Email = Annotated[str, AfterValidator(check_email)]
Postcode = Annotated[str, AfterValidator(check_postcode)]
District = Annotated[str, AfterValidator(check_district)]
LeadingBodyKind = Annotated[str, AfterValidator(check_leading_body_kind)]
Status = Annotated[str, AfterValidator(check_status)]
Version = Annotated[int, BeforeValidator(parse_version)]
IsoDate = Annotated[date, BeforeValidator(parse_date)]
YearMonth = Annotated[str, BeforeValidator(parse_month)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
PriorRounds = Annotated[list[int], BeforeValidator(parse_prior_rounds)]
