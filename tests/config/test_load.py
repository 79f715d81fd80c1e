"""Reading and checking a cjzn.toml: every problem located, in Chinese (English with en)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cjzn.check.policy import vocabulary
from cjzn.config import ConfigError, ConfigFile, glob_match, load_config

WAIVER = """\
[[waivers]]
code = "T101"
filing = "filings/徐汇区/天平路街道.yaml"
path = "basic_work.B2.5"
reason = "调研报告推迟到 2014 年 12 月，区社区学院同意"
approved-by = "徐汇区社区学院 王老师"
approved-on = 2014-09-20
expires = 2014-12-31
"""


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # diagnostics name the config as `cjzn.toml`


def load(tmp_path: Path, text: str, lang: str = "zh") -> ConfigFile:
    path = tmp_path / "cjzn.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, vocabulary(), lang)


def problems(tmp_path: Path, text: str, lang: str = "zh") -> list[tuple[int, int, str, str]]:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text, lang)
    assert caught.value.exit_code == 2
    return [(d.line, d.column, d.code, d.message) for d in caught.value.diagnostics]


def test_a_full_file_reads_into_settings(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        'round = "2013-2014"\nas-of = 2014-12-31\nselect = ["y", "F", "V", "G", "T10"]\n'
        'ignore = ["T102"]\nwarn = []\nexclude = ["archive", "filings/草稿"]\n'
        '[per-file-ignores]\n"filings/崇明县/*.yaml" = ["V006"]\n[hook]\nwarn = ["T", "C010"]\n'
        + WAIVER,
    )
    assert config.round is not None and config.round.value == "2013-2014"
    assert config.as_of is not None and config.as_of.value == date(2014, 12, 31)
    assert config.as_of.origin.line == 2 and config.as_of.origin.column == 1
    assert config.codes.select is not None
    assert config.codes.select.value == ("Y", "F", "V", "G", "T10")  # upper-cased
    assert config.hook.warn is not None and config.hook.warn.value == ("T", "C010")
    assert config.hook.warn.origin.line == 10
    (entry,) = config.per_file_ignores
    assert entry.value == ("filings/崇明县/*.yaml", ("V006",))
    (waiver,) = config.waivers
    assert (waiver.code, waiver.path, waiver.expires) == (
        "T101",
        "basic_work.B2.5",
        date(2014, 12, 31),
    )
    assert waiver.source == "cjzn.toml:11:1" and waiver.number == 1
    assert waiver.missing("zh") == ""


def test_every_problem_is_collected_and_located(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'ignores = ["T102"]\nselect = "F"\nwarn = ["X9", "T"]\nas-of = "2014-13-01"\n'
        'round = "2015-2016"\n[hook]\nblock = ["Y"]\n',
    )
    assert [(line, column, code) for line, column, code, _ in found] == [
        (1, 1, "C002"),  # unknown key, at the key
        (2, 10, "C003"),  # wrong type, at the value
        (3, 9, "C004"),  # the bad code inside the list
        (4, 9, "C007"),
        (5, 9, "C005"),
        (7, 1, "C002"),  # inside [hook]
    ]
    messages = [message for *_, message in found]
    assert "不认识的设置 ignores，是否应为 ignore？" in messages[0]
    assert "“X9”" in messages[2]
    assert "block" in messages[5]


def test_english_with_lang_en(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, 'ignore = "T102"\n', "en")
    assert found[3] == 'ignore must be a list of codes, not "T102"'


def test_the_error_text_names_the_file_and_every_place(tmp_path: Path) -> None:
    (tmp_path / "cjzn.toml").write_text('select = ["Q"]\nignore = "T"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "cjzn.toml", vocabulary(), "zh")
    text = str(caught.value)
    assert "有 2 处错误，未检查任何备案" in text
    assert "cjzn.toml:1:11  错误  C004" in text and "cjzn.toml:2:10  错误  C003" in text
    assert "提示：" in text and "Traceback" not in text


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('ignore = ["T102"\n', 1, 17, "列表缺少右方括号"),
        ("ignore ＝ “T102”\n", 1, 8, "全角符号"),
        ('ignore = ["T102"]\nignore = []\n', 2, 12, "写了两次"),
        ("as-of = 2014-12-31 x\n", 1, 20, "一行只能写一个设置"),
        ('select = ["T"]\n[hook\n', 2, 6, ""),
    ],
)
def test_syntax_errors_are_located_in_the_offices_words(
    tmp_path: Path, text: str, line: int, column: int, words: str
) -> None:
    ((found_line, found_column, code, message),) = problems(tmp_path, text)
    assert (found_line, found_column, code) == (line, column, "C001")
    assert words in message


def test_not_utf8_and_too_large(tmp_path: Path) -> None:
    path = tmp_path / "cjzn.toml"
    path.write_bytes('ignore = ["T102"]\n# 注释\n'.encode("gbk"))
    with pytest.raises(ConfigError) as caught:
        load_config(path, vocabulary(), "zh")
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.line) == ("C001", 2) and "UTF-8" in problem.message
    path.write_text("# " + "x" * 1_000_001, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path, vocabulary(), "zh")


def test_a_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "cjzn.toml"
    path.write_bytes(b'\xef\xbb\xbfignore = ["T102"]\n')
    config = load_config(path, vocabulary(), "zh")
    assert config.codes.ignore is not None and config.codes.ignore.value == ("T102",)


def test_paths_must_stay_in_the_repo(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    inner = tmp_path / "sub"
    inner.mkdir()
    (tmp_path / "2013-2014.yaml").write_text("x", encoding="utf-8")
    found = problems(
        inner,
        'catalog = "../../etc/passwd"\nexclude = ["../x", "/abs/ok"]\n'
        '[per-file-ignores]\n"../*.yaml" = ["V006"]\n',
    )
    assert [(line, code) for line, _, code, _ in found] == [(1, "C006"), (2, "C006"), (4, "C006")]
    # inside the repo, above the config's folder: allowed (the repo is the limit)
    config = load(inner, 'catalog = "../2013-2014.yaml"\n')
    assert (
        config.catalog is not None
        and config.catalog.value == (tmp_path / "2013-2014.yaml").resolve()
    )


def test_round_and_catalog_conflict(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("x", encoding="utf-8")
    ((line, _column, code, message),) = problems(
        tmp_path, 'round = "2013-2014"\ncatalog = "c.yaml"\n'
    )
    assert (line, code) == (2, "C008") and "round" in message and "catalog" in message


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (('code = "T101"\n', ""), "C009", 1),  # no code
        (('filing = "filings/徐汇区/天平路街道.yaml"\n', ""), "C009", 1),  # neither filing nor unit
        (
            ('filing = "filings/徐汇区/天平路街道.yaml"\n', 'filing = "a.yaml"\nunit = "x"\n'),
            "C009",
            1,
        ),
        (('code = "T101"', 'code = "T1"'), "C004", 2),  # a prefix is not a code
        (("expires = 2014-12-31", "expires = 2014-09-01"), "C008", 8),
        (("approved-on = 2014-09-20", 'approved-on = "2014年9月20日"'), "C007", 7),
        (('reason = "调研报告推迟到 2014 年 12 月，区社区学院同意"', "reason = 5"), "C003", 5),
        (('path = "basic_work.B2.5"', 'paht = "basic_work.B2.5"'), "C002", 4),
    ],
)
def test_waiver_problems_that_stop_the_run(
    tmp_path: Path, change: tuple[str, str], code: str, line: int
) -> None:
    found = problems(tmp_path, WAIVER.replace(*change))
    assert (line, code) in [(found_line, found_code) for found_line, _, found_code, _ in found]


def test_an_incomplete_waiver_loads_and_says_what_it_lacks(tmp_path: Path) -> None:
    """Missing reason or approver is reported with the filings (C011, exit 1), not exit 2."""
    text = WAIVER.replace('approved-by = "徐汇区社区学院 王老师"\n', "").replace(
        'reason = "调研报告推迟到 2014 年 12 月，区社区学院同意"', 'reason = "  "'
    )
    (waiver,) = load(tmp_path, text).waivers
    assert waiver.missing("zh") == "理由（reason）、批准人（approved-by）"
    assert waiver.missing("en") == "its reason, approved-by"


def test_data_only(tmp_path: Path) -> None:
    """A value that looks like code is text, checked as text: nothing is evaluated."""
    ((_, _, code, _),) = problems(tmp_path, "round = \"__import__('os').system('x')\"\n")
    assert code == "C005"


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("archive", "filings/徐汇区/archive/a.yaml", True),
        ("archive", "filings/archived.yaml", False),
        ("filings/崇明县", "filings/崇明县/竖新镇.yaml", True),
        ("filings/*.yaml", "filings/徐汇区/a.yaml", False),
        ("filings/**/*.yaml", "filings/徐汇区/a.yaml", True),
        ("filings/**/*.yaml", "filings/a.yaml", True),
        ("草稿*.yaml", "filings/徐汇区/草稿1.yaml", True),
        ("[ab].yaml", "a.yaml", True),
        ("[!ab].yaml", "a.yaml", False),
        ("./filings/", "filings/a.yaml", True),
        ("/filings", "filings/a.yaml", True),
        ("filings\\徐汇区", "filings/徐汇区/a.yaml", True),
        ("", "a.yaml", False),
        ("[abc", "[abc", True),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_a_config_error_is_worded_in_the_runs_language_and_survives_pickling(
    tmp_path: Path,
) -> None:
    import pickle

    with pytest.raises(ConfigError) as caught:
        load(tmp_path, 'round = "2013-2014"\nbogus = 1\n', "en")
    error = caught.value
    text = error.text("en")
    assert text.startswith("cjzn.toml has 1 problem(s); nothing was checked:"), text
    assert "有" not in text and str(error) == text
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.text("en"), again.exit_code) == (ConfigError, text, 2)
