"""cjzn.toml in the pipeline: which file applies (nearest wins, stops at the repo), precedence
(defaults < file < [hook] < options), select/ignore/per-file ignores/warn/exclude, and waivers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL

from cjzn.check import Policy, Report, validate_paths
from cjzn.config import ConfigError
from cjzn.errors import UsageError
from cjzn.options import Options

EARLY_DAY = date(2013, 1, 15)  # nothing is due yet: the filings' only problems are their own
LATE_DAY = date(2013, 5, 15)  # S1 and S2 are overdue: many T101


def waiver(code: str, target: str, *, expires: str = "2013-12-31", **more: str) -> str:
    lines = ["[[waivers]]", f'code = "{code}"', target]
    fields = {
        "reason": '"区社区学院同意暂缓"',
        "approved-by": '"徐汇区社区学院 王老师"',
        "approved-on": "2013-01-10",
        "expires": expires,
        **more,
    }
    lines += [f"{key} = {value}" for key, value in fields.items() if value]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with filings/徐汇区/{天平路街道,湖南路街道}.yaml (named after their
    units), one unknown key (F001) in the first, two in the second."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    folder = root / "filings" / "徐汇区"
    folder.mkdir(parents=True)
    (folder / "天平路街道.yaml").write_text(MINIMAL + "sumary: x\n", encoding="utf-8")
    (folder / "湖南路街道.yaml").write_text(
        MINIMAL.replace("天平路街道", "湖南路街道") + "foo: 1\nsumary: y\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    return root


def config(root: Path, text: str, folder: str = "") -> Path:
    path = root / folder / "cjzn.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(paths: list[str] | None = None, **options: object) -> Report:
    chosen = Options(as_of=options.pop("as_of", EARLY_DAY), **options)  # type: ignore[arg-type]
    return validate_paths([Path(p) for p in paths or ["filings"]], chosen)


def codes(report: Report) -> list[tuple[str, str]]:
    return [(Path(d.file).name, d.code) for d in report.problems]


# -- which cjzn.toml ----------------------------------------------------------------------------


def test_without_a_config_every_problem_is_reported(repo: Path) -> None:
    assert codes(run()) == [
        ("天平路街道.yaml", "F001"),
        ("湖南路街道.yaml", "F001"),
        ("湖南路街道.yaml", "F001"),
    ]


def test_the_nearest_config_wins(repo: Path) -> None:
    config(repo, 'ignore = ["T"]\n')
    config(repo, 'ignore = ["F001"]\n', "filings/徐汇区")
    assert codes(run()) == []  # the folder's own file, not the root's, applies to its filings
    (repo / "filings" / "斜土路街道.yaml").write_text(
        MINIMAL.replace("天平路街道", "斜土路街道") + "sumary: x\n", encoding="utf-8"
    )
    assert codes(run()) == [("斜土路街道.yaml", "F001")]  # above it: the root's (ignores T only)


def test_the_search_stops_at_the_repo_root(repo: Path, tmp_path: Path) -> None:
    config(tmp_path, 'ignore = ["F"]\n')  # above the repo: not this repo's settings
    assert len(codes(run())) == 3


def test_config_option_and_no_config(repo: Path, tmp_path: Path) -> None:
    config(repo, 'ignore = ["F"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["T"]\n', encoding="utf-8")
    assert codes(run()) == []
    assert codes(run(no_config=True)) == codes(
        run(config=tmp_path / "missing.toml", no_config=True)
    )
    assert len(codes(run(no_config=True))) == 3
    assert codes(run(config=other)) == []  # select T: the F001s are not reported
    assert codes(run(config=other, as_of=LATE_DAY)) and all(
        code.startswith("T") for _, code in codes(run(config=other, as_of=LATE_DAY))
    )
    with pytest.raises(UsageError):
        run(config=tmp_path / "missing.toml")


def test_a_broken_config_stops_the_run(repo: Path) -> None:
    config(repo, 'ignore = "F001"\n')
    with pytest.raises(ConfigError) as caught:
        run()
    assert caught.value.exit_code == 2
    assert [d.code for d in caught.value.diagnostics] == ["C003"]
    assert run(no_config=True).problems  # --no-config: the broken file is not read


# -- precedence: defaults < file < [hook] < options ----------------------------------------------


def test_precedence_of_select_and_ignore(repo: Path) -> None:
    config(repo, 'select = ["F", "T"]\nignore = ["T"]\n[hook]\nignore = ["F"]\n')
    late = run(as_of=LATE_DAY)
    assert {code for _, code in codes(late)} == {"F001"}  # the file: T ignored
    assert codes(run(as_of=LATE_DAY, hook=True)) and {
        code[0] for _, code in codes(run(as_of=LATE_DAY, hook=True))
    } == {"T"}  # [hook] replaces ignore
    assert {code[0] for _, code in codes(run(as_of=LATE_DAY, ignore=("F001",)))} == {"T"}
    assert codes(run(as_of=LATE_DAY, select=("F001",), ignore=())) == codes(run(no_config=True))


def test_precedence_of_as_of(repo: Path) -> None:
    config(repo, "as-of = 2013-05-15\n")
    settings = Policy(Options()).for_file(repo / "filings" / "徐汇区" / "天平路街道.yaml")
    assert settings.as_of.value == LATE_DAY and settings.as_of.origin.line == 1
    assert any(code == "T101" for _, code in codes(run(as_of=None)))  # the file's day
    assert not any(code == "T101" for _, code in codes(run(as_of=EARLY_DAY)))  # the option's
    report = run(as_of=None)
    assert report.as_of == LATE_DAY


def test_a_round_pins_the_catalog(repo: Path) -> None:
    config(repo, 'round = "2013-2014"\n')
    (repo / "filings" / "徐汇区" / "天平路街道.yaml").write_text(
        MINIMAL.replace('"2013-2014"', '"2015-2016"'), encoding="utf-8"
    )
    assert ("天平路街道.yaml", "F005") in codes(run())


# -- what the settings do ------------------------------------------------------------------------


def test_per_file_ignores_and_prefixes(repo: Path) -> None:
    config(
        repo,
        '[per-file-ignores]\n"filings/徐汇区/湖南路街道.yaml" = ["F"]\n"天平路街道.*" = ["F00"]\n',
    )
    assert codes(run()) == []
    config(repo, '[per-file-ignores]\n"filings/*.yaml" = ["F"]\n')  # * does not cross a /
    assert len(codes(run())) == 3


def test_warn_turns_errors_into_warnings(repo: Path) -> None:
    config(repo, '[hook]\nwarn = ["T"]\n')
    hooked = run(as_of=LATE_DAY, hook=True)
    plain = run(as_of=LATE_DAY)
    assert plain.exit_code() == hooked.exit_code() == 1  # the F001s still fail
    assert hooked.warnings > 0 and all(not d.is_error for d in hooked.problems if d.code[0] == "T")
    assert plain.errors == hooked.errors + hooked.warnings


def test_exclude_keeps_filings_out_of_folders_and_named_runs(repo: Path) -> None:
    config(repo, 'exclude = ["湖南路街道.yaml"]\n')
    report = run()
    assert codes(report) == [("天平路街道.yaml", "F001")]
    assert [p.name for p in report.excluded] == ["湖南路街道.yaml"]
    named = run(["filings/徐汇区/湖南路街道.yaml"])
    assert named.results == [] and len(named.excluded) == 1


def test_an_unreadable_filing_keeps_every_problem(repo: Path) -> None:
    (repo / "filings" / "徐汇区" / "天平路街道.yaml").write_text("a: [\n", encoding="utf-8")
    config(repo, 'ignore = ["Y"]\n' + waiver("Y003", 'filing = "filings/徐汇区/天平路街道.yaml"'))
    assert ("天平路街道.yaml", "Y003") in codes(run())


# -- waivers ---------------------------------------------------------------------------------------


def test_an_active_waiver_waives_the_problem(repo: Path) -> None:
    config(repo, waiver("F001", 'filing = "filings/徐汇区/天平路街道.yaml"'))
    report = run()
    assert codes(report) == [("湖南路街道.yaml", "F001"), ("湖南路街道.yaml", "F001")]
    (waived,) = report.waived
    assert waived.code == "F001" and waived.waived is not None
    assert waived.waived.reason == "区社区学院同意暂缓"
    assert waived.waived.waiver == "cjzn.toml:1:1"
    # the same when the documents are dropped and the files checked in worker processes
    lean = validate_paths([Path("filings")], Options(as_of=EARLY_DAY), jobs=2, keep_documents=False)
    assert codes(lean) == codes(report) and lean.waived == report.waived


def test_a_waiver_with_a_path_waives_only_that_place(repo: Path) -> None:
    config(repo, waiver("F001", 'unit = "湖南路街道"', path='"foo"'))
    report = run()
    assert [d.path for d in report.waived] == ["foo"]
    assert ("湖南路街道.yaml", "F001") in codes(report)  # `sumary` of the same filing stays


def test_an_only_waived_problem_passes(repo: Path) -> None:
    config(
        repo,
        waiver("F001", 'filing = "filings/徐汇区/天平路街道.yaml"')
        + waiver("F001", 'unit = "湖南路街道"'),
    )
    report = run()
    assert report.problems == [] and len(report.waived) == 3 and report.exit_code() == 0


def test_an_expired_waiver_is_an_error_and_waives_nothing(repo: Path) -> None:
    config(repo, waiver("F001", 'filing = "filings/徐汇区/天平路街道.yaml"', expires="2013-01-14"))
    report = run()
    assert ("cjzn.toml", "C010") in codes(report) and ("天平路街道.yaml", "F001") in codes(report)
    assert report.waived == []
    (expired,) = [d for d in report.problems if d.code == "C010"]
    assert "2013-01-14" in expired.message and "王老师" in expired.message
    assert (expired.line, expired.column, expired.path) == (1, 1, "waivers.0")
    assert ("cjzn.toml", "C010") not in codes(run(as_of=date(2013, 1, 14)))  # still valid then


@pytest.mark.parametrize("missing", ["reason", "approved-by", "approved-on", "expires"])
def test_an_incomplete_waiver_is_an_error_and_waives_nothing(repo: Path, missing: str) -> None:
    text = waiver("F001", 'filing = "filings/徐汇区/天平路街道.yaml"', **{missing: ""})
    config(repo, text)
    report = run()
    assert ("cjzn.toml", "C011") in codes(report) and ("天平路街道.yaml", "F001") in codes(report)
    (incomplete,) = [d for d in report.problems if d.code == "C011"]
    assert missing in incomplete.message


def test_an_unused_waiver_is_a_warning(repo: Path) -> None:
    config(repo, waiver("V001", 'filing = "filings/徐汇区/天平路街道.yaml"'))
    report = run()
    (unused,) = [d for d in report.problems if d.code == "C012"]
    assert not unused.is_error and report.errors == 3


def test_waivers_are_judged_only_for_what_the_run_covers(repo: Path) -> None:
    config(
        repo,
        waiver(
            "F001",
            'filing = "filings/徐汇区/湖南路街道.yaml"',
            expires="2013-01-01",
            **{"approved-on": "2012-12-01"},
        )
        + waiver("V001", 'filing = "filings/徐汇区/湖南路街道.yaml"')
        + waiver("F001", 'filing = "filings/徐汇区/gone.yaml"'),
    )
    one = run(["filings/徐汇区/天平路街道.yaml"])  # a pre-commit hook naming one changed filing
    assert [code for _, code in codes(one)] == ["F001"]
    whole = run()  # the folder: every waiver is judged, the renamed filing's too
    assert sorted(code for name, code in codes(whole) if name == "cjzn.toml") == [
        "C010",
        "C012",
        "C012",
    ]


def test_waived_problems_do_not_count_in_status_or_render(repo: Path) -> None:
    from cjzn.render import render_paths
    from cjzn.status import collect_status

    config(repo, waiver("F001", 'filing = "filings/徐汇区/天平路街道.yaml"'))
    status = collect_status([Path("filings")], Options(as_of=EARLY_DAY))
    by_name = {Path(f.result.file).name: f for f in status.filings}
    assert by_name["天平路街道.yaml"].errors == 0 and by_name["湖南路街道.yaml"].errors == 2
    outcome = render_paths(
        [Path("filings/徐汇区/天平路街道.yaml")], "md", None, options=Options(as_of=EARLY_DAY)
    )
    assert outcome.drafts == [] and outcome.stdout is not None and "草稿" not in outcome.stdout
