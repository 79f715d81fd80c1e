"""`cjzn.errors`: cjzn's own errors carry a `Msg`; `text(lang)` is one language (what the CLI
prints), `str()` both (for library users and logs); exit codes as the contract says."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import COMPLETE
from review_repo import FILING, make_repo

from cjzn.check import discover
from cjzn.errors import CatalogError, CatalogProblem, CjznError, RenderError, UsageError
from cjzn.guide import Catalogs
from cjzn.i18n import Msg, join
from cjzn.init.skeleton import require_district
from cjzn.options import Options
from cjzn.render import infer_format
from cjzn.report import collect_dashboard
from cjzn.review import Request, review_filing


def test_an_error_carries_its_msg_and_words_it_per_language() -> None:
    error = UsageError(Msg("路径不存在：{path}", "path does not exist: {path}").fill(path="x/"))
    assert error.text("zh") == "路径不存在：x/"
    assert error.text("en") == "path does not exist: x/"
    assert str(error) == "路径不存在：x/ / path does not exist: x/"
    assert error.exit_code == 2


def test_a_plain_string_is_the_same_in_both_languages() -> None:
    error = CjznError("filings/徐汇区/x.yaml")
    assert error.text("zh") == error.text("en") == str(error) == "filings/徐汇区/x.yaml"


def test_a_render_error_keeps_its_own_exit_code() -> None:
    error = RenderError(Msg("没有找到中文字体", "no Chinese font"), exit_code=3)
    assert (error.exit_code, error.text("en")) == (3, "no Chinese font")
    assert RenderError(Msg("甲", "a")).exit_code == 2


def test_msg_fill_and_each() -> None:
    assert Msg("{n} 个", "{n} of them").fill(n=3) == Msg("3 个", "3 of them")
    names = ["徐汇区", "黄浦区"]
    assert Msg.each(lambda lang: join(names, lang)) == Msg("徐汇区、黄浦区", "徐汇区, 黄浦区")


def test_a_catalog_error_is_one_located_line_per_problem_in_each_language() -> None:
    error = CatalogError(
        [
            CatalogProblem("round.yaml", 3, "stages.S1", Msg("缺少必填字段", "missing field")),
            CatalogProblem("round.yaml", None, "", Msg("找不到目录文件", "catalog file not found")),
        ]
    )
    assert error.text("zh") == "round.yaml:3: stages.S1: 缺少必填字段\nround.yaml: 找不到目录文件"
    assert (
        error.text("en")
        == "round.yaml:3: stages.S1: missing field\nround.yaml: catalog file not found"
    )
    assert str(error).splitlines() == [
        "round.yaml:3: stages.S1: 缺少必填字段 / missing field",
        "round.yaml: 找不到目录文件 / catalog file not found",
    ]
    assert (error.file, error.line, error.exit_code) == ("round.yaml", 3, 2)


def _raised(call: object, *args: object, **kwargs: object) -> CjznError:
    with pytest.raises(CjznError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value


def test_the_library_raises_both_languages(tmp_path: Path) -> None:
    """A few raise sites across the packages: each error knows both of its texts."""
    missing = _raised(discover, [tmp_path / "nowhere"])
    assert missing.text("zh") == f"路径不存在：{tmp_path / 'nowhere'}"
    assert missing.text("en") == f"path does not exist: {tmp_path / 'nowhere'}"
    suffix = _raised(infer_format, None, Path("登记表.doc"))
    assert suffix.text("zh").startswith("-o 登记表.doc：扩展名 .doc 不是 cjzn 能生成的格式")
    assert suffix.text("en").startswith("-o 登记表.doc: .doc is not a format cjzn writes")
    catalog = _raised(Catalogs.from_option, tmp_path / "none.yaml")
    assert catalog.text("en") == f"catalog file does not exist: {tmp_path / 'none.yaml'}"
    district = _raised(require_district, Catalogs().default(), "徐汇县")
    assert "不是 2013-2014 年度的区县，是否应为 徐汇区？（可选：" in district.text("zh")
    assert district.text("en") == (
        "--district: 徐汇县 is not a district of the 2013-2014 round; did you mean 徐汇区?"
    )
    forms = _raised(collect_dashboard, [COMPLETE], Options(), forms=tmp_path / "forms")
    assert forms.text("zh") == f"--forms 目录不存在：{tmp_path / 'forms'}"
    assert forms.text("en") == f"--forms folder does not exist: {tmp_path / 'forms'}"


def test_a_review_usage_error_has_both_languages_whatever_the_runs(tmp_path: Path) -> None:
    request = Request(level="municipal", evaluation="S3", result="maybe", signed_by="张三")
    filing = make_repo(tmp_path) / FILING  # no inline reviews: the --result is looked at
    error = _raised(review_filing, filing, request, Options(lang="en"))
    assert error.text("zh") == "--result 应为 通过、不通过、暂缓 之一"
    assert error.text("en") == "--result must be one of pass, fail, defer"


@pytest.mark.parametrize(
    "error",
    [
        UsageError(Msg("路径不存在：x", "path does not exist: x")),
        RenderError(Msg("没有找到中文字体", "no Chinese font"), exit_code=3),
        CatalogError([CatalogProblem("round.yaml", 2, "bogus", Msg("未知字段", "unknown field"))]),
    ],
    ids=lambda error: type(error).__name__,
)
def test_an_error_from_a_worker_process_keeps_both_languages(error: CjznError) -> None:
    """`check.parallel` hands a worker's exception to the parent pickled."""
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert (again.text("zh"), again.text("en")) == (error.text("zh"), error.text("en"))
    assert (str(again), again.exit_code) == (str(error), error.exit_code)
