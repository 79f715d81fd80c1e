"""The round catalog's models: one round's guide as data.

A catalog (`schemas/rounds/<round>.yaml`) holds everything a round's guide says
that the tool needs: the codes of the basic and key works with the guide's text,
the stage windows and what each stage requires, the plan parts, the districts of
that year, the workflow's stages and value ranges, and the Chinese/English label
of every key of the filing format. Python code refers to codes only; the prose
lives in the catalog. Every bilingual text is an `i18n.Msg`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)

from cjzn.guide.roster import Roster
from cjzn.i18n import Msg

__all__ = [
    "REVIEW_DECISIONS",
    "REVIEW_RESULTS",
    "WORKFLOW_STATES",
    "BasicGroup",
    "BasicItem",
    "Catalog",
    "CatalogEnums",
    "FormInfo",
    "GuideInfo",
    "KeyWork",
    "OptionalPlanPart",
    "PlanPart",
    "Point",
    "PostcodeRange",
    "ReviewWords",
    "Stage",
    "Text",
    "Wording",
    "Workflow",
]

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]


def _both_written(text: Msg) -> Msg:
    if not text.zh.strip() or not text.en.strip():
        raise ValueError("zh and en must not be empty")
    return text


#: A catalog text: `{zh: …, en: …}` in the file, an `i18n.Msg` in Python.
Text = Annotated[Msg, AfterValidator(_both_written), PlainSerializer(lambda m: m._asdict())]


class _Model(BaseModel):
    # defer_build: the validators are built when a catalog file is parsed, not at import;
    # a run whose catalog comes from the cache (guide.cache) never builds them
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


class OptionalPlanPart(_Model):
    """A part a plan may have beyond the required ones (指导思想 ...), keyed under `plan:`."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: NonEmptyStr
    title_en: NonEmptyStr
    description: NonEmptyStr


class Wording(_Model):
    """Whose words the catalog's Chinese texts are: key patterns (`*` any index or key)."""

    guide: list[NonEmptyStr]  # the guide's or its form's text, verbatim
    cjzn: list[NonEmptyStr]  # cjzn's own wording


class Workflow(_Model):
    """Which stage is which step of the guide's workflow (四)."""

    filing_stage: NonEmptyStr  # its requirements fall due once submission.filed_on is set
    early_evaluation_stage: NonEmptyStr  # the stage in which a unit may apply for evaluation


#: The codes cjzn refers to; the catalog's `review` section gives each its words.
REVIEW_DECISIONS = ("approve", "return")
REVIEW_RESULTS = ("pass", "fail", "defer")
WORKFLOW_STATES = (
    "draft",
    "filed",
    "returned",
    "district_approved",
    "accepted",
    "evaluating",
    "named",
    "not_passed",
)


class ReviewWords(_Model):
    """The review around the filing: the words for decisions and results (keys are cjzn's
    codes), the stage of the final evaluation, the title the city confers, the states."""

    decisions: dict[str, NonEmptyStr]  # approve / return -> 同意 / 退回修改
    results: dict[str, NonEmptyStr]  # pass / fail / defer -> 通过 / 不通过 / 暂缓
    final_stage: NonEmptyStr  # the stage of the final evaluation (第四阶段)
    title: NonEmptyStr  # the title conferred when the unit passes
    states: dict[str, Text]  # workflow state code -> its name (in `WORKFLOW_STATES`' order)

    def decision_code(self, word: str | None) -> str | None:
        """`同意` -> `approve` (None for a word that is not a decision)."""
        return next((code for code, text in self.decisions.items() if text == word), None)

    def result_code(self, word: str | None) -> str | None:
        """`通过` -> `pass`."""
        return next((code for code, text in self.results.items() if text == word), None)


class PostcodeRange(_Model):
    """The postcodes of the city (inclusive), six digits each."""

    first: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    last: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]

    def __contains__(self, postcode: object) -> bool:
        return isinstance(postcode, str) and self.first <= postcode <= self.last


class Catalog(_Model):
    """One round's catalog. Build it with `cjzn.guide.load_catalog` (which also cross-checks it)."""

    catalog_version: int
    round: NonEmptyStr
    guide: GuideInfo
    form: FormInfo
    districts: list[NonEmptyStr]
    district_aliases: dict[str, str]
    labels: dict[str, Text]
    enums: CatalogEnums
    workflow: Workflow
    review: ReviewWords
    postcodes: PostcodeRange
    # the city's telephone area code (a landline under another one is a warning); None: unchecked
    area_code: Annotated[str, StringConstraints(pattern=r"^0\d{1,3}$")] | None = None
    # diagnostic code -> the section of the guide its rule enforces (`cjzn rules`, SARIF)
    code_sections: dict[str, NonEmptyStr] = Field(default_factory=dict)
    basic_groups: list[BasicGroup]
    basic_work: list[BasicItem]
    key_works_max: int = Field(default=2, ge=1)  # 三：确定一至二项重点创建工作
    key_work: list[KeyWork]
    stages: list[Stage]
    requirements: dict[str, Text]
    plan_parts: list[PlanPart]
    plan_optional_parts: list[OptionalPlanPart] = Field(default_factory=list)
    wording: Wording | None = None
    # the round's 街镇 (None: the catalog has no roster; the roster rules and coverage stay silent)
    roster: Roster | None = None
    # Set by `load_catalog`, never read from the file.
    source: str = Field(default="", exclude=True)

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
        import difflib  # only when a district is not known

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

    def status_words(self, lang: str = "zh") -> dict[str, str]:
        """Status value -> the catalog's word for it (`done` -> `已完成`)."""
        return {key: text.get(lang) for key, text in self.enums.status.items()}


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
