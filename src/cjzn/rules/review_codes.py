"""The review codes (W001-W015): the district's and the city's decisions and evaluations
in the review files beside a filing, in the reviewers' words. The checks are in
`rules.review`; the examples below are run by the test suite like every code's."""

from __future__ import annotations

import hashlib

from cjzn.diagnostics import HEADER, Example, error, warning
from cjzn.i18n import Msg

__all__ = ["CODES"]

_FILED = "submission:\n  filed_on: 2013-03-15\n  signed_by: 李国强\n"
_SUMMARY = "summary:\n  written_on: 2014-11-20\n  text: 创建工作总结……\n"
_EARLY = "evaluation:\n  apply_early: true\n"
#: The empty `reviews:` block `cjzn init` wrote before review files: no review at all.
_EMPTY_INLINE = _FILED + "reviews:\n  district:\n    opinion:\n    signed_by:\n    date:\n"


def _sha(filing: str) -> str:
    return hashlib.sha256((HEADER + filing).encode("utf-8")).hexdigest()


def _decision(word: str, day: str, filing: str = _FILED, signer: str = "王明") -> str:
    """One decision item, its checksum that of the example's filing `filing`."""
    return (
        f"  - decision: {word}\n    opinion: 意见……\n    signed_by: {signer}\n    sealed: true\n"
        f"    date: {day}\n    filing_sha256: {_sha(filing)}\n"
    )


def _evaluation(stage: str, day: str, result: str = "通过") -> str:
    return f"  - stage: {stage}\n    date: {day}\n    result: {result}\n"


def _case(
    district: str = "",
    municipal: str = "",
    evaluations: str = "",
    filing: str = _FILED,
    extra: tuple[tuple[str, str], ...] = (),
) -> Example:
    """The example filing `filing.yaml` with its review files (decision items as given)."""
    files = list(extra)
    if district:
        files.append(("filing.district-review.yaml", f"cjzn: 1\ndecisions:\n{district}"))
    if municipal or evaluations:
        text = "cjzn: 1\n" + (f"decisions:\n{municipal}" if municipal else "")
        text += f"evaluations:\n{evaluations}" if evaluations else ""
        files.append(("filing.municipal-review.yaml", text))
    return Example(filing, as_of="2015-01-15", files=tuple(files))


_OK = _decision("同意", "2013-03-20")
_ACCEPTED = _decision("同意", "2013-04-10")
_NAMED = _FILED + _SUMMARY

ORPHAN = error(
    "W001", "review-without-filing",
    Msg("审核记录没有对应的备案文件", "review file without its filing"),
    Msg("{review} 是{level}的审核记录，但同一目录下没有它的备案文件 {filing}", "{review} holds the {level}'s review, but its filing {filing} is not in the same folder"),
    Msg("审核记录与备案文件放在同一目录，文件名为“备案文件名.{suffix}”；备案文件改名或移动时，审核记录要一起改", "keep a review file beside its filing, named “<filing>.{suffix}”; rename or move both together"),
    help=Msg("审核记录与备案文件放在同一目录，文件名为“备案文件名.district-review.yaml”或“备案文件名.municipal-review.yaml”；备案文件改名或移动时，审核记录要一起改", "keep a review file beside its filing, named “<filing>.district-review.yaml” or “<filing>.municipal-review.yaml”; rename or move both together"),
    passing=(_case(district=_OK),),
    failing=(_case(extra=(("天平路街道.district-review.yaml", "cjzn: 1\n"),)),),
)  # fmt: skip
BEFORE_FILING = error(
    "W002", "decision-before-filing",
    Msg("审核决定的日期早于备案日期", "decision dated before the filing"),
    Msg("{level} {date} 的“{decision}”早于备案日期 {filed}", "the {level}'s “{decision}” of {date} is before the filing date {filed}"),
    Msg("核对日期：街镇先备案（submission.filed_on），{level}的决定在其后", "check the dates: the unit files first (submission.filed_on), the {level} decides after"),
    help=Msg("街镇先备案（submission.filed_on），区县和市教委的决定在其后：核对两个日期", "the unit files first (submission.filed_on), the district and the city decide after: check both dates"),
    passing=(_case(district=_OK),),
    failing=(_case(district=_decision("同意", "2013-03-08")),),
)  # fmt: skip
UNFILED = error(
    "W003", "decision-on-unfiled-filing",
    Msg("备案文件还没有备案日期就已有审核决定", "decision on a filing not yet filed"),
    Msg("备案文件还没有备案日期（submission.filed_on），{level}却已在 {date} 作出“{decision}”", "the filing has no filing date (submission.filed_on), yet the {level} decided “{decision}” on {date}"),
    Msg("街镇先填写备案日期并由负责人签字，{level}再审核", "the unit fills in its filing date and signs first; then the {level} reviews it"),
    help=Msg("街镇先填写备案日期（submission.filed_on）并由负责人签字，区县再审核", "the unit fills in its filing date (submission.filed_on) and signs first; then the district reviews it"),
    passing=(_case(district=_OK),),
    failing=(_case(district=_decision("同意", "2013-03-20", filing=""), filing=""),),
)  # fmt: skip
NO_DISTRICT = error(
    "W004", "municipal-without-district-approval",
    Msg("区县同意之前市教委就作出了决定", "city decided before the district approved"),
    Msg("市教委 {date} 的“{decision}”之前，区县没有同意这份备案{latest}", "the city's “{decision}” of {date} has no district approval before it{latest}"),
    Msg("先由区县教育行政部门审核同意（{district_file}），市教委再作决定", "the district education authority approves first ({district_file}); then the city decides"),
    help=Msg("先由区县教育行政部门审核同意（备案文件名.district-review.yaml），市教委再作决定", "the district education authority approves first (<filing>.district-review.yaml); then the city decides"),
    passing=(_case(district=_OK, municipal=_ACCEPTED),),
    failing=(_case(municipal=_ACCEPTED),
             _case(district=_decision("退回修改", "2013-03-20"), municipal=_ACCEPTED)),
)  # fmt: skip
BEFORE_DISTRICT = error(
    "W005", "municipal-before-district-approval",
    Msg("市教委决定的日期早于区县同意的日期", "city's decision dated before the district's approval"),
    Msg("市教委 {date} 的“{decision}”早于区县同意的日期 {approved}", "the city's “{decision}” of {date} is before the district approved on {approved}"),
    Msg("核对日期：区县同意在先，市教委决定在后", "check the dates: the district approves first, the city decides after"),
    passing=(_case(district=_OK, municipal=_ACCEPTED),),
    failing=(_case(district=_decision("同意", "2013-04-20"), municipal=_ACCEPTED),),
)  # fmt: skip
OUTDATED = warning(
    "W006", "approval-outdated",
    Msg("同意之后备案文件又修改过", "filing changed after it was approved"),
    Msg("{level} {date} 的同意{signer}针对的是另一版本的备案文件：同意之后，备案文件又修改过", "the {level}'s approval of {date}{signer} was for another version: the filing has changed since"),
    Msg("请{level}重新审核修改后的备案（cjzn review --level {level_code}），或把备案文件恢复为同意时的版本", "ask the {level} to review the changed filing (cjzn review --level {level_code}), or restore the version it approved"),
    help=Msg("审核记录中的 filing_sha256 是同意时备案文件的校验值；备案修改后要重新审核（cjzn review），或恢复同意时的版本；--strict 时本警告也算失败", "filing_sha256 in a review is the checksum of the filing it approved; after a change, review again (cjzn review) or restore that version; with --strict this warning fails too"),
    passing=(_case(district=_OK), _case(district=_decision("退回修改", "2013-03-20", filing=""))),
    failing=(_case(district=_decision("同意", "2013-03-20", filing=_FILED + "# 改过\n")),),
)  # fmt: skip
INCOMPLETE = error(
    "W007", "decision-incomplete",
    Msg("审核决定缺少决定、签字人或日期", "decision without its decision, signer or date"),
    Msg("{level}的第 {n} 条审核记录没有{missing}", "the {level}'s decision {n} has no {missing}"),
    Msg("写上 decision（{decisions}）、signed_by（负责人签字）和 date（日期）", "write decision ({decisions}), signed_by and date"),
    help=Msg("每条审核决定都要写 decision（同意 或 退回修改）、signed_by（负责人签字）和 date（日期）", "every decision needs decision (同意 or 退回修改), signed_by and date"),
    passing=(_case(district=_OK),),
    failing=(_case(district="  - decision: 同意\n    opinion: 同意备案\n"),
             _case(district=_decision("同意", "2013-03-20", signer="\"\"")),),
)  # fmt: skip
NO_CHECKSUM = warning(
    "W008", "decision-without-checksum",
    Msg("审核决定没有记录备案文件的校验值", "decision without the filing's checksum"),
    Msg("{level} {date} 的“{decision}”没有记录所审备案文件的校验值（filing_sha256），无法知道审核的是哪一版", "the {level}'s “{decision}” of {date} records no checksum of the filing (filing_sha256): which version it decided on cannot be told"),
    Msg("用 cjzn review 记录审核决定，它会写入备案文件当时的校验值", "record decisions with cjzn review, which writes the filing's checksum at the time"),
    passing=(_case(district=_OK),),
    failing=(_case(district="  - decision: 同意\n    signed_by: 王明\n    date: 2013-03-20\n"),),
)  # fmt: skip
OUT_OF_ORDER = error(
    "W009", "review-out-of-order",
    Msg("审核记录没有按日期先后排列", "review entries not in date order"),
    Msg("{what} 的日期 {date} 早于上一条的日期 {previous}", "{what} is dated {date}, before the entry above it ({previous})"),
    Msg("审核记录按时间先后排列，最新的在最后：核对日期，或把这一条移到正确的位置", "entries are in the order they were made, newest last: check the date or move the entry"),
    passing=(_case(district=_decision("退回修改", "2013-03-20") + _decision("同意", "2013-03-25")),),
    failing=(_case(district=_decision("同意", "2013-03-25") + _decision("退回修改", "2013-03-20")),),
)  # fmt: skip
NOT_ACCEPTED = error(
    "W010", "evaluation-before-acceptance",
    Msg("市教委同意备案之前就有了评估", "evaluation before the city accepted the filing"),
    Msg("{stage} 评估（{date}）之前，市教委没有同意这份备案", "the {stage} evaluation of {date} has no acceptance by the city before it"),
    Msg("市教委先同意备案（decisions 中“同意”），再组织评估", "the city accepts the filing first (a “同意” under decisions), then evaluates"),
    passing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-12-20"), filing=_NAMED),),
    failing=(_case(district=_OK, evaluations=_evaluation("S4", "2014-12-20"), filing=_NAMED),),
)  # fmt: skip
BEFORE_STAGE = error(
    "W011", "evaluation-before-its-stage",
    Msg("评估日期早于该阶段开始", "evaluation dated before its stage opens"),
    Msg("{stage} 评估的日期 {date} 早于{name}开始的日期 {start}", "the {stage} evaluation is dated {date}, before {name} opens on {start}"),
    Msg("核对日期和评估阶段：提前评估在 {early}，正式评估在 {final}", "check the date and the stage: early evaluation is in {early}, the final one in {final}"),
    help=Msg("提前申请的评估在第三阶段（推进实施），正式评估在第四阶段（备查总结）之后：核对评估日期和阶段", "an early evaluation is in stage S3, the final one from stage S4 on: check the date and the stage"),
    passing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-12-20"), filing=_NAMED),),
    failing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-06-20"), filing=_NAMED),),
)  # fmt: skip
NO_SUMMARY = error(
    "W012", "passed-without-summary",
    Msg("评估通过，但备案文件没有创建工作总结", "passed without the filing's summary"),
    Msg("{stage} 评估结果为“{result}”，但备案文件还没有第四阶段的创建工作总结（summary）", "the {stage} evaluation's result is “{result}”, but the filing has no stage-S4 summary (summary)"),
    Msg("街镇先在备案文件中写好创建工作总结（summary.written_on、summary.text），再记录评估通过", "the unit writes its summary in the filing first (summary.written_on, summary.text); then record the pass"),
    passing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-12-20"), filing=_NAMED),),
    failing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-12-20")),),
)  # fmt: skip
NOT_APPLIED = warning(
    "W013", "early-evaluation-not-applied",
    Msg("没有申请提前评估却有第三阶段的评估", "early evaluation without an application"),
    Msg("有 {stage} 的提前评估（{date}），但备案文件没有申请提前评估（evaluation.apply_early: true）", "there is an early {stage} evaluation ({date}), but the filing does not apply for one (evaluation.apply_early: true)"),
    Msg("街镇申请提前评估时在备案文件中写 evaluation.apply_early: true；否则核对评估阶段", "a unit applying early writes evaluation.apply_early: true in its filing; otherwise check the stage"),
    passing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S3", "2014-06-20"), filing=_NAMED + _EARLY),),
    failing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S3", "2014-06-20"), filing=_NAMED),),
)  # fmt: skip
INLINE_AND_FILES = error(
    "W014", "reviews-inline-and-in-files",
    Msg("备案文件中的审核意见与审核记录文件并存", "reviews both inline and in review files"),
    Msg("备案文件中写了审核意见（reviews:），同时又有审核记录文件 {files}：只能保留一处", "the filing has reviews: inline and review files as well ({files}): keep one"),
    Msg("用 cjzn review --migrate {filing} 把 reviews: 移到审核记录文件中", "run cjzn review --migrate {filing} to move reviews: into review files"),
    help=Msg("审核意见写在审核记录文件中（备案文件名.district-review.yaml 等）；旧的 reviews: 用 cjzn review --migrate 移过去", "reviews belong in review files (<filing>.district-review.yaml …); move an old reviews: with cjzn review --migrate"),
    passing=(_case(district=_OK), Example(_FILED + "reviews:\n  district:\n    opinion: 同意\n    signed_by: 王明\n    date: 2013-03-20\n"),
             _case(district=_decision("同意", "2013-03-20", _EMPTY_INLINE), filing=_EMPTY_INLINE)),
    failing=(_case(district=_OK, filing=_FILED + "reviews:\n  district:\n    opinion: 同意\n"),),
)  # fmt: skip
EVALUATION_INCOMPLETE = error(
    "W015", "evaluation-incomplete",
    Msg("评估记录缺少阶段、日期或结果", "evaluation without its stage, date or result"),
    Msg("第 {n} 条评估记录没有{missing}", "evaluation {n} has no {missing}"),
    Msg("写上 stage（{stages}）、date（日期）和 result（{results}）", "write stage ({stages}), date and result ({results})"),
    help=Msg("每条评估记录都要写 stage（S3 提前评估 或 S4）、date（日期）和 result（通过、不通过 或 暂缓）", "every evaluation needs stage (S3 early, or S4), date and result (通过, 不通过 or 暂缓)"),
    passing=(_case(district=_OK, municipal=_ACCEPTED, evaluations=_evaluation("S4", "2014-12-20"), filing=_NAMED),),
    failing=(_case(district=_OK, municipal=_ACCEPTED, evaluations="  - stage: S4\n    note: 待定\n", filing=_NAMED),),
)  # fmt: skip

CODES = {
    info.code: info
    for info in (
        ORPHAN, BEFORE_FILING, UNFILED, NO_DISTRICT, BEFORE_DISTRICT, OUTDATED, INCOMPLETE,
        NO_CHECKSUM, OUT_OF_ORDER, NOT_ACCEPTED, BEFORE_STAGE, NO_SUMMARY, NOT_APPLIED,
        INLINE_AND_FILES, EVALUATION_INCOMPLETE,
    )
}  # fmt: skip
