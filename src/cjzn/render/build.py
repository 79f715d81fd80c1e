"""From a validated filing to its `View`: the form's rows and the 附页, labels from the catalog.

The model drops values that failed validation; a draft still shows them as
written (the office prints drafts to discuss them), so `_Source` takes a text
the model lost from the loader's document, which keeps every scalar's source text.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from cjzn.check import FileResult
from cjzn.check.workflow import stale_approval
from cjzn.guide import Catalog, Catalogs
from cjzn.load.walk import ABSENT, BROKEN, value_at
from cjzn.model import Contact, Filing, ReviewTrail
from cjzn.model.filing import Leader
from cjzn.render.fit import fit_form
from cjzn.render.provenance import AUTO, provenance
from cjzn.render.view import (
    AchievedView,
    BasicView,
    Box,
    CodeRef,
    DateParts,
    KeyWorkView,
    MemberView,
    PlanView,
    ResponsibilityView,
    ReviewView,
    SignBlock,
    StageGoalView,
    TaskView,
    View,
)
from cjzn.text import zh_number

__all__ = ["build_view"]


class _Source:
    """Reads a filing: the validated model first, the exact source text as a fallback."""

    def __init__(self, filing: Filing | None, data: Any) -> None:
        self.filing = filing
        self.data = data

    @staticmethod
    def _at(value: Any, path: tuple[str | int, ...]) -> Any:
        found = value_at(value, path) if value is not None else None
        return None if found is ABSENT or found is BROKEN else found

    def typed(self, *path: str | int) -> Any:
        return self._at(self.filing, path)

    def raw(self, *path: str | int) -> Any:
        return self._at(self.data, path)

    def text(self, *path: str | int) -> str:
        value = self.typed(*path)
        if isinstance(value, str):
            return value
        if isinstance(value, date):
            return value.isoformat()
        raw = self.raw(*path)
        return raw if isinstance(raw, str) else ""

    def length(self, *path: str | int) -> int:
        """How many entries the list at `path` has (source order, invalid entries included)."""
        raw = self.raw(*path)
        if isinstance(raw, list):
            return len(raw)
        typed = self.typed(*path)
        return len(typed) if isinstance(typed, list) else 0

    def texts(self, *path: str | int) -> list[str]:
        return [t for t in (self.text(*path, i) for i in range(self.length(*path))) if t]

    def date(self, *path: str | int) -> DateParts:
        value = self.typed(*path)
        if isinstance(value, date):
            return DateParts(str(value.year), str(value.month), str(value.day))
        raw = self.raw(*path)
        return DateParts(raw=raw.strip()) if isinstance(raw, str) else DateParts()

    def each(self, *path: str | int) -> range:
        return range(self.length(*path))


def _window(start: date, end: date) -> str:
    """`2013年1月—3月`, the way the guide writes a stage's months."""
    first = f"{start.year}年{start.month}月"
    last = f"{end.month}月" if start.year == end.year else f"{end.year}年{end.month}月"
    return f"{first}—{last}"


def _boxes(src: _Source, catalog: Catalog) -> list[Box]:
    """The 以往参加实验街镇工作经历 check boxes, ticked from `prior_rounds`."""
    prior = src.typed("prior_rounds")
    ticked = prior if isinstance(prior, list) else None

    def checked(key: str) -> bool:
        if ticked is None:
            return False
        return ticked == [] if key == "none" else key.isdecimal() and int(key) in ticked

    return [Box(k, label, checked(k)) for k, label in catalog.form.prior_round_options.items()]


def _achieved(src: _Source, *path: str | int) -> list[AchievedView]:
    """The achieved outcomes written at `path` (entries with an outcome or evidence)."""
    entries = [
        AchievedView(src.text(*path, i, "outcome").strip(), src.texts(*path, i, "evidence"))
        for i in src.each(*path)
    ]
    return [entry for entry in entries if entry.outcome or entry.evidence]


def _key_works(src: _Source, catalog: Catalog) -> list[KeyWorkView]:
    """Each key work: a listed one by its code (and the unit's name for it), or the unit's own."""
    views = []
    for index in src.each("key_work"):
        code = src.text("key_work", index, "code").strip()
        title = src.text("key_work", index, "title").strip()
        entry = catalog.key(code)
        own = not code and bool(title)
        views.append(
            KeyWorkView(
                code=code,
                title=entry.title if entry else title if own else "",
                known=entry is not None or own,
                guide_text=entry.text if entry else "",
                measures=src.text("key_work", index, "measures"),
                outcomes=src.texts("key_work", index, "expected_outcomes"),
                own=own,
                unit_title=title if entry is not None else "",
                achieved=_achieved(src, "key_work", index, "achieved_outcomes"),
            )
        )
    return views


def _reviews(
    src: _Source, catalog: Catalog, signed: bool, trail: ReviewTrail | None
) -> tuple[ReviewView, ReviewView]:
    """The district's and the city's boxes, filled only with what is recorded: the latest
    decision of each level's review file, else version 1's inline `reviews:`; the
    district's signer and seal only when `signed` (a preview), else blank for ink."""
    if trail is not None and not trail.empty:
        return _decided(trail, "district", catalog, signed), _decided(
            trail, "municipal", catalog, signed
        )
    district = ReviewView(
        src.text("reviews", "district", "opinion"),
        SignBlock(
            src.text("reviews", "district", "signed_by") if signed else "",
            False,
            src.date("reviews", "district", "date"),
        ),
    )
    municipal = ReviewView(
        src.text("reviews", "municipal", "opinion"),
        SignBlock(catalog.form.municipal_signer, False, src.date("reviews", "municipal", "date")),
    )
    return district, municipal


_RETURNED = "【{word}】"
#: The box of an approval taken on another version of the filing (W006): no opinion, date,
#: signer or seal of it is printed, so the form never shows it as the approval of this text.
STALE_APPROVAL = "【{date}“{word}”的是备案文件的另一版本：此后备案文件又修改过，须重新审核】"


def _decided(trail: ReviewTrail, level: str, catalog: Catalog, signed: bool) -> ReviewView:
    """A level's box from its latest decision (a return is marked as such in the box; an
    approval of another version of the filing is not printed, a note says why)."""
    decision = trail.latest(level)
    signer = "" if level == "district" else catalog.form.municipal_signer
    if decision is None:
        return ReviewView("", SignBlock(signer))
    if stale_approval(trail, level, catalog) is not None:
        when = f"{decision.date.isoformat()} " if decision.date else ""
        note = STALE_APPROVAL.format(date=when, word=decision.decision)
        return ReviewView(note, SignBlock(signer))
    opinion = (decision.opinion or "").strip()
    if catalog.review.decision_code(decision.decision) == "return":
        opinion = _RETURNED.format(word=decision.decision) + opinion
    day = decision.date
    parts = DateParts(str(day.year), str(day.month), str(day.day)) if day else DateParts()
    if level == "municipal":
        return ReviewView(opinion, SignBlock(catalog.form.municipal_signer, False, parts))
    signer = (decision.signed_by or "") if signed else ""
    return ReviewView(opinion, SignBlock(signer, signed and decision.sealed is True, parts))


def _stage_goals(src: _Source, catalog: Catalog) -> list[StageGoalView]:
    """One goal per stage of the round, then any goal under a code the round does not know."""
    goals = [
        StageGoalView(
            stage.code,
            stage.title,
            _window(stage.start, stage.end),
            src.text("plan", "stage_goals", stage.code),
        )
        for stage in catalog.stages
    ]
    raw = src.raw("plan", "stage_goals")
    known = set(catalog.stage_codes())
    if isinstance(raw, dict):
        goals += [
            StageGoalView(str(code), "", "", src.text("plan", "stage_goals", str(code)))
            for code in raw
            if code not in known
        ]
    return goals


#: What a `covers` entry naming a key work of the unit's own stands for (its tooltip).
OWN_WORK = "本单位自选的重点创建工作"


def _plan(src: _Source, catalog: Catalog) -> PlanView:
    own = {
        src.text("key_work", i, "title").strip()
        for i in src.each("key_work")
        if not src.text("key_work", i, "code").strip()
    } - {""}

    def codes(*path: str | int) -> list[CodeRef]:
        refs = [c.strip() for c in src.texts(*path)]
        return [CodeRef(c, OWN_WORK if c in own else catalog.title(c)) for c in refs]

    def task(i: int) -> TaskView:
        def text(key: str) -> str:
            return src.text("plan", "work_plan", i, key)

        return TaskView(
            text("task"), text("start"), text("end"), codes("plan", "work_plan", i, "covers")
        )

    def duty(i: int) -> ResponsibilityView:
        def text(key: str) -> str:
            return src.text("plan", "responsibilities", i, key)

        covers = codes("plan", "responsibilities", i, "covers")
        return ResponsibilityView(text("department"), text("owner"), text("duties"), covers)

    members = ("plan", "leading_body", "members")
    optional = [(part.title, src.text("plan", part.key)) for part in catalog.plan_optional_parts]
    sections = ("plan", "extra_sections")
    extra = [
        (src.text(*sections, i, "title"), src.text(*sections, i, "text"))
        for i in src.each(*sections)
    ]
    return PlanView(
        part_titles={part.key: part.title for part in catalog.plan_parts},
        overall_goal=src.text("plan", "overall_goal"),
        stage_goals=_stage_goals(src, catalog),
        work_plan=[task(i) for i in src.each("plan", "work_plan")],
        leading_kind=src.text("plan", "leading_body", "kind"),
        leading_head=src.text("plan", "leading_body", "head"),
        members=[
            MemberView(src.text(*members, i, "name"), src.text(*members, i, "title"))
            for i in src.each(*members)
        ],
        network=src.text("plan", "network"),
        responsibilities=[duty(i) for i in src.each("plan", "responsibilities")],
        mechanisms=src.texts("plan", "mechanisms"),
        optional=[(title, text) for title, text in optional if text.strip()],
        extra=[(title, text) for title, text in extra if title.strip() or text.strip()],
    )


def _basic(src: _Source, catalog: Catalog, status_labels: dict[str, str]) -> list[BasicView]:
    """Every B code of the round in order, then codes the filing lists that the round lacks."""
    groups = {group.code: group.title for group in catalog.basic_groups}
    raw = src.raw("basic_work")
    listed = [str(code) for code in raw] if isinstance(raw, dict) else []
    views = []
    for code in [*catalog.basic_codes(), *(c for c in listed if catalog.basic(c) is None)]:
        item = catalog.basic(code)
        status = src.text("basic_work", code, "status").strip()
        views.append(
            BasicView(
                code=code,
                title=item.title if item else "",
                group_title=groups.get(item.group, "") if item else "",
                known=item is not None,
                listed=code in listed,
                status=status,
                status_label=status_labels.get(status, status),
                measures=src.text("basic_work", code, "measures"),
                evidence=src.texts("basic_work", code, "evidence"),
                achieved=_achieved(src, "basic_work", code, "achieved_outcomes"),
            )
        )
    return views


def _fields(src: _Source, section: str, model: Any) -> dict[str, str]:
    """The texts of a section's keys, in the contract's order (the model's fields)."""
    return {key: src.text(section, key) for key in model.model_fields}


def build_view(
    result: FileResult,
    *,
    generated_at: datetime | None = None,
    commit: str | None = AUTO,
    catalogs: Catalogs | None = None,
    fill_signatures: bool = False,
) -> View:
    """The view-model of one validated filing, with what its one-page form shows (`form`).

    `generated_at` defaults to `SOURCE_DATE_EPOCH` (reproducible builds) or now;
    `commit` defaults to asking git about the filing's folder (None: no commit).
    The signature lines and seal slots are blank for ink and stamp unless
    `fill_signatures` (a preview): then they show the recorded signer and （已盖章）.
    """
    if result.document is None:
        raise ValueError("an unreadable filing has nothing to render")
    catalog = result.catalog or (catalogs or Catalogs()).default()
    src = _Source(result.filing, result.document.data)
    status_labels = catalog.status_words("zh")
    district_review, municipal_review = _reviews(src, catalog, fill_signatures, result.trail)
    view = View(
        title=catalog.form.title,
        rows=dict(catalog.form.rows),
        labels={key: text.zh for key, text in catalog.labels.items()},
        status_labels=status_labels,
        plan_note=catalog.form.plan_note,
        municipal_signer=catalog.form.municipal_signer,
        unit_name=src.text("unit", "name"),
        district=src.text("unit", "district"),
        leader=_fields(src, "leader", Leader),
        contact=_fields(src, "contact", Contact),
        prior_boxes=_boxes(src, catalog),
        key_works=_key_works(src, catalog),
        unit_sign=SignBlock(
            src.text("submission", "signed_by") if fill_signatures else "",
            fill_signatures and src.typed("submission", "sealed") is True,
            src.date("submission", "filed_on"),
        ),
        district_review=district_review,
        municipal_review=municipal_review,
        plan=_plan(src, catalog),
        basic=_basic(src, catalog, status_labels),
        summary_text=src.text("summary", "text"),
        summary_date=src.date("summary", "written_on"),
        provenance=provenance(result, src.text("round"), generated_at, commit),
        errors=result.errors,
        warnings=result.warnings,
        fill_signatures=fill_signatures,
    )
    return dataclasses.replace(view, form=fit_form(view), numbers=_numbers(view, catalog))


def _numbers(view: View, catalog: Catalog) -> dict[str, str]:
    """一、二、… for the 附页's parts in print order: the optional parts written (`optional.0` …),
    P1-P7 (by key), the extra sections (`extra.0` …), basic work, key work, and the summary part
    when there is one."""
    parts = [f"optional.{index}" for index in range(len(view.plan.optional))]
    parts += [part.key for part in catalog.plan_parts]
    parts += [f"extra.{index}" for index in range(len(view.plan.extra))]
    parts += ["basic_work", "key_work", *(["summary"] if view.has_summary_part else [])]
    return {part: zh_number(number) for number, part in enumerate(parts, start=1)}
