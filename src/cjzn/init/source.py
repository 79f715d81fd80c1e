"""Where CI and the pre-commit hook of a scaffolded repo install cjzn from.

One pip requirement (`--cjzn-source`), checked to be one printable line, and what
pre-commit makes of it: the installed cjzn, a git repository at a tag, or a local
python hook installing the requirement.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from cjzn import PROJECT_URL, __version__
from cjzn.text import invisible_in

__all__ = ["INSTALLING", "CjznSource", "default_source"]

#: The scaffold's files that install cjzn (they all name the same `CjznSource`).
INSTALLING = (".pre-commit-config.yaml", ".github/workflows/cjzn.yml", ".gitlab-ci.yml")


def default_source(version: str = __version__) -> str:
    """What CI pip-installs by default: this project's repository at the version's tag."""
    return f"git+{PROJECT_URL}@v{version}"


_PEP508_NAME = re.compile(r"cjzn(?:\[[^\]]*\])?\s*@\s*", re.IGNORECASE)


@dataclass(frozen=True)
class CjznSource:
    """One pip requirement that installs cjzn, and what pre-commit makes of it.

    `spec` is what CI runs `pip install` on (`cjzn==0.1.0`,
    `git+https://git.example/cjzn@v0.1.0`, a wheel's path or URL). `explicit`:
    it was given (`--cjzn-source`), so the pre-commit hook installs it too; by
    default the hook runs the installed cjzn (`hook_language` "system"). When it
    is a git URL with a tag or commit (`git+URL@REV`), `repo`/`rev` are that URL
    and REV, so the hook comes from the same repository and tag; otherwise they
    are None and the hook is a local python hook installing `spec`.
    """

    spec: str
    repo: str | None = None
    rev: str | None = None
    explicit: bool = False

    @classmethod
    def parse(cls, spec: str | None = None) -> CjznSource:
        """`spec` (None: `default_source()`); `ValueError` for an empty or multi-line one."""
        text = default_source() if spec is None else spec.strip()
        # not only ASCII controls: YAML also breaks lines at U+2028, U+2029 and NEL, and a
        # bidi override would hide what the generated CI files really install
        if not text or any(not c.isprintable() and c != " " for c in text) or invisible_in(text):
            raise ValueError("empty, or contains a line break, control or invisible character")
        if text.startswith("-"):
            raise ValueError("a requirement, not a pip option")
        repo, rev = _git_repo_and_rev(text)
        return cls(text, repo, rev, explicit=spec is not None)

    @property
    def is_git(self) -> bool:
        """Whether pre-commit can use the hook of `repo` at `rev` (a git URL with a tag)."""
        return self.repo is not None and self.rev is not None

    @property
    def hook_language(self) -> str:
        """How pre-commit gets cjzn: "system" (installed), "git" (`repo`/`rev`), or "python"."""
        if not self.explicit:
            return "system"
        return "git" if self.is_git else "python"

    def installs(self, path: str) -> bool:
        """Whether the scaffold file `path` installs cjzn (the hook does only when explicit)."""
        return path in INSTALLING and (path != ".pre-commit-config.yaml" or self.explicit)

    @property
    def pip_install(self) -> str:
        """The shell command CI runs (double quotes where they suffice: easy to read)."""
        word = self.spec if not re.search(r'["$`\\!]', self.spec) else None
        return (
            f'pip install "{word}"' if word is not None else f"pip install {shlex.quote(self.spec)}"
        )

    def mentioned_in(self, text: str) -> bool:
        """Whether an installing file's text names this source (a kept file may name another)."""
        if self.spec in text:
            return True
        return self.is_git and f"{self.repo}" in text and f"{self.rev}" in text


def _git_repo_and_rev(spec: str) -> tuple[str | None, str | None]:
    """(clone URL, rev) of `git+URL@REV` or `cjzn @ git+URL@REV`, else (None, None).

    Splits like pip: the rev is after the last `@` of the URL's path (a user in
    the host part, `git+ssh://git@host/...`, is not a rev). A `#subdirectory=`
    fragment or a query keeps it local: pre-commit clones a whole repository.
    """
    text = _PEP508_NAME.sub("", spec, count=1) if _PEP508_NAME.match(spec) else spec
    if not text.lower().startswith("git+") or re.search(r"\s", text):
        return None, None
    parts = urlsplit(text[len("git+") :])
    fragment_ok = parts.fragment in ("", "egg=cjzn")
    if not parts.scheme or parts.query or not fragment_ok or "@" not in parts.path:
        return None, None
    path, rev = parts.path.rsplit("@", 1)
    if not rev or not path.strip("/"):
        return None, None
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), rev
