"""Field types: phone numbers, email, postcode, district, rounds, dates, flags, version."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from cjzn.guide import catalog_for_round
from cjzn.model.fields import (
    District,
    Email,
    Flag,
    IsoDate,
    Landline,
    Mobile,
    Phone,
    Postcode,
    PriorRounds,
    Version,
    YearMonth,
    email_half_width,
    landline_area,
    postcode_half_width,
)


class Probe(BaseModel):
    mobile: Mobile | None = None
    landline: Landline | None = None
    phone: Phone | None = None
    email: Email | None = None
    postcode: Postcode | None = None
    district: District | None = None
    rounds: PriorRounds | None = None
    day: IsoDate | None = None
    month: YearMonth | None = None
    flag: Flag | None = None
    version: Version | None = None


def error_code(**values: object) -> str | None:
    catalog = catalog_for_round("2013-2014")
    try:
        Probe.model_validate(values, context={"catalog": catalog})
    except ValidationError as exc:
        return str(exc.errors()[0]["type"])
    return None


@pytest.mark.parametrize(
    "number",
    ["021-64311234", "(021)64311234", "+86 21 6431 1234", "02164311234", "021 6431 1234",
     "021-64311234 ext. 801", "021-64311234-801", "021-64311234转801", "64311234", "010-12345678",
     "０２１－６４３１１２３４"],
)  # fmt: skip
def test_landlines_accepted(number: str) -> None:
    assert error_code(landline=number) is None


@pytest.mark.parametrize(
    "number", ["021-6431123", "1234", "13816612345", "电话", "021-6431123456789"]
)
def test_landlines_rejected(number: str) -> None:
    assert error_code(landline=number) == "V002"


@pytest.mark.parametrize("number", ["13816612345", "138 1661 2345", "+86 138-1661-2345"])
def test_mobiles_accepted(number: str) -> None:
    assert error_code(mobile=number) is None


@pytest.mark.parametrize("number", ["1381661234", "138166123456", "021-64311234", "23816612345"])
def test_mobiles_rejected(number: str) -> None:
    assert error_code(mobile=number) == "V001"


def test_leader_phone_takes_either_kind() -> None:
    assert error_code(phone="021-64311234") is None
    assert error_code(phone="13816612345") is None
    assert error_code(phone="12345") == "V003"


@pytest.mark.parametrize(
    "email", ["tianping@example.com", "张三@例子.中国", "a.b+c@sub.example.org"]
)
def test_emails_accepted(email: str) -> None:
    assert error_code(email=email) is None


@pytest.mark.parametrize("email", ["jiangchuan@", "no-at-sign", "a@b", "a b@example.com"])
def test_emails_rejected(email: str) -> None:
    assert error_code(email=email) == "V004"


def test_postcode_is_six_digits() -> None:
    assert error_code(postcode="200030") is None
    assert (
        error_code(postcode="100080") is None
    )  # outside Shanghai: a warning rule, not a type error
    assert error_code(postcode="20003") == "V005"
    assert error_code(postcode="2000300") == "V005"


def test_district_of_the_round_with_suggestion() -> None:
    assert error_code(district="闸北区") is None
    assert error_code(district="崇明县") is None
    catalog = catalog_for_round("2013-2014")
    with pytest.raises(ValidationError) as info:
        Probe.model_validate({"district": "崇明区"}, context={"catalog": catalog})
    error = info.value.errors()[0]
    assert error["type"] == "V007"
    assert error["ctx"]["suggestion"] == "崇明县"
    assert error_code(district="卢湾区") == "V007"


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [([], []), (["1", "3"], [1, 3]), (["2"], [2]), ([1, 2, 3], [1, 2, 3])],
)
def test_prior_rounds_accepted(rounds: list[object], expected: list[int]) -> None:
    assert Probe.model_validate({"rounds": rounds}).rounds == expected


@pytest.mark.parametrize("rounds", [["4"], ["1", "1"], ["0"], ["one"], [None]])
def test_prior_rounds_rejected(rounds: list[object]) -> None:
    assert error_code(rounds=rounds) == "V008"


def test_dates_are_real_dates() -> None:
    assert Probe.model_validate({"day": "2013-03-15"}).day == date(2013, 3, 15)
    assert error_code(day="2013-02-30") == "F006"
    assert error_code(day="2013/03/15") == "F006"
    assert error_code(day="1363305600") == "F006"  # no unix timestamps sneaking in


def test_months() -> None:
    assert error_code(month="2013-04") is None
    assert error_code(month="2013-13") == "F007"
    assert error_code(month="2013-4-1") == "F007"


def test_flags_are_only_true_or_false() -> None:
    assert Probe.model_validate({"flag": "true"}).flag is True
    assert Probe.model_validate({"flag": "False"}).flag is False
    for word in ("yes", "no", "on", "1", "是"):
        assert error_code(flag=word) == "F009"


def test_version() -> None:
    assert Probe.model_validate({"version": "1"}).version == 1
    assert error_code(version="2") == "F004"
    assert error_code(version="x") == "F004"


@pytest.mark.parametrize("field", ["mobile", "landline", "phone", "email", "postcode", "district"])
def test_blank_text_is_not_filled_in_rather_than_invalid(field: str) -> None:
    assert error_code(**{field: ""}) is None
    assert error_code(**{field: "   "}) is None


# -- mainland numbers, Shanghai postcodes (issue 15) ----------------------------------------


def error_context(**values: object) -> dict[str, object]:
    catalog = catalog_for_round("2013-2014")
    with pytest.raises(ValidationError) as info:
        Probe.model_validate(values, context={"catalog": catalog})
    return dict(info.value.errors()[0].get("ctx") or {})


@pytest.mark.parametrize(
    ("number", "calling_code", "region"),
    [("+1 650 253 0000", "+1", "美国"), ("+44 7911 123456", "+44", "英国"),
     ("+852 9123 4567", "+852", "香港"), ("+853 6612 3456", "+853", "澳门特区")],
)  # fmt: skip
def test_numbers_from_abroad_are_not_mainland_numbers(
    number: str, calling_code: str, region: str
) -> None:
    """Valid numbers elsewhere: rejected in every phone field, the country named."""
    assert error_code(mobile=number) == "V001"
    assert error_code(landline=number) == "V002"
    assert error_code(phone=number) == "V003"
    context = error_context(mobile=number)
    assert (context["problem"], context["calling_code"], context["region_zh"]) == (
        "foreign",
        calling_code,
        region,
    )


@pytest.mark.parametrize(
    "number", ["13816612345 转 8", "13816612345 ext. 801", "139-1661-2345 分机 12"]
)
def test_a_mobile_has_no_extension(number: str) -> None:
    assert error_code(mobile=number) == "V001"
    assert error_context(mobile=number)["problem"] == "extension"
    assert error_code(phone=number) == "V003"  # the leader's phone too
    assert error_code(landline="021-64311234 转 801") is None  # a landline may have one


@pytest.mark.parametrize("number", ["+8613816612345", "+86 138 1661 2345", "15921234567"])
def test_mainland_mobiles_in_any_spelling(number: str) -> None:
    assert error_code(mobile=number) is None
    assert error_code(phone=number) is None


def test_a_landline_where_a_mobile_belongs_says_so() -> None:
    assert error_context(mobile="021-64311234")["problem"] == "landline"
    assert error_context(landline="13816612345")["problem"] == "mobile"


def test_landline_area_names_the_city() -> None:
    beijing = landline_area("010-62751234")
    assert beijing is not None and beijing[0] == "010"
    assert (beijing[1].zh, beijing[1].en) == ("北京市", "Beijing")
    suzhou = landline_area("0512-65223456")
    assert suzhou is not None and suzhou[0] == "0512" and "苏州" in suzhou[1].zh
    shanghai = landline_area("(021)64311234")
    assert shanghai is not None and shanghai[0] == "021"
    bare = landline_area("64311234")  # a bare 8-digit number is read as Shanghai's
    assert bare is not None and bare[0] == "021"
    for other in ("13816612345", "400-820-1234", "+852 2123 4567", "电话"):
        assert landline_area(other) is None


@pytest.mark.parametrize(
    ("written", "corrected"),
    [("２０００３０", "200030"), ("２０１６２０", "201620"), ("20003０", "200030"),
     ("٢٠٠٠٣٠", "200030")],
)  # fmt: skip
def test_postcodes_in_other_digits_get_the_half_width_value(written: str, corrected: str) -> None:
    assert error_code(postcode=written) == "V010"
    assert error_context(postcode=written)["corrected"] == corrected
    assert postcode_half_width(written) == corrected


def test_postcodes_are_ascii_digits_only() -> None:
    assert error_code(postcode="２０００３") == "V005"  # five digits: not a postcode at all
    assert error_code(postcode="2000 30") == "V005"
    assert postcode_half_width("200030") == "200030"
    assert postcode_half_width("20003") is None


@pytest.mark.parametrize(
    ("written", "corrected"),
    [("xhljd_sqjy＠163.com", "xhljd_sqjy@163.com"), ("sqjy＠example．com", "sqjy@example.com"),
     ("ｓｑｊｙ＠example。com", "sqjy@example.com")],
)  # fmt: skip
def test_an_email_typed_in_full_width_gets_the_half_width_address(
    written: str, corrected: str
) -> None:
    """Still V004 (the address as written is not valid), now with the address and its fix."""
    assert error_code(email=written) == "V004"
    assert error_context(email=written)["corrected"] == corrected
    assert email_half_width(written) == corrected


def test_an_email_that_is_wrong_in_half_width_too_gets_no_correction() -> None:
    assert error_code(email="xuhui@@example.com") == "V004"
    assert "corrected" not in error_context(email="xuhui@@example.com")
    assert email_half_width("xuhui＠＠example.com") is None
    assert email_half_width("xuhui@example.com") is None  # nothing to correct
