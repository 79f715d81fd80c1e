"""Round catalogs: the guide of one round, as data.

A catalog (`schemas/rounds/<round>.yaml`) holds everything a round's guide says
that the tool needs: the codes of the basic and key works with the guide's text,
the stage windows and what each stage requires, the plan parts, the districts of
that year and the Chinese/English label of every key of the filing format. Python
code refers to codes only; the prose lives in the catalog.

Loading is strict: duplicate YAML keys, unknown fields, missing fields and
inconsistent references are all reported as `CatalogError`, located by file and
line, so a typo in a catalog fails the test suite instead of silently changing
what `validate` accepts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from cjzn.resources import rounds_dir

__all__ = [
    "BasicGroup",
    "BasicItem",
    "Catalog",
    "CatalogEnums",
    "CatalogError",
    "FormInfo",
    "GuideInfo",
    "KeyWork",
    "PlanPart",
    "Point",
    "Stage",
    "Text",
    "bundled_rounds",
    "catalog_for_round",
    "load_catalog",
]

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]

Loc = tuple[int | str, ...]


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogProblem:
    """One located problem in a catalog file."""

    file: str
    line: int | None
    path: str
    zh: str
    en: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what_zh = f"{self.path}: {self.zh}" if self.path else self.zh
        return f"{where}: {what_zh} / {self.en}"


class CatalogError(Exception):
    """A catalog file that cannot be used; `str()` is one located line per problem:
    ``<file>:<line>: <path>: <Chinese> / <English>``."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems: tuple[CatalogProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None


class _CrossCheckError(ValueError):
    """Raised by `Catalog`'s cross-checks; carries located, bilingual problems."""

    def __init__(self, problems: list[tuple[Loc, str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{_dotted(loc)}: {en}" for loc, _, en in problems))


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Model):
    """A Chinese text with its English counterpart."""

    zh: NonEmptyStr
    en: NonEmptyStr

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class GuideInfo(_Model):
    title: NonEmptyStr
    issuer: NonEmptyStr
    issued: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class FormInfo(_Model):
    """The attachment: the 备案登记表."""

    title: NonEmptyStr
    plan_note: NonEmptyStr
    prior_round_options: dict[str, NonEmptyStr]
    municipal_signer: NonEmptyStr
    rows: dict[str, NonEmptyStr]


class CatalogEnums(_Model):
    status: dict[str, Text]
    leading_body_kind: list[NonEmptyStr]


class BasicGroup(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^B\d+$")]
    section: NonEmptyStr
    title: NonEmptyStr
    title_en: NonEmptyStr


class Point(_Model):
    title: NonEmptyStr
    text: NonEmptyStr
    title_en: str = ""


class BasicItem(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^B\d+\.\d+$")]
    group: NonEmptyStr
    section: NonEmptyStr
    title: NonEmptyStr
    title_en: NonEmptyStr
    requirement: NonEmptyStr
    points: list[Point]


class KeyWork(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^K\d+$")]
    section: NonEmptyStr
    title: NonEmptyStr
    title_en: NonEmptyStr
    text: NonEmptyStr


class Stage(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^S\d+$")]
    section: NonEmptyStr
    title: NonEmptyStr
    title_en: NonEmptyStr
    start: date
    end: date
    text: NonEmptyStr
    requirements: list[NonEmptyStr]


class PlanPart(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^P\d+$")]
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: NonEmptyStr
    title_en: NonEmptyStr
    description: NonEmptyStr


class Catalog(_Model):
    """One round's catalog. Build it with `load_catalog`."""

    catalog_version: int
    round: NonEmptyStr
    guide: GuideInfo
    form: FormInfo
    districts: list[NonEmptyStr]
    district_aliases: dict[str, str]
    labels: dict[str, Text]
    enums: CatalogEnums
    basic_groups: list[BasicGroup]
    basic_work: list[BasicItem]
    key_works_max: int = Field(default=2, ge=1)  # 三：确定一至二项重点创建工作
    key_work: list[KeyWork]
    stages: list[Stage]
    requirements: dict[str, Text]
    plan_parts: list[PlanPart]
    # Set by `load_catalog`, never read from the file.
    source: str = Field(default="", exclude=True)

    # -- cross-checks --------------------------------------------------------

    @model_validator(mode="after")
    def _cross_check(self) -> Catalog:
        problems: list[tuple[Loc, str, str]] = []

        def duplicates(field: str, values: Iterable[str], what_zh: str, what_en: str) -> None:
            seen: set[str] = set()
            for index, value in enumerate(values):
                if value in seen:
                    problems.append(
                        (
                            (field, index),
                            f"{what_zh} {value} 重复",
                            f"duplicate {what_en} {value}",
                        )
                    )
                seen.add(value)

        duplicates("basic_groups", (g.code for g in self.basic_groups), "编号", "code")
        duplicates("basic_work", (b.code for b in self.basic_work), "编号", "code")
        duplicates("key_work", (k.code for k in self.key_work), "编号", "code")
        duplicates("stages", (s.code for s in self.stages), "编号", "code")
        duplicates("plan_parts", (p.code for p in self.plan_parts), "编号", "code")
        duplicates("plan_parts", (p.key for p in self.plan_parts), "键", "key")
        duplicates("districts", self.districts, "区县", "district")

        groups = {g.code for g in self.basic_groups}
        for index, item in enumerate(self.basic_work):
            if item.group not in groups:
                problems.append(
                    (
                        ("basic_work", index, "group"),
                        f"未知的分组 {item.group}（basic_groups 中没有）",
                        f"unknown group {item.group} (not in basic_groups)",
                    )
                )
            elif not item.code.startswith(item.group + "."):
                problems.append(
                    (
                        ("basic_work", index, "code"),
                        f"编号 {item.code} 不属于分组 {item.group}",
                        f"code {item.code} does not belong to group {item.group}",
                    )
                )

        previous_start: date | None = None
        for index, stage in enumerate(self.stages):
            expected = f"S{index + 1}"
            if stage.code != expected:
                problems.append(
                    (
                        ("stages", index, "code"),
                        f"阶段应按顺序编号，此处应为 {expected}，实为 {stage.code}",
                        f"stages must be numbered in order: expected {expected}, got {stage.code}",
                    )
                )
            if stage.start > stage.end:
                problems.append(
                    (
                        ("stages", index, "start"),
                        f"阶段 {stage.code} 的开始日期 {stage.start} 晚于结束日期 {stage.end}",
                        f"stage {stage.code} starts ({stage.start}) after it ends ({stage.end})",
                    )
                )
            if previous_start is not None and stage.start < previous_start:
                problems.append(
                    (
                        ("stages", index, "start"),
                        f"阶段 {stage.code} 早于前一阶段开始",
                        f"stage {stage.code} starts before the previous stage",
                    )
                )
            previous_start = stage.start
            for r_index, requirement in enumerate(stage.requirements):
                if requirement not in self.requirements:
                    problems.append(
                        (
                            ("stages", index, "requirements", r_index),
                            f"未知的要求 {requirement}（requirements 中没有）",
                            f"unknown requirement {requirement} (not in requirements)",
                        )
                    )

        districts = set(self.districts)
        for alias, target in self.district_aliases.items():
            if target not in districts:
                problems.append(
                    (
                        ("district_aliases", alias),
                        f"别名 {alias} 指向的 {target} 不是本轮的区县",
                        f"alias {alias} points to {target}, which is not a district of the round",
                    )
                )
            if alias in districts:
                problems.append(
                    (
                        ("district_aliases", alias),
                        f"别名 {alias} 本身就是本轮的区县",
                        f"alias {alias} is itself a district of the round",
                    )
                )

        if problems:
            raise _CrossCheckError(problems)
        return self

    # -- helpers -------------------------------------------------------------

    def basic_codes(self) -> list[str]:
        return [item.code for item in self.basic_work]

    def key_codes(self) -> list[str]:
        return [item.code for item in self.key_work]

    def stage_codes(self) -> list[str]:
        return [stage.code for stage in self.stages]

    def basic(self, code: str) -> BasicItem | None:
        return next((item for item in self.basic_work if item.code == code), None)

    def key(self, code: str) -> KeyWork | None:
        return next((item for item in self.key_work if item.code == code), None)

    def stage(self, code: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.code == code), None)

    def suggest_district(self, value: str) -> str | None:
        """The district a user probably meant: a known alias (崇明区 -> 崇明县), else the closest name."""
        import difflib

        text = value.strip()
        if text in self.district_aliases:
            return self.district_aliases[text]
        close = difflib.get_close_matches(text, self.districts, n=1, cutoff=0.5)
        return close[0] if close else None

    def title(self, code: str, lang: str = "zh") -> str:
        """Title of a B (group or item), K, S or P code; "" when the code is unknown."""
        entries: Iterable[BasicGroup | BasicItem | KeyWork | Stage | PlanPart]
        entries = (*self.basic_groups, *self.basic_work, *self.key_work, *self.stages)
        for entry in (*entries, *self.plan_parts):
            if entry.code == code:
                return entry.title_en if lang == "en" else entry.title
        return ""

    def label(self, pattern: str, lang: str = "zh") -> str | None:
        """Label of a key path.

        `pattern` is a labels key such as ``contact.mobile`` or
        ``basic_work.*.status``; a concrete path (``key_work.1.code``,
        ``basic_work.B3.2.status``) finds the pattern it is an instance of.
        """
        text = self.labels.get(pattern)
        if text is None:
            key = _match_label(pattern, tuple(self.labels))
            text = self.labels.get(key) if key is not None else None
        return text.get(lang) if text is not None else None


# One `*` of a label pattern: a list index or a code key (B3.2, K10, S1 ...).
_WILDCARD = r"(?:\d+|[A-Z]+\d+(?:\.\d+)*)"


@functools.lru_cache(maxsize=512)
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts = (_WILDCARD if part == "*" else re.escape(part) for part in pattern.split("."))
    return re.compile(r"\.".join(parts))


@functools.lru_cache(maxsize=4096)
def _match_label(path: str, patterns: tuple[str, ...]) -> str | None:
    """The most specific wildcard pattern that `path` is an instance of."""
    candidates = [p for p in patterns if "*" in p and _pattern_regex(p).fullmatch(path)]
    if not candidates:
        return None
    return min(candidates, key=lambda p: p.split(".").count("*"))


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    def __init__(self, key: Hashable, first: yaml.Node, again: yaml.Node) -> None:
        super().__init__(
            "while constructing a mapping",
            first.start_mark,
            f"duplicate key “{key}”",
            again.start_mark,
        )
        self.key = key
        self.first_line = first.start_mark.line + 1


_FastSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_FastSafeLoader):  # type: ignore[misc]
    """A safe loader (libyaml's when present: every command reads the catalog) that rejects
    duplicate mapping keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[Hashable, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # SafeConstructor reports unhashable keys itself
            if key in seen:
                raise _DuplicateKeyError(key, seen[key], key_node)
            seen[key] = key_node
        mapping: dict[Hashable, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate one catalog file; every failure is a `CatalogError`.

    Cached per file version: `--stage` checking, validation and the dashboard all
    ask for the `--catalog` file, and it is read once.
    """
    try:
        info = Path(path).stat()
    except OSError:
        return _load_catalog(str(path), 0, -1)
    return _load_catalog(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=16)
def _load_catalog(name: str, mtime_ns: int, size: int) -> Catalog:
    path = Path(name)

    def fail(line: int | None, where: str, zh: str, en: str) -> CatalogError:
        return CatalogError([CatalogProblem(name, line, where, zh, en)])

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(None, "", "找不到目录文件", "catalog file not found") from None
    except UnicodeDecodeError as exc:
        raise fail(
            None, "", f"目录文件不是 UTF-8 编码：{exc}", f"catalog file is not UTF-8: {exc}"
        ) from None
    except OSError as exc:
        raise fail(
            None,
            "",
            f"无法读取目录文件：{exc.strerror}",
            f"cannot read catalog file: {exc.strerror}",
        ) from None

    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except _DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise fail(
            line,
            "",
            f"重复的键 “{exc.key}”（第 {exc.first_line} 行已出现）",
            f"duplicate key “{exc.key}” (first at line {exc.first_line})",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "?"
        raise fail(line, "", f"YAML 语法错误：{problem}", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise fail(None, "", f"YAML 语法错误：{exc}", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()

    if root is None or not isinstance(data, dict):
        line = root.start_mark.line + 1 if root is not None else None
        raise fail(line, "", "目录文件应为 YAML 映射", "a catalog must be a YAML mapping")
    if "source" in data:
        raise fail(
            _line_of(root, ("source",)),
            "source",
            "source 由加载程序填写，不能写在目录文件中",
            "source is set by the loader and must not appear in the file",
        )

    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        problems = [p for error in exc.errors() for p in _problems_of(error, name, root)]
        raise CatalogError(problems) from None
    return catalog.model_copy(update={"source": name})


def bundled_rounds() -> dict[str, Path]:
    """The round catalogs that ship with cjzn: round name (file stem) -> file."""
    directory = rounds_dir()
    if not directory.is_dir():
        return {}
    return {path.stem: path for path in sorted(directory.glob("*.yaml"))}


@functools.lru_cache(maxsize=16)
def catalog_for_round(round_name: str) -> Catalog | None:
    """The bundled catalog of `round_name`, or None when cjzn has none for it."""
    path = bundled_rounds().get(round_name)
    return load_catalog(path) if path is not None else None


# ---------------------------------------------------------------------------
# Locating validation errors
# ---------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("缺少必填字段", "missing required field"),
    "extra_forbidden": ("未知字段", "unknown field"),
    "string_type": ("应为字符串", "expected a string"),
    "string_too_short": ("不能为空", "must not be empty"),
    "int_type": ("应为整数", "expected an integer"),
    "int_parsing": ("应为整数", "expected an integer"),
    "int_from_float": ("应为整数", "expected an integer"),
    "bool_type": ("应为 true 或 false", "expected true or false"),
    "bool_parsing": ("应为 true 或 false", "expected true or false"),
    "date_type": ("应为日期（YYYY-MM-DD）", "expected a date (YYYY-MM-DD)"),
    "date_parsing": ("应为日期（YYYY-MM-DD）", "expected a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("应为日期（YYYY-MM-DD）", "expected a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": ("应为日期（YYYY-MM-DD）", "expected a date (YYYY-MM-DD)"),
    "list_type": ("应为列表", "expected a list"),
    "dict_type": ("应为映射", "expected a mapping"),
    "model_type": ("应为映射", "expected a mapping"),
    "model_attributes_type": ("应为映射", "expected a mapping"),
}


def _problems_of(error: ErrorDetails, file: str, root: yaml.Node) -> list[CatalogProblem]:
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, _CrossCheckError):
        prefix = tuple(error["loc"])
        return [
            CatalogProblem(file, _line_of(root, prefix + loc), _dotted(prefix + loc), zh, en)
            for loc, zh, en in cause.problems
        ]
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        zh, en = f"格式不符（应匹配 {pattern}）", f"does not match {pattern}"
    elif kind in _MESSAGES:
        zh, en = _MESSAGES[kind]
    else:
        zh, en = f"取值无效：{error['msg']}", f"invalid value: {error['msg']}"
    return [CatalogProblem(file, _line_of(root, loc), _dotted(loc), zh, en)]


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _line_of(root: yaml.Node, loc: Loc) -> int:
    """1-based line of the node at `loc`, or of its nearest existing parent."""
    node = root
    line = root.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
