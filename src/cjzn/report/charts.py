"""The dashboard's pictures as inline SVG: who has filed, key-work choices, stage progress.

Every text in them is XML-escaped: unit and district names are user text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from cjzn.report.model import UNKNOWN, Dashboard, word

__all__ = ["coverage_chart", "key_work_chart", "stage_chart"]

_FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif\""
#: Rough width (px) of one character of a legend label: Chinese text runs about twice as wide.
_LEGEND_CHAR_PX = {"zh": 13, "en": 7}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def key_work_chart(dashboard: Dashboard) -> str:
    """Horizontal bars: how many filings chose each key work (bars carry data-code/data-count)."""
    counts = dashboard.key_work_counts
    top = max((count for _, _, count in counts), default=0) or 1
    label_w, bar_w, row_h = 300, 300, 26
    width, height = label_w + bar_w + 60, row_h * len(counts) + 10
    title = word("key_chart", dashboard.lang)
    out = [
        f'<svg class="chart key-work-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {_FONT} font-size="13">',
        f"<title>{xml_escape(title)}</title>",
    ]
    for row, (code, name, count) in enumerate(counts):
        y = 5 + row * row_h
        full = f"{dashboard.code_label(code)} {name}"
        length = round(bar_w * count / top, 1)
        out.append(
            f'<g class="bar" data-code={quoteattr(code)} data-count="{count}">'
            f"<title>{xml_escape(f'{full}：{count}')}</title>"
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{xml_escape(_shorten(full, 20))}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{length}" height="{row_h - 8}" '
            f'fill="#2171b5" data-code={quoteattr(code)} data-count="{count}"/>'
            f'<text x="{label_w + length + 6}" y="{y + 17}">{count}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def stage_chart(dashboard: Dashboard) -> str:
    """One stacked bar per district: how many of its filings are in each stage."""
    keys = dashboard.stage_keys
    districts = dashboard.districts
    top = max((len(d.filings) for d in districts), default=0) or 1
    label_w, bar_w, row_h = 110, 460, 26
    legend_y = 5 + len(districts) * row_h + 8
    legend: list[str] = []
    x = 0.0
    for key in keys:
        label = dashboard.stage_label(key)
        legend.append(
            f'<g class="legend"><rect x="{x}" y="{legend_y}" width="12" height="12" '
            f'fill="{dashboard.stage_colour(key)}"/>'
            f'<text x="{x + 16}" y="{legend_y + 11}" font-size="12">{xml_escape(label)}</text></g>'
        )
        x += 24 + _LEGEND_CHAR_PX.get(dashboard.lang, _LEGEND_CHAR_PX["zh"]) * len(label)
    width = max(label_w + bar_w + 60, int(x))
    height = legend_y + 24
    title = word("stage_chart", dashboard.lang)
    out = [
        f'<svg class="chart stage-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {_FONT} font-size="13">',
        f"<title>{xml_escape(title)}</title>",
    ]
    for row, district in enumerate(districts):
        y = 5 + row * row_h
        name = dashboard.district_label(district)
        out.append(
            f'<g class="district" data-district={quoteattr(district.name)} '
            f'data-count="{len(district.filings)}">'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{xml_escape(_shorten(name, 8))}</text>"
        )
        x = float(label_w)
        for key, count in district.stage_counts(keys).items():
            if not count:
                continue
            length = round(bar_w * count / top, 1)
            tip = f"{name} · {dashboard.stage_label(key)}：{count}"
            out.append(
                f'<rect class="segment" x="{x}" y="{y + 3}" width="{length}" '
                f'height="{row_h - 8}" fill="{dashboard.stage_colour(key)}" '
                f"data-district={quoteattr(district.name)} data-stage={quoteattr(key)} "
                f'data-count="{count}"><title>{xml_escape(tip)}</title></rect>'
            )
            if length >= 16:
                colour = "#000" if key in keys[:2] or key == UNKNOWN else "#fff"
                out.append(
                    f'<text x="{x + length / 2}" y="{y + 16}" text-anchor="middle" '
                    f'fill="{colour}" font-size="11">{count}</text>'
                )
            x += length
        out.append(f'<text x="{x + 6}" y="{y + 17}">{len(district.filings)}</text></g>')
    out.extend(legend)
    out.append("</svg>")
    return "".join(out)


def coverage_chart(dashboard: Dashboard) -> str:
    """One bar per district the run covers: the share of its roster units that have filed
    (each bar is the district's whole roster; groups carry data-filed/data-units)."""
    rows = dashboard.coverage
    label_w, bar_w, row_h = 110, 400, 26
    width, height = label_w + bar_w + 120, row_h * len(rows) + 10
    title = word("coverage_chart", dashboard.lang)
    out = [
        f'<svg class="chart coverage-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {_FONT} font-size="13">',
        f"<title>{xml_escape(title)}</title>",
    ]
    for row, coverage in enumerate(rows):
        y = 5 + row * row_h
        total, filed = len(coverage.expected), len(coverage.filed)
        length = round(bar_w * filed / total, 1) if total else 0.0
        count = word("filed_of", dashboard.lang, filed=filed, total=total)
        tip = f"{coverage.district} · {word('filed', dashboard.lang)} {count}"
        colour = "#2e7d32" if total and filed == total else "#2171b5"
        out.append(
            f'<g class="coverage" data-district={quoteattr(coverage.district)} '
            f'data-filed="{filed}" data-units="{total}"><title>{xml_escape(tip)}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{xml_escape(_shorten(coverage.district, 8))}</text>"
            f'<rect class="units" x="{label_w}" y="{y + 3}" width="{bar_w}" '
            f'height="{row_h - 8}" fill="#eeeeee" stroke="#bbbbbb"/>'
            f'<rect class="filed" x="{label_w}" y="{y + 3}" width="{length}" '
            f'height="{row_h - 8}" fill="{colour}"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 17}">{xml_escape(count)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)
