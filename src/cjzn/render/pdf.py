"""PDF output: the HTML form printed by WeasyPrint (the optional extra `cjzn[pdf]`).

Never a PDF of empty boxes: without WeasyPrint, its system libraries or a
Chinese font, rendering stops with a message that says what to install.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
from typing import Any

from cjzn.errors import RenderError

__all__ = ["check_pdf_support", "html_to_pdf"]


def check_pdf_support() -> None:
    """Raise `RenderError` unless WeasyPrint and a Chinese font are here (never a PDF of empty boxes)."""
    try:
        importlib.import_module("weasyprint")
    except ImportError:
        raise RenderError(
            "生成 PDF 需要可选组件 WeasyPrint：pip install 'cjzn[pdf]'；"
            "也可以先生成 HTML，在浏览器中“打印 → 另存为 PDF”。"
            " / PDF output needs the optional extra: pip install 'cjzn[pdf]' "
            "(or render HTML and print it to PDF from a browser)."
        ) from None
    except OSError as exc:  # the Python package is there, its system libraries (Pango) are not
        raise RenderError(
            f"WeasyPrint 无法加载系统库（{exc}），请按 WeasyPrint 文档安装 Pango。"
            f" / WeasyPrint cannot load its system libraries ({exc}); install Pango."
        ) from None
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig tool to ask (Windows, macOS): WeasyPrint finds system fonts itself
    try:
        fonts = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    if not fonts.strip():
        raise RenderError(
            "没有找到中文字体，生成的 PDF 将无法显示汉字。请安装中文字体，例如 "
            "Debian/Ubuntu：apt-get install fonts-noto-cjk。"
            " / No Chinese (CJK) font found, the PDF would show empty boxes; "
            "install one, e.g. apt-get install fonts-noto-cjk."
        )


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML page (WeasyPrint is imported only here, when a PDF is asked for)."""
    check_pdf_support()
    weasyprint: Any = importlib.import_module("weasyprint")
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
