"""`cjzn catalog`: the guide as a user reads it, in text, Markdown and JSON."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.errors import UsageError
from cjzn.guide import Catalog, resolve_catalog
from cjzn.init.guide_view import (
    catalog_data,
    catalog_json,
    catalog_markdown,
    print_catalog,
)

ROUND = "2013-2014"
runner = CliRunner()


def squash(value: str) -> str:
    """Text without whitespace or Markdown escapes: wrapping may break a sentence anywhere."""
    return re.sub(r"\s+", "", value.replace("\\", ""))


def every_code(catalog: Catalog) -> list[str]:
    return [
        *(g.code for g in catalog.basic_groups),
        *catalog.basic_codes(),
        *catalog.key_codes(),
        *catalog.stage_codes(),
        *(p.code for p in catalog.plan_parts),
    ]


def assert_answers_what_must_we_do(output: str, catalog: Catalog, lang: str = "zh") -> None:
    flat = squash(output)
    for code in every_code(catalog):
        assert re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.]*\d)", output), code
    for item in catalog.basic_work:
        title = item.title_en if lang == "en" else item.title
        assert squash(title) in flat
        if item.points:
            for point in item.points:
                assert squash(point.text) in flat
        else:
            assert squash(item.requirement) in flat
    for work in catalog.key_work:
        assert squash(work.title_en if lang == "en" else work.title) in flat
        assert squash(work.text) in flat
    for stage in catalog.stages:
        assert stage.start.isoformat() in output and stage.end.isoformat() in output
        for requirement in stage.requirements:
            assert squash(catalog.requirements[requirement].get(lang)) in flat
    for part in catalog.plan_parts:
        assert squash(part.description) in flat
        assert f"plan.{part.key}" in output
    # the parts a plan may add (指导思想, 工作原则) and where any other section goes
    for optional in catalog.plan_optional_parts:
        assert f"plan.{optional.key}" in output
    assert "extra" in output and ("sections" in output or "\\_sections" in output)


def test_markdown(catalog: Catalog) -> None:
    md = catalog_markdown(catalog)
    assert md.startswith(f"# {catalog.guide.title}\n")
    assert_answers_what_must_we_do(md, catalog)
    assert "#### B3.2 队伍建设" in md
    b32 = catalog.basic("B3.2")
    assert b32 is not None
    for index, point in enumerate(b32.points, start=1):
        assert f"{index}. **{point.title}**：" in md
    assert "### S1 启动备案（2013-01-01 至 2013-03-31）" in md
    assert "- **K3 深化老年教育，创新发展模式**" in md


def test_markdown_in_english(catalog: Catalog) -> None:
    md = catalog_markdown(catalog, "en")
    assert_answers_what_must_we_do(md, catalog, "en")
    assert "## Basic work (B1.1–B5.2)" in md
    assert "### S2 Assign responsibilities (2013-03-01 to 2013-04-30)" in md


def test_markdown_escapes_catalog_text(catalog: Catalog) -> None:
    work = catalog.key_work[0].model_copy(update={"title": "a|b *c* <x>"})
    odd = catalog.model_copy(update={"key_work": [work, *catalog.key_work[1:]]})
    md = catalog_markdown(odd)
    assert "a\\|b \\*c\\* &lt;x&gt;" in md
    assert "<x>" not in md


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text(catalog: Catalog, lang: str) -> None:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=80, no_color=True, highlight=False, emoji=False, color_system=None
    )
    print_catalog(catalog, lang, console)
    text = buffer.getvalue()
    assert_answers_what_must_we_do(text, catalog, lang)
    assert "\x1b[" not in text  # no colour codes when not a terminal
    for line in text.splitlines():
        width = sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in line)
        assert width <= 80, line


def test_json_is_the_catalog_data(catalog: Catalog) -> None:
    data = json.loads(catalog_json(catalog))
    assert data == catalog_data(catalog)
    assert data["round"] == ROUND
    assert [b["code"] for b in data["basic_work"]] == catalog.basic_codes()
    assert [k["code"] for k in data["key_work"]] == catalog.key_codes()
    assert data["stages"][0]["end"] == "2013-03-31"
    assert "source" not in data
    assert Catalog.model_validate(data) == catalog.model_copy(update={"source": ""})


def test_resolve_catalog(catalog: Catalog, tmp_path: Path) -> None:
    assert resolve_catalog().round == ROUND
    assert resolve_catalog(ROUND).round == ROUND
    with pytest.raises(UsageError):
        resolve_catalog("1999-2000")
    with pytest.raises(UsageError):
        resolve_catalog(None, tmp_path / "missing.yaml")
    copy = tmp_path / "mine.yaml"
    shutil.copy(catalog.source, copy)
    assert resolve_catalog(None, copy).source == str(copy)
    with pytest.raises(UsageError):
        resolve_catalog("2015-2016", copy)


# -- the command ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_cli_formats(catalog: Catalog, fmt: str) -> None:
    result = runner.invoke(app, ["catalog", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert_answers_what_must_we_do(result.stdout, catalog)


def test_cli_json(catalog: Catalog) -> None:
    result = runner.invoke(app, ["catalog", "-f", "json", "--round", ROUND])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == catalog_data(catalog)


def test_cli_english(catalog: Catalog) -> None:
    result = runner.invoke(app, ["catalog", "--lang", "en"])
    assert result.exit_code == 0
    assert_answers_what_must_we_do(result.stdout, catalog, "en")


def test_cli_catalog_file(catalog: Catalog, tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    text = Path(catalog.source).read_text(encoding="utf-8")
    copy.write_text(text.replace("title: 队伍建设\n", "title: 队伍建设与管理\n"), encoding="utf-8")
    result = runner.invoke(app, ["catalog", "--format", "md", "--catalog", str(copy)])
    assert result.exit_code == 0, result.output
    assert "B3.2 队伍建设与管理" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--round", "1999-2000"],
        ["--format", "html"],
        ["--catalog", "missing.yaml"],
    ],
)
def test_cli_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, ["catalog", *args])
    assert result.exit_code == 2


def test_cli_broken_catalog_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("round: x\nround: y\n", encoding="utf-8")
    result = runner.invoke(app, ["catalog", "--catalog", str(broken)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr
