"""Generate N realistic, valid filings for the benchmark (deterministic for a seed).

Each filing is about 9 KB of Chinese text with every section of the contract
filled in: unit, leader, contact, prior rounds, all seven plan parts, every
basic-work code of the round (done, with evidence files that exist), one or two
key works, submission, both reviews, the summary and the evaluation flag. The
codes, districts and units come from the round's catalog, so the filings follow
the catalog rather than a copy of it: the roster's streets and towns first (each
in its own district), then made-up names once the roster is used up (those get
the roster's "not in the roster" warning, R003).

Usage: python bench/generate.py OUT_DIR [-n 1000] [--seed 7]

Layout: OUT_DIR/<区县>/<街镇>.yaml, evidence under OUT_DIR/<区县>/archive/<街镇>/<code>/.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from cjzn.guide import Catalog, catalog_for_round

ROUND = "2013-2014"

# Word pools for names and prose: generic community-education vocabulary, not guide text.
_NAME_CHARS = "安宝北长昌城川春大德东丰枫关广海航和鹤虹华江金锦康兰临龙梅闵明南宁浦青庆泉仁瑞三山申石泗松桃天田亭万王吴新兴徐阳杨漕月张真朱"
_SUFFIXES = ("路街道", "街道", "镇", "新镇", "乡")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = (
    "建华丽萍卫东毅芳振晓燕立新国英秀明伟静敏军杰勇艳娟涛强磊洋霞平刚桂兰志红文辉玉梅海燕丹宁春雷健"
)
_TITLES = (
    "街道办事处主任",
    "街道办事处副主任",
    "镇长",
    "副镇长",
    "社区学校校长",
    "社区学校常务副校长",
    "社区服务办公室主任",
    "社会事业办公室主任",
    "党政办公室主任",
    "财务管理中心主任",
    "社区文化活动中心主任",
    "成人学校校长",
)
_DEPARTMENTS = (
    "党政办公室",
    "财务管理中心",
    "社区服务办公室",
    "社区学校",
    "社区自治办公室",
    "社区文化活动中心",
    "社会事业办公室",
    "成人学校",
)
_SUBJECTS = (
    "社区学校",
    "居委学习点",
    "村居学习点",
    "老年学员",
    "志愿者队伍",
    "专兼职教师",
    "社区居民",
    "来沪人员",
    "青少年",
    "企业职工",
    "学习团队",
    "共建单位",
)
_ACTIONS = (
    "完善管理制度",
    "落实专项经费",
    "开展业务培训",
    "建立过程档案",
    "开发特色课程",
    "组织学习活动",
    "推进数字化学习",
    "开放场地设施",
    "签订共建协议",
    "开展课题研究",
    "评选优秀学习点",
    "编印课程读本",
    "建立考核激励办法",
    "引入社会组织承办课程",
)
_OUTCOMES = (
    "年均参学人次稳步增长",
    "覆盖全部居村委",
    "形成可推广的工作机制",
    "学习团队数量明显增加",
    "居民满意度达到百分之九十以上",
    "形成一批特色课程和读本",
    "志愿者服务时长逐年提高",
)
_CONNECTORS = ("，", "，并", "，同时", "；", "，进一步")

_DOMAIN = "example.com"
_DATE_DAYS = range(1, 29)


def _unit_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct, plausible street/town names."""
    names: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        size = 2 if rng.random() < 0.7 else 3
        stem = "".join(rng.choice(_NAME_CHARS) for _ in range(size))
        name = stem + rng.choice(_SUFFIXES)
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def _units(rng: random.Random, catalog: Catalog, count: int) -> list[tuple[str, str]]:
    """`count` distinct (district, unit): the roster's units that file, then made-up ones."""
    roster = catalog.roster
    known = [
        (unit.district, unit.name)
        for unit in (roster.all_units() if roster is not None else ())
        if roster is not None and roster.may_file(unit)
    ]
    rng.shuffle(known)
    chosen = known[:count]
    taken = {name for _, name in known}
    extra = (name for name in _unit_names(rng, count + len(taken)) if name not in taken)
    while len(chosen) < count:
        chosen.append((rng.choice(catalog.districts), next(extra)))
    return chosen


def _person(rng: random.Random) -> str:
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(_SURNAMES) + given


def _sentence(rng: random.Random, clauses: int) -> str:
    """A Chinese sentence of `clauses` clauses; no characters that YAML would read specially."""
    parts = []
    for index in range(clauses):
        clause = f"{rng.choice(_SUBJECTS)}{rng.choice(_ACTIONS)}"
        if index:
            clause = rng.choice(_CONNECTORS) + clause
        parts.append(clause)
    return "".join(parts) + "。"


def _text(rng: random.Random, sentences: int, clauses: int = 3) -> str:
    return "".join(_sentence(rng, clauses) for _ in range(sentences))


def _landline(rng: random.Random) -> str:
    return f"021-{rng.choice('56')}{rng.randrange(1000000, 9999999)}"


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice(('38', '39', '37', '58', '86'))}{rng.randrange(10000000, 99999999)}"


def _month(rng: random.Random, low: tuple[int, int], high: tuple[int, int]) -> tuple[int, int]:
    months = [(y, m) for y in (2013, 2014) for m in range(1, 13) if low <= (y, m) <= high]
    return rng.choice(months)


def _fmt_month(value: tuple[int, int]) -> str:
    return f"{value[0]}-{value[1]:02d}"


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def filing_text(
    rng: random.Random, catalog: Catalog, unit: str, district: str
) -> tuple[str, list[str]]:
    """One filing's YAML text and the evidence paths it lists (relative to the filing)."""
    basic = catalog.basic_codes()
    keys = rng.sample(catalog.key_codes(), rng.choice((1, 2)))
    kinds = list(catalog.enums.leading_body_kind)
    leader = _person(rng)
    contact = _person(rng)
    office = _landline(rng)
    lines = [
        f"# {ROUND} 年度上海市社区教育示范街镇创建单位备案：{district}{unit}",
        "cjzn: 1",
        f'round: "{ROUND}"',
        "unit:",
        f"  name: {unit}",
        f"  district: {district}",
        "leader:",
        f"  name: {leader}",
        f"  title: {rng.choice(_TITLES)}",
        f"  phone: {office}",
        "contact:",
        f"  name: {contact}",
        f"  title: {unit}{rng.choice(_TITLES)}",
        f"  office_phone: {_landline(rng)}",
        f"  mobile: {_mobile(rng)}",
        f"  email: sqjy{rng.randrange(100000)}@{_DOMAIN}",
        f"  postcode: {rng.randrange(200000, 202200)}",  # the catalog's range for Shanghai
        f"  address: 上海市{district}{unit}办事处社区服务办公室",
        f"prior_rounds: {_flow([str(r) for r in sorted(rng.sample([1, 2, 3], rng.randrange(0, 4)))])}",
        "plan:",
        f"  overall_goal: {_text(rng, 2, 4)}",
        "  stage_goals:",
    ]
    lines += [f"    {stage}: {_text(rng, 1, 4)}" for stage in catalog.stage_codes()]
    lines.append("  work_plan:")
    chunks = [basic[i : i + 3] for i in range(0, len(basic), 3)] + [keys]
    for chunk in chunks:
        start = _month(rng, (2013, 1), (2013, 12))
        end = _month(rng, start, (2014, 9))
        lines += [
            f"    - task: {_sentence(rng, 2)}",
            f"      start: {_fmt_month(start)}",
            f"      end: {_fmt_month(end)}",
            f"      covers: {_flow(chunk)}",
        ]
    lines += [
        "  leading_body:",
        f"    kind: {rng.choice(kinds)}",
        f"    head: {leader}",
        "    members:",
    ]
    for _ in range(rng.randrange(3, 7)):
        lines += [f"      - name: {_person(rng)}", f"        title: {rng.choice(_TITLES)}"]
    lines += [f"  network: {_text(rng, 1, 4)}", "  responsibilities:"]
    departments = rng.sample(_DEPARTMENTS, 5)
    shares: list[list[str]] = [[] for _ in departments]
    for index, code in enumerate([*basic, *keys]):
        shares[index % len(departments)].append(code)
    for department, covers in zip(departments, shares, strict=True):
        lines += [
            f"    - department: {unit}{department}",
            f"      owner: {_person(rng)}",
            f"      duties: {_text(rng, 1, 4)}",
            f"      covers: {_flow(covers)}",
        ]
    lines.append("  mechanisms:")
    lines += [f"    - {_sentence(rng, 2)}" for _ in range(4)]
    lines.append("basic_work:")
    evidence: list[str] = []
    for code in basic:
        paths = [
            f"archive/{unit}/{code}/{year}-{catalog.title(code)}{suffix}.pdf"
            for year, suffix in rng.sample([(2013, ""), (2014, "-总结"), (2013, "-台账")], 1)
        ]
        evidence += paths
        lines += [
            f"  {code}:",
            "    status: done",
            f"    measures: {_text(rng, 1, rng.choice((3, 4)))}",
            f"    evidence: {_flow(paths)}",
        ]
    lines.append("key_work:")
    for code in keys:
        lines += [f"  - code: {code}", f"    measures: {_text(rng, 2)}", "    expected_outcomes:"]
        lines += [f"      - {rng.choice(_SUBJECTS)}{rng.choice(_OUTCOMES)}。" for _ in range(3)]
    filed = rng.choice(range(10, 29))
    lines += [
        "submission:",
        f"  filed_on: 2013-03-{filed:02d}",
        f"  signed_by: {leader}",
        "  sealed: true",
        "reviews:",
        "  district:",
        f"    opinion: {district}教育局同意备案。{_text(rng, 1)}",
        f"    signed_by: {_person(rng)}",
        f"    date: 2013-03-{min(filed + 2, 31):02d}",
        "  municipal:",
        "    opinion: 同意备案，请按方案推进实施。",
        f"    date: 2013-04-{rng.choice(_DATE_DAYS):02d}",
        "summary:",
        f"  written_on: 2014-{rng.choice((9, 10, 11, 12)):02d}-{rng.choice(_DATE_DAYS):02d}",
        f"  text: {_text(rng, 4, 3)}",
        "evaluation:",
        "  apply_early: false",
    ]
    return "\n".join(lines) + "\n", evidence


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` filings (and their evidence files) under `out`; returns the filing paths."""
    catalog = catalog_for_round(ROUND)
    if catalog is None:  # pragma: no cover - the round ships with cjzn
        raise SystemExit(f"round {ROUND} is not bundled with this cjzn")
    rng = random.Random(seed)
    written: list[Path] = []
    for district, unit in _units(rng, catalog, count):
        folder = out / district
        text, evidence = filing_text(rng, catalog, unit, district)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{unit}.yaml"
        path.write_text(text, encoding="utf-8")
        for relative in evidence:
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"%PDF-1.4\n%bench\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the filings into")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of filings")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same files)")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.count, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} filings, {size / max(len(paths), 1) / 1024:.1f} KB each, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
