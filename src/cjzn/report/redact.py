"""A dashboard gets forwarded: contact names, phones, e-mail, addresses, postcodes and
signers are left out of everything it shows (messages too) unless asked for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cjzn.guide import Catalog
from cjzn.guide.labels import describe
from cjzn.i18n import Msg
from cjzn.load.walk import text_at
from cjzn.model.filing import Contact, Leader
from cjzn.rules import ALL_CODES

__all__ = [
    "CONTACT_PATHS",
    "REDACTED",
    "SENSITIVE_PATHS",
    "Redactor",
    "contact_texts",
    "sensitive_values",
]

#: The people in charge and how to reach them, as `--include-contacts` shows them (in this order):
#: the contract's leader and contact keys (the model's fields) and the two signers.
CONTACT_PATHS: tuple[tuple[str, ...], ...] = (
    *(("leader", key) for key in Leader.model_fields),
    *(("contact", key) for key in Contact.model_fields),
    ("submission", "signed_by"),
    ("reviews", "district", "signed_by"),
)
#: Job titles say nothing about a person; every other contact field is left out of a forwarded dashboard.
_JOB_TITLES = frozenset({("leader", "title"), ("contact", "title")})
SENSITIVE_PATHS = tuple(path for path in CONTACT_PATHS if path not in _JOB_TITLES)
REDACTED = "***"
_HIDDEN = Msg("（内容已隐去）", "(value left out)")
_COLON = Msg("：", ": ")


def sensitive_values(data: Any) -> list[str]:
    """The filing's contact texts as written, plus the shortened form messages quote them in."""
    values: set[str] = set()
    for path in SENSITIVE_PATHS:
        text = text_at(data, path)
        if len(text) < 2:
            continue
        values.add(text)
        if len(text) > 40:
            values.add(text[:37])  # cjzn.messages.quote shortens long values like this
    return sorted(values, key=len, reverse=True)


def _is_sensitive(path: str) -> bool:
    return any(path == ".".join(p) or path.startswith(".".join(p) + ".") for p in SENSITIVE_PATHS)


class Redactor:
    """Removes one filing's contact details from every text the dashboard shows."""

    def __init__(
        self, data: Any, catalog: Catalog, lang: str, active: bool, extra: Iterable[str] = ()
    ) -> None:
        """`extra`: more names to leave out (the signers of the filing's review files)."""
        found = {*sensitive_values(data), *(e.strip() for e in extra if len(e.strip()) >= 2)}
        self.values = sorted(found, key=len, reverse=True) if active else []
        self.catalog = catalog
        self.lang = lang
        self.active = active

    def text(self, value: str) -> str:
        for secret in self.values:
            value = value.replace(secret, REDACTED)
        return value

    def message(self, path: str, code: str, message: str) -> str:
        """A message about a contact field says what is wrong, not what was written."""
        if not self.active:
            return message
        if _is_sensitive(path):
            parts = tuple(int(p) if p.isdecimal() else p for p in path.split("."))
            label = describe(parts, self.catalog, self.lang)
            info = ALL_CODES.get(code)
            summary = info.summary.get(self.lang) if info is not None else code
            hidden = _HIDDEN.get(self.lang)
            return f"{label}{_COLON.get(self.lang)}{summary} {hidden}".strip()
        return self.text(message)


def contact_texts(data: Any) -> dict[str, str]:
    return {".".join(path): text_at(data, path) for path in CONTACT_PATHS}
