"""The review rules: the district's and the city's decisions and evaluations, in order.

A filing's review files (`天平路街道.district-review.yaml`, `….municipal-review.yaml`)
are read with the filing's loader and model (`model.review`), then checked here with
the filing itself in view: dates against `submission.filed_on` and each other, the
district before the city, the city before the evaluation, the filing's checksum
against the one each approval recorded. Codes and examples: `rules.review_codes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cjzn.diagnostics import CodeInfo, Diagnostic
from cjzn.guide import Catalog
from cjzn.i18n import Msg, join
from cjzn.load import Document, PathKey, dotted
from cjzn.load.walk import missing_text, value_at
from cjzn.model import (
    Decision,
    DistrictReviewFile,
    EvaluationRecord,
    Filing,
    MunicipalReviewFile,
    inline_reviews,
)
from cjzn.options import Options
from cjzn.rules import review_codes as W
from cjzn.stages import stage_name

__all__ = ["LEVEL_NAMES", "REVIEW_RULES", "ReviewContext", "ReviewFile", "ReviewRule", "orphan"]

#: What the reviewers call each level.
LEVEL_NAMES = {
    "district": Msg("区县", "district"),
    "municipal": Msg("市教委", "city"),
}
_FIELDS = {
    "decision": Msg("审核决定", "decision"),
    "signed_by": Msg("负责人签字", "signer"),
    "date": Msg("日期", "date"),
    "stage": Msg("评估阶段", "stage"),
    "result": Msg("评估结果", "result"),
}
_LATEST = Msg(
    "（区县最近的决定是 {date} 的“{decision}”）",
    " (the district's latest is “{decision}” of {date})",
)
_SIGNER = Msg("（{name}）", " ({name})")
_DECISION_N = Msg("{level}的第 {n} 条审核记录", "the {level}'s decision {n}")
_EVALUATION_N = Msg("第 {n} 条评估记录", "evaluation {n}")


@dataclass
class ReviewFile:
    """One review file as the rules see it: its level, document and (pruned) model."""

    level: str
    document: Document
    model: DistrictReviewFile


@dataclass
class ReviewContext:
    """A filing and its review files."""

    filing: Filing
    document: Document  # the filing's
    catalog: Catalog
    options: Options
    sha256: str  # the filing's bytes, now
    files: dict[str, ReviewFile] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.options.lang

    def level(self, level: str) -> str:
        return LEVEL_NAMES[level].get(self.lang)

    def decisions(self, level: str) -> list[tuple[int, Decision]]:
        file = self.files.get(level)
        return list(enumerate(file.model.decisions or [])) if file else []

    def evaluations(self) -> list[tuple[int, EvaluationRecord]]:
        file = self.files.get("municipal")
        model = file.model if file else None
        return (
            list(enumerate(model.evaluations or []))
            if isinstance(model, MunicipalReviewFile)
            else []
        )

    def raw(self, level: str, path: PathKey) -> Any:
        return value_at(self.files[level].document.data, path)

    def word(self, decision: Decision) -> str:
        return decision.decision or ""

    def approves(self, decision: Decision) -> bool:
        return self.catalog.review.decision_code(decision.decision) == "approve"

    def report(self, info: CodeInfo, level: str, path: PathKey, **params: Any) -> Diagnostic:
        """A diagnostic located in the `level` review file at `path` (or its nearest parent)."""
        document = self.files[level].document
        line, column = document.locate(path)
        params.setdefault("level", self.level(level))
        return info.diagnostic(
            lang=self.lang,
            file=document.file,
            line=line,
            column=column,
            path=dotted(path),
            **params,
        )


ReviewCheck = Callable[[ReviewContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class ReviewRule:
    """A review code, its documentation, and the check that enforces it."""

    info: CodeInfo
    check: ReviewCheck

    @property
    def code(self) -> str:
        return self.info.code


def orphan(file: str, level: str, filing: str, lang: str) -> Diagnostic:
    """W001: the review file `file` has no filing beside it."""
    suffix = f"{level}-review.yaml"
    return W.ORPHAN.diagnostic(
        lang=lang, file=file, line=1, column=1, path="", review=file,
        level=LEVEL_NAMES[level].get(lang), filing=filing, suffix=suffix,
    )  # fmt: skip


def check_before_filing(ctx: ReviewContext) -> Iterator[Diagnostic]:
    submission = ctx.filing.submission
    filed_on = submission.filed_on if submission else None
    if filed_on is None:
        return
    for level in ctx.files:
        for i, decision in ctx.decisions(level):
            if decision.date is not None and decision.date < filed_on:
                yield ctx.report(
                    W.BEFORE_FILING, level, ("decisions", i, "date"),
                    date=decision.date.isoformat(), decision=ctx.word(decision),
                    filed=filed_on.isoformat(),
                )  # fmt: skip


def check_unfiled(ctx: ReviewContext) -> Iterator[Diagnostic]:
    submission = ctx.filing.submission
    if submission is not None and submission.filed_on is not None:
        return
    if not missing_text(value_at(ctx.document.data, ("submission", "filed_on"))):
        return  # written but wrong: F006 says so
    for level in ctx.files:
        for i, decision in ctx.decisions(level)[:1]:
            day = decision.date.isoformat() if decision.date else "?"
            yield ctx.report(
                W.UNFILED, level, ("decisions", i), date=day, decision=ctx.word(decision)
            )


def check_district_first(ctx: ReviewContext) -> Iterator[Diagnostic]:
    """Each municipal decision stands on a district approval dated on or before it."""
    district = [d for _, d in ctx.decisions("district") if d.date is not None]
    for i, decision in ctx.decisions("municipal"):
        if decision.date is None:
            continue
        before = [d for d in district if d.date is not None and d.date <= decision.date]
        if before and ctx.approves(before[-1]):
            continue
        params = {"date": decision.date.isoformat(), "decision": ctx.word(decision)}
        later = [d for d in district if ctx.approves(d) and d not in before]
        if later and later[0].date is not None:
            yield ctx.report(
                W.BEFORE_DISTRICT, "municipal", ("decisions", i, "date"),
                approved=later[0].date.isoformat(), **params,
            )  # fmt: skip
            continue
        latest = ""
        if before and before[-1].date is not None:
            latest = _LATEST.format(
                ctx.lang, date=before[-1].date.isoformat(), decision=ctx.word(before[-1])
            )
        yield ctx.report(
            W.NO_DISTRICT, "municipal", ("decisions", i), latest=latest,
            district_file=ctx.files["municipal"].document.file.replace("municipal-review", "district-review"),
            **params,
        )  # fmt: skip


def check_outdated(ctx: ReviewContext) -> Iterator[Diagnostic]:
    """The latest approval of each level was of the filing as it is now."""
    for level in ctx.files:
        decisions = ctx.decisions(level)
        if not decisions:
            continue
        i, latest = decisions[-1]
        recorded = (latest.filing_sha256 or "").strip().lower()
        if not ctx.approves(latest) or not recorded or recorded == ctx.sha256:
            continue
        signer = _SIGNER.format(ctx.lang, name=latest.signed_by) if latest.signed_by else ""
        yield ctx.report(
            W.OUTDATED, level, ("decisions", i, "filing_sha256"),
            date=latest.date.isoformat() if latest.date else "", signer=signer, level_code=level,
        )  # fmt: skip


def _missing(ctx: ReviewContext, level: str, item: PathKey, keys: tuple[str, ...]) -> list[str]:
    """The keys of `item` that are not written at all (a wrong value is the model's)."""
    return [_FIELDS[k].get(ctx.lang) for k in keys if missing_text(ctx.raw(level, (*item, k)))]


def check_incomplete(ctx: ReviewContext) -> Iterator[Diagnostic]:
    words = join(ctx.catalog.review.decisions.values(), ctx.lang)
    for level in ctx.files:
        for i, _ in ctx.decisions(level):
            gone = _missing(ctx, level, ("decisions", i), ("decision", "signed_by", "date"))
            if gone:
                yield ctx.report(
                    W.INCOMPLETE, level, ("decisions", i),
                    n=i + 1, missing=join(gone, ctx.lang), decisions=words,
                )  # fmt: skip


def check_no_checksum(ctx: ReviewContext) -> Iterator[Diagnostic]:
    for level in ctx.files:
        for i, decision in ctx.decisions(level):
            if missing_text(ctx.raw(level, ("decisions", i, "filing_sha256"))):
                day = decision.date.isoformat() if decision.date else "?"
                yield ctx.report(
                    W.NO_CHECKSUM, level, ("decisions", i), date=day, decision=ctx.word(decision)
                )


def check_order(ctx: ReviewContext) -> Iterator[Diagnostic]:
    """Entries newest last: a date before the entry above it."""
    lists: list[tuple[str, str, list[tuple[int, Any]]]] = [
        (level, "decisions", ctx.decisions(level)) for level in ctx.files
    ]
    lists.append(("municipal", "evaluations", ctx.evaluations()))
    for level, key, entries in lists:
        previous = None
        for i, entry in entries:
            if entry.date is None:
                continue
            if previous is not None and entry.date < previous:
                name = _DECISION_N if key == "decisions" else _EVALUATION_N
                what = name.format(ctx.lang, level=ctx.level(level), n=i + 1)
                yield ctx.report(
                    W.OUT_OF_ORDER, level, (key, i, "date"),
                    what=what, date=entry.date.isoformat(), previous=previous.isoformat(),
                )  # fmt: skip
            previous = entry.date if previous is None else max(previous, entry.date)


def check_accepted_first(ctx: ReviewContext) -> Iterator[Diagnostic]:
    municipal = [d for _, d in ctx.decisions("municipal") if d.date is not None]
    for i, evaluation in ctx.evaluations():
        if evaluation.date is None:
            continue
        before = [d for d in municipal if d.date is not None and d.date <= evaluation.date]
        if before and ctx.approves(before[-1]):
            continue
        yield ctx.report(
            W.NOT_ACCEPTED, "municipal", ("evaluations", i),
            stage=evaluation.stage or "", date=evaluation.date.isoformat(),
        )  # fmt: skip


def check_before_stage(ctx: ReviewContext) -> Iterator[Diagnostic]:
    review = ctx.catalog.review
    early, final = ctx.catalog.workflow.early_evaluation_stage, review.final_stage
    for i, evaluation in ctx.evaluations():
        stage = ctx.catalog.stage(evaluation.stage or "")
        if stage is None or evaluation.date is None or evaluation.date >= stage.start:
            continue
        yield ctx.report(
            W.BEFORE_STAGE, "municipal", ("evaluations", i, "date"),
            stage=stage.code, date=evaluation.date.isoformat(), start=stage.start.isoformat(),
            name=stage_name(stage, ctx.catalog, ctx.lang), early=early, final=final,
        )  # fmt: skip


def check_summary(ctx: ReviewContext) -> Iterator[Diagnostic]:
    summary = ctx.filing.summary
    written = summary is not None and bool((summary.text or "").strip())
    for i, evaluation in ctx.evaluations():
        if written or ctx.catalog.review.result_code(evaluation.result) != "pass":
            continue
        yield ctx.report(
            W.NO_SUMMARY, "municipal", ("evaluations", i, "result"),
            stage=evaluation.stage or "", result=evaluation.result or "",
        )  # fmt: skip


def check_applied(ctx: ReviewContext) -> Iterator[Diagnostic]:
    applied = ctx.filing.evaluation is not None and ctx.filing.evaluation.apply_early is True
    early = ctx.catalog.workflow.early_evaluation_stage
    for i, evaluation in ctx.evaluations():
        if evaluation.stage == early and not applied:
            day = evaluation.date.isoformat() if evaluation.date else "?"
            yield ctx.report(
                W.NOT_APPLIED, "municipal", ("evaluations", i, "stage"), stage=early, date=day
            )


def check_inline(ctx: ReviewContext) -> Iterator[Diagnostic]:
    if not inline_reviews(ctx.document.data) or not ctx.files:
        return
    line, column = ctx.document.locate_key(("reviews",))
    files = join([f.document.file for f in ctx.files.values()], ctx.lang)
    yield W.INLINE_AND_FILES.diagnostic(
        lang=ctx.lang, file=ctx.document.file, line=line, column=column, path="reviews",
        files=files, filing=ctx.document.file,
    )  # fmt: skip


def check_evaluation_incomplete(ctx: ReviewContext) -> Iterator[Diagnostic]:
    review = ctx.catalog.review
    stages = join([ctx.catalog.workflow.early_evaluation_stage, review.final_stage], ctx.lang)
    results = join(review.results.values(), ctx.lang)
    for i, _ in ctx.evaluations():
        gone = _missing(ctx, "municipal", ("evaluations", i), ("stage", "date", "result"))
        if gone:
            yield ctx.report(
                W.EVALUATION_INCOMPLETE, "municipal", ("evaluations", i),
                n=i + 1, missing=join(gone, ctx.lang), stages=stages, results=results,
            )  # fmt: skip


REVIEW_RULES = (
    ReviewRule(W.BEFORE_FILING, check_before_filing),
    ReviewRule(W.UNFILED, check_unfiled),
    ReviewRule(W.NO_DISTRICT, check_district_first),
    ReviewRule(W.OUTDATED, check_outdated),
    ReviewRule(W.INCOMPLETE, check_incomplete),
    ReviewRule(W.NO_CHECKSUM, check_no_checksum),
    ReviewRule(W.OUT_OF_ORDER, check_order),
    ReviewRule(W.NOT_ACCEPTED, check_accepted_first),
    ReviewRule(W.BEFORE_STAGE, check_before_stage),
    ReviewRule(W.NO_SUMMARY, check_summary),
    ReviewRule(W.NOT_APPLIED, check_applied),
    ReviewRule(W.INLINE_AND_FILES, check_inline),
    ReviewRule(W.EVALUATION_INCOMPLETE, check_evaluation_incomplete),
)
