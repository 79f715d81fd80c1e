"""cjzn's own run errors (`UsageError`, `RenderError`, `CatalogError`) in the run's language only:
Chinese by default, English with `--lang en` or CJZN_LANG=en, never both glued with a slash;
the exit codes are those of the contract."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import COMPLETE, DRAFT
from review_repo import FILING, make_repo
from typer.testing import CliRunner

from cjzn.cli import app

runner = CliRunner()
#: Chinese text and punctuation (a value a user typed, such as a district, is taken out first).
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Three English words in a row: an English sentence, not a path or an option.
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")
REVIEW = ("--level", "district", "--decision", "approve", "--signed-by", "张三")


def run(*args: str, lang: str | None = None, env_lang: str | None = None) -> tuple[int, str]:
    line = [*args, "--lang", lang] if lang else list(args)
    result = runner.invoke(app, line, env={"CJZN_LANG": env_lang or "", "COLUMNS": "80"})
    return result.exit_code, result.output


@dataclass(frozen=True)
class Case:
    """A command that fails with one of cjzn's own errors, and what each language says."""

    name: str
    args: tuple[str, ...]
    chinese: str
    english: str
    values: tuple[str, ...] = ()  # user values (Chinese names) the English line quotes
    code: int = 2


def _cases(tmp: Path) -> list[Case]:
    filing = str(COMPLETE)
    archived = tmp / "archive" / "天平路街道.yaml"
    archived.parent.mkdir()
    shutil.copy(COMPLETE, archived)
    reviewed = make_repo(tmp / "repo") / FILING  # no inline reviews: the --result is looked at
    return [
        Case(
            "missing path",
            ("validate", "nowhere/"),
            "cjzn: 路径不存在：nowhere\n",
            "cjzn: path does not exist: nowhere\n",
        ),
        Case(
            "missing path (status)",
            ("status", "nowhere/"),
            "cjzn: 路径不存在：nowhere\n",
            "cjzn: path does not exist: nowhere\n",
        ),
        Case(
            "unknown -o suffix",
            ("render", filing, "-o", str(tmp / "out.odt")),
            "扩展名 .odt 不是 cjzn 能生成的格式。请改用 out.docx、out.pdf、out.html 或 out.md",
            ".odt is not a format cjzn writes. Use out.docx, out.pdf, out.html or out.md",
        ),
        Case(
            "-o suffix against --format",
            ("report", filing, "-f", "json", "-o", str(tmp / "r.md")),
            "的扩展名 .md 表示 md 格式，与 --format json 不一致；请改用 r.json 或去掉 --format",
            "the suffix .md means md, not --format json; rename the file or drop --format",
        ),
        Case(
            "district not in the catalog",
            ("init", str(tmp / "new.yaml"), "--district", "徐汇县", "--unit", "天平路街道"),
            "cjzn: --district: 徐汇县 不是 2013-2014 年度的区县，是否应为 徐汇区？（可选：",
            "cjzn: --district: 徐汇县 is not a district of the 2013-2014 round;"
            " did you mean 徐汇区?\n",
            values=("徐汇县", "徐汇区"),
        ),
        Case(
            "missing catalog file",
            ("validate", "--catalog", str(tmp / "missing.yaml"), filing),
            f"cjzn: 目录文件不存在：{tmp / 'missing.yaml'}\n",
            f"cjzn: catalog file does not exist: {tmp / 'missing.yaml'}\n",
        ),
        Case(
            "bad --forms folder",
            ("report", "--forms", str(tmp / "forms"), filing),
            f"cjzn: --forms 目录不存在：{tmp / 'forms'}\n",
            f"cjzn: --forms folder does not exist: {tmp / 'forms'}\n",
        ),
        Case(
            "review of evidence",
            ("review", str(archived), *REVIEW),
            "不是备案文件（在存档材料目录中）：审核的是备案文件本身，例如 filings/徐汇区/天平路街道.yaml",
            "is not a filing (evidence): review the filing itself,"
            " e.g. filings/徐汇区/天平路街道.yaml",
            values=(str(archived), "filings/徐汇区/天平路街道.yaml"),
        ),
        Case(
            "review result not of the round",
            ("review", str(reviewed), "--evaluation", "S3", "--result", "maybe"),
            "cjzn: --result 应为 通过、不通过、暂缓 之一\n",
            "cjzn: --result must be one of pass, fail, defer\n",
        ),
    ]


CASE_NAMES = [
    "missing path",
    "missing path (status)",
    "unknown -o suffix",
    "-o suffix against --format",
    "district not in the catalog",
    "missing catalog file",
    "bad --forms folder",
    "review of evidence",
    "review result not of the round",
]


@pytest.fixture
def cases(tmp_path: Path) -> dict[str, Case]:
    made = {case.name: case for case in _cases(tmp_path)}
    assert sorted(made) == sorted(CASE_NAMES)
    return made


@pytest.mark.parametrize("name", CASE_NAMES)
def test_chinese_by_default_and_nothing_in_english(name: str, cases: dict[str, Case]) -> None:
    case = cases[name]
    code, output = run(*case.args)
    assert code == case.code, output
    assert case.chinese in output, output
    assert case.english not in output
    assert not ENGLISH.search(output), output
    assert " / " not in output, output


@pytest.mark.parametrize("name", CASE_NAMES)
def test_english_with_lang_en_and_nothing_in_chinese(name: str, cases: dict[str, Case]) -> None:
    case = cases[name]
    for code, output in (run(*case.args, lang="en"), run(*case.args, env_lang="en")):
        assert code == case.code, output
        assert case.english in output, output
        assert case.chinese not in output
        rest = output
        for value in sorted(case.values, key=len, reverse=True):
            rest = rest.replace(value, "")
        assert not CJK.search(rest), output


def test_a_broken_catalog_is_one_located_line_per_problem_in_each_language(tmp_path: Path) -> None:
    catalog = tmp_path / "round.yaml"
    catalog.write_text('round: "2013-2014"\nbogus: 1\n', encoding="utf-8")
    code, output = run("validate", "--catalog", str(catalog), str(COMPLETE))
    assert code == 2, output
    lines = output.splitlines()
    assert lines[0] == "cjzn: 目录文件有误："
    assert f"{catalog}:1: districts: 缺少必填字段" in lines
    assert f"{catalog}:2: bogus: 未知字段" in lines
    assert not ENGLISH.search(output) and "unknown field" not in output
    code, output = run("validate", "--catalog", str(catalog), str(COMPLETE), lang="en")
    assert code == 2, output
    lines = output.splitlines()
    assert lines[0] == "cjzn: broken catalog:"
    assert f"{catalog}:1: districts: missing required field" in lines
    assert f"{catalog}:2: bogus: unknown field" in lines
    assert not CJK.search(output), output


def test_one_catalog_problem_stays_on_the_first_line(tmp_path: Path) -> None:
    catalog = tmp_path / "round.yaml"
    catalog.write_text('round: "2013-2014"\nbogus: [1\n', encoding="utf-8")
    code, output = run("catalog", "--catalog", str(catalog))
    assert (code, output.count("\n")) == (2, 1), output
    assert output.startswith(f"cjzn: 目录文件有误：{catalog}:3: YAML 语法错误："), output
    code, output = run("catalog", "--catalog", str(catalog), lang="en")
    assert output.startswith(f"cjzn: broken catalog: {catalog}:3: YAML syntax error: "), output
    assert not CJK.search(output), output


def test_no_pdf_support_is_a_render_error_in_the_runs_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`RenderError` keeps its exit code (2) and says what to install, in one language."""
    import importlib

    real = importlib.import_module

    def without_weasyprint(name: str, package: str | None = None) -> object:
        if name == "weasyprint":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_weasyprint)
    out = str(tmp_path / "out.pdf")
    code, output = run("render", str(COMPLETE), "-o", out)
    assert code == 2, output
    assert "生成 PDF 需要可选组件 WeasyPrint：pip install 'cjzn[pdf]'" in output
    assert "optional extra" not in output
    code, output = run("render", str(COMPLETE), "-o", out, lang="en")
    assert code == 2, output
    assert "PDF output needs the optional extra: pip install 'cjzn[pdf]'" in output
    assert not CJK.search(output), output


def test_a_refused_review_is_said_in_one_language(tmp_path: Path) -> None:
    """Not a `CjznError` (exit 1, nothing written), but worded the same way."""
    draft = tmp_path / "江川路街道.yaml"
    shutil.copy(DRAFT, draft)
    args = ("review", str(draft), *REVIEW)
    code, output = run(*args)
    assert code == 1, output
    assert "备案文件还有" in output and "不能同意" in output
    assert "cannot be approved" not in output
    code, output = run(*args, lang="en")
    assert code == 1, output
    assert "error(s) and cannot be approved" in output and "不能同意" not in output
    assert not list(tmp_path.glob("*review*"))


def test_schema_and_report_say_what_they_wrote_or_kept_in_one_language(tmp_path: Path) -> None:
    theirs = tmp_path / "mine.json"
    theirs.write_text("{}\n", encoding="utf-8")
    code, output = run("schema", "-o", str(theirs))
    assert code == 1 and "已存在且不是 cjzn schema 生成的，未覆盖" in output, output
    assert not ENGLISH.search(output), output
    code, output = run("schema", "-o", str(theirs), env_lang="en")
    assert code == 1 and "exists and was not made by cjzn schema" in output, output
    assert not CJK.search(output), output
    assert theirs.read_text(encoding="utf-8") == "{}\n"
    report = tmp_path / "r.md"
    assert run("report", str(COMPLETE), "-o", str(report)) == (0, f"已写入 {report}\n")
    assert run("report", str(COMPLETE), "-o", str(report), lang="en") == (0, f"wrote {report}\n")


def test_a_file_where_a_folder_must_be_is_said_in_one_language(tmp_path: Path) -> None:
    """`NotAFolder` (from `write_atomic`) words its reason per language (`fileio.os_reason`)."""
    blocker = tmp_path / "afile"
    blocker.write_text("x\n", encoding="utf-8")
    commands = [
        ("render", str(COMPLETE), "-o", str(blocker / "x.html")),
        ("report", str(COMPLETE), "-o", str(blocker / "x.html")),
        ("init", str(blocker / "n.yaml"), "--district", "徐汇区", "--unit", "天平路街道"),
    ]
    for args in commands:
        code, output = run(*args)
        assert code == 1, output
        assert output.startswith(f"cjzn: 无法写入 {blocker}") and output.endswith("：不是文件夹\n")
        code, output = run(*args, lang="en")
        assert code == 1, output
        assert output.startswith(f"cjzn: cannot write {blocker}") and output.endswith(
            ": not a folder\n"
        ), output
    assert blocker.read_text(encoding="utf-8") == "x\n"
