"""The view-model of a rendered filing: every text a page shows, as plain data.

`cjzn.render.build` fills it from a validated filing and the round's catalog;
the HTML and Markdown templates and the DOCX builder only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What a form cell says when its text did not fit and is printed on the 附页.
SEE_APPENDIX = "详见附页"
#: After the title of a key work of the unit's own (not one of the guide's list).
OWN_MARK = "（自选）"

__all__ = [
    "OWN_MARK",
    "SEE_APPENDIX",
    "AchievedView",
    "BasicView",
    "Box",
    "CodeRef",
    "Continued",
    "DateParts",
    "FormText",
    "FormView",
    "KeyWorkForm",
    "KeyWorkView",
    "MemberView",
    "PlanView",
    "Provenance",
    "ResponsibilityView",
    "ReviewView",
    "SignBlock",
    "StageGoalView",
    "TaskView",
    "View",
]


@dataclass(frozen=True)
class Box:
    """One check box of the 以往参加实验街镇工作经历 row."""

    key: str
    label: str
    checked: bool

    @property
    def mark(self) -> str:
        return "☑" if self.checked else "☐"


@dataclass(frozen=True)
class DateParts:
    """A date for the form's 年 月 日 slots; all blank leaves room for ink."""

    year: str = ""
    month: str = ""
    day: str = ""
    raw: str = ""  # a value that is not a date (drafts): shown as written

    @property
    def filled(self) -> bool:
        return bool(self.year)

    @property
    def iso(self) -> str:
        if not self.filled:
            return self.raw
        return f"{self.year}-{int(self.month):02d}-{int(self.day):02d}"


@dataclass(frozen=True)
class SignBlock:
    """Signature, seal and date: filled only with what the filing records."""

    signer: str = ""
    sealed: bool = False
    date: DateParts = field(default_factory=DateParts)


@dataclass(frozen=True)
class CodeRef:
    code: str
    title: str  # the guide's title; "" for a code the round does not know

    @property
    def text(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class AchievedView:
    """One achieved outcome (实际成效) and the files that show it."""

    outcome: str
    evidence: list[str]


@dataclass(frozen=True)
class KeyWorkView:
    code: str  # "" for a work of the unit's own
    title: str  # the guide's title, or the own work's title
    known: bool  # a code of the round, or a work of the unit's own
    guide_text: str
    measures: str
    outcomes: list[str]  # expected (预计成效)
    own: bool = False
    unit_title: str = ""  # the unit's own name for a listed work
    achieved: list[AchievedView] = field(default_factory=list)

    @property
    def display(self) -> str:
        """The title as printed: `深化老年教育，创新发展模式（家门口的老年学堂）`, `学习坊（自选）`."""
        name = f"{self.title}（{self.unit_title}）" if self.unit_title else self.title
        return f"{name}{OWN_MARK}" if self.own else name

    @property
    def heading(self) -> str:
        """Code and title on one line: `K3 深化老年教育，创新发展模式`, `学习坊（自选）`."""
        return f"{self.code} {self.display}".strip()


@dataclass(frozen=True)
class TaskView:
    task: str
    start: str
    end: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class MemberView:
    name: str
    title: str


@dataclass(frozen=True)
class ResponsibilityView:
    department: str
    owner: str
    duties: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class StageGoalView:
    code: str
    title: str
    window: str
    goal: str


@dataclass(frozen=True)
class BasicView:
    code: str
    title: str
    group_title: str
    known: bool
    listed: bool  # the filing has an entry for this code
    status: str
    status_label: str
    measures: str
    evidence: list[str]
    achieved: list[AchievedView] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewView:
    opinion: str
    sign: SignBlock


@dataclass(frozen=True)
class PlanView:
    part_titles: dict[str, str]  # plan key (overall_goal ...) -> the guide's part title
    overall_goal: str
    stage_goals: list[StageGoalView]
    work_plan: list[TaskView]
    leading_kind: str
    leading_head: str
    members: list[MemberView]
    network: str
    responsibilities: list[ResponsibilityView]
    mechanisms: list[str]
    # (title, text) of the optional parts written (指导思想, 工作原则), before P1
    optional: list[tuple[str, str]] = field(default_factory=list)
    # (title, text) of the further sections written, in the filing's order, after P7
    extra: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Provenance:
    """Where a printout came from: the small footer of every render."""

    version: str
    round: str
    source: str
    generated_at: str
    commit: str = ""
    dirty: bool = False


@dataclass(frozen=True)
class FormText:
    """One text of the form: in its cell, or moved to the 附页 (the cell says 详见附页).

    `pieces` is the text cut at its sensible break points (an e-mail after @,
    an address after 路 or 号); templates join them with `<wbr>`.
    """

    text: str
    moved: bool = False
    pieces: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        return SEE_APPENDIX if self.moved else self.text

    @property
    def parts(self) -> tuple[str, ...]:
        """What the cell shows, cut at its break points."""
        if self.moved:
            return (SEE_APPENDIX,)
        return self.pieces or ((self.text,) if self.text else ())


@dataclass(frozen=True)
class Continued:
    """A text that did not fit its cell, printed under 登记表续 on the 附页."""

    label: str
    text: str


@dataclass(frozen=True)
class KeyWorkForm:
    """A key work as the form's cell shows it: its title, and its measures and outcomes
    unless they moved to the 附页 (then the cell says 详见附页 in their place)."""

    index: int
    code: str
    title: str
    known: bool
    measures: str  # "" when empty or moved
    outcomes: str  # run in (①… ②…); "" when empty or moved
    measures_moved: bool = False
    outcomes_moved: bool = False

    @property
    def heading(self) -> str:
        """`K3 深化老年教育，创新发展模式`, or a work of the unit's own by its title."""
        return f"{self.code} {self.title}".strip()

    @property
    def moved(self) -> bool:
        """Only the title is on the form: it says 详见附页 for the rest."""
        return (self.measures_moved or self.outcomes_moved) and not (self.measures or self.outcomes)


@dataclass(frozen=True)
class FormView:
    """What the one A4 page shows; `cjzn.render.fit` decides it from the page's geometry."""

    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # row labels in lines
    texts: dict[str, FormText] = field(default_factory=dict)
    goal_on_form: bool = False
    key_works: list[KeyWorkForm] = field(default_factory=list)
    key_unlisted: int = 0  # key works not even named on the form (too many to list)
    continued: list[Continued] = field(default_factory=list)

    def label(self, key: str) -> tuple[str, ...]:
        return self.labels.get(key, ())

    def text(self, key: str) -> FormText:
        return self.texts.get(key, FormText(""))

    def key_work(self, index: int) -> KeyWorkForm | None:
        """The key work at `index` (0-based) as the form shows it; None when not even named."""
        return self.key_works[index] if index < len(self.key_works) else None


@dataclass(frozen=True)
class View:
    """One filing, ready for a template."""

    title: str
    rows: dict[str, str]
    labels: dict[str, str]
    status_labels: dict[str, str]
    plan_note: str
    municipal_signer: str
    unit_name: str
    district: str
    leader: dict[str, str]
    contact: dict[str, str]
    prior_boxes: list[Box]
    key_works: list[KeyWorkView]
    unit_sign: SignBlock
    district_review: ReviewView
    municipal_review: ReviewView
    plan: PlanView
    basic: list[BasicView]
    summary_text: str
    summary_date: DateParts
    provenance: Provenance
    errors: int
    warnings: int
    fill_signatures: bool = False
    form: FormView = field(default_factory=FormView)
    # the 附页's part -> its number (一、二 …): optional parts, P1-P7, extra sections, the rest
    numbers: dict[str, str] = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return self.errors > 0

    def number(self, part: str) -> str:
        return self.numbers.get(part, "")

    @property
    def records_outcomes(self) -> bool:
        """Whether any key work or basic work item records what it achieved."""
        return any(kw.achieved for kw in self.key_works) or any(b.achieved for b in self.basic)

    @property
    def has_summary_part(self) -> bool:
        """The 附页's summary part: once the summary or an achieved outcome is written."""
        return bool(self.summary_text) or self.records_outcomes

    @property
    def provenance_line(self) -> str:
        """cjzn's version, the round, the source, the time and the commit, on one line."""
        p = self.provenance
        line = f"cjzn {p.version} · {self.label('round')} {p.round} · {p.source} · {p.generated_at}"
        if p.commit:
            line += f" · git {p.commit[:12]}" + ("（含未提交的修改）" if p.dirty else "")
        return line

    def label(self, pattern: str) -> str:
        return self.labels.get(pattern, pattern)
