"""A strict YAML loader that keeps every value's line and column.

PyYAML's usual `safe_load` silently keeps the last of two duplicate keys, reads
`02164311234` as an octal number and `yes` as a boolean, and gives no
positions. This loader composes nodes (libyaml's C parser when present) with
*no* implicit type resolution, so every scalar stays the exact text the user
wrote, then builds plain Python values while recording where each came from.
The models decide what a value means; the loader never guesses.

Every way a file can be unusable (wrong encoding, binary, merge-conflict
markers, tabs, unknown tags, alias bombs, deep nesting, huge files) becomes one
located `Diagnostic`, never an exception or a hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from cjzn.diagnostics import Diagnostic
from cjzn.messages import CodeInfo, Msg, error

PathKey = tuple[str | int, ...]

#: A filing is about 10 KB; anything this big is not a filing and would only be slow.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Longest single text value; a whole summary fits many times over.
MAX_SCALAR_CHARS = 100_000
#: Deepest nesting a filing needs is 5; libyaml stops at 1000, Python's composer at its stack.
MAX_DEPTH = 50
#: Values built after alias expansion; a filing has a few hundred.
MAX_NODES = 50_000

_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_DEFAULT_TAGS: dict[type, str] = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _ExactTextLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes; with no implicit resolvers every plain scalar is tagged str.

    The composer asks the resolver for the tag of every untagged node (a Python call per
    node, even from libyaml). With no implicit and no path resolvers the answer is always
    the kind's default tag, so these overrides answer directly: same tags, a third less
    compose time. Explicitly tagged nodes never reach `resolve` and keep their tag.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _info(
    code: str, name: str, zh: str, en: str, msg_zh: str, msg_en: str, hint_zh: str, hint_en: str
) -> CodeInfo:
    return error(code, name, Msg(zh, en), Msg(msg_zh, msg_en), Msg(hint_zh, hint_en))


ENCODING = _info(
    "Y001", "encoding",
    "文件不是 UTF-8 编码", "file is not UTF-8",
    "文件不是 UTF-8 编码（看起来是 {encoding}），无法读取",
    "the file is not UTF-8 (it looks like {encoding}) and cannot be read",
    "用记事本或 VS Code 打开，选择“另存为”，编码选 UTF-8 后保存",
    "open it in an editor and save it again with the UTF-8 encoding",
)  # fmt: skip
BINARY = _info(
    "Y002", "binary",
    "文件不是文本", "file is not text",
    "文件含有二进制内容（第 {nul_line} 行有空字符），不是 YAML 文本文件",
    "the file has binary content (a NUL byte on line {nul_line}); it is not a YAML text file",
    "备案文件应是用文本编辑器编写的 .yaml 文件；请检查是否选错了文件",
    "a filing is a .yaml text file written in a text editor; check that this is the right file",
)  # fmt: skip
SYNTAX = _info(
    "Y003", "syntax",
    "YAML 语法错误", "YAML syntax error",
    "YAML 语法错误：{problem}",
    "YAML syntax error: {problem}",
    "检查这一行和上一行：冒号后要有空格，同级的键缩进要对齐，引号要成对",
    "check this line and the one before: a space after each colon, sibling keys aligned, quotes paired",
)  # fmt: skip
DUPLICATE_KEY = _info(
    "Y004", "duplicate-key",
    "重复的键", "duplicate key",
    "键 {key} 重复出现（第一次在第 {first_line} 行）；只会保留一个，另一个的内容会丢失",
    "key {key} appears twice (first on line {first_line}); one of them would be lost",
    "把两处内容合并到一个键下，删除另一个",
    "merge the two values under one key and delete the other",
)  # fmt: skip
CONFLICT = _info(
    "Y005", "merge-conflict",
    "文件中有 git 合并冲突标记", "git merge-conflict markers",
    "文件中有未解决的 git 合并冲突标记 {marker}",
    "the file has an unresolved git merge-conflict marker {marker}",
    "在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删除三行标记后再提交",
    "choose the content to keep between <<<<<<< and >>>>>>>, delete the marker lines, then commit",
)  # fmt: skip
TAB = _info(
    "Y006", "tab-indentation",
    "用了制表符缩进", "tab used for indentation",
    "这一行用了制表符（Tab）缩进，YAML 只允许空格缩进",
    "this line is indented with a tab; YAML allows only spaces for indentation",
    "把行首的 Tab 换成空格（每级两个空格）；编辑器中可设置“用空格代替 Tab”",
    "replace the leading tab with spaces (two per level); editors can insert spaces for tabs",
)  # fmt: skip
TAG = _info(
    "Y007", "unsupported-tag",
    "不支持的 YAML 标签", "unsupported YAML tag",
    "不支持的 YAML 标签 {tag}；备案文件只包含文字、列表和键值",
    "unsupported YAML tag {tag}; a filing holds only text, lists and mappings",
    "删除以 ! 开头的标签，直接写值",
    "delete the tag that starts with ! and write the value itself",
)  # fmt: skip
DEPTH = _info(
    "Y008", "too-deep",
    "嵌套层级过深", "nesting too deep",
    "嵌套层级过深（超过 {limit} 层），不是有效的备案文件",
    "the nesting is too deep (more than {limit} levels); this is not a valid filing",
    "对照 cjzn init 生成的模板检查缩进和括号",
    "compare indentation and brackets with the skeleton from cjzn init",
)  # fmt: skip
ALIASES = _info(
    "Y009", "alias-expansion",
    "锚点与别名展开过多或循环引用", "alias expansion too large or recursive",
    "锚点（&）与别名（*）{problem}",
    "anchors (&) and aliases (*) {problem}",
    "不要使用 & 和 * ，把内容直接写出来",
    "do not use & and *; write the content out",
)  # fmt: skip
TOO_LARGE = _info(
    "Y010", "file-too-large",
    "文件过大", "file too large",
    "文件过大（{size}），备案文件不应超过 {limit}",
    "the file is too large ({size}); a filing should not exceed {limit}",
    "备案文件只写文字；附件、图片等档案材料放在 archive/ 下，用 evidence 列出路径",
    "keep only text in the filing; put archives and images under archive/ and list them as evidence",
)  # fmt: skip
VALUE_TOO_LONG = _info(
    "Y011", "value-too-long",
    "内容过长", "value too long",
    "这一项内容过长（{length} 字），上限 {limit} 字",
    "this value is too long ({length} characters); the limit is {limit}",
    "长篇材料放在 archive/ 下作为档案，在这里写摘要",
    "keep long documents under archive/ as evidence and write a summary here",
)  # fmt: skip
EMPTY = _info(
    "Y012", "empty-file",
    "文件为空", "empty file",
    "文件为空，没有任何备案内容",
    "the file is empty",
    "用 cjzn init 生成备案模板后填写",
    "create a skeleton with cjzn init and fill it in",
)  # fmt: skip
NOT_MAPPING = _info(
    "Y013", "top-level-not-mapping",
    "顶层不是键值结构", "top level is not a mapping",
    "文件顶层应是“键: 值”的结构（cjzn:、round:、unit: …），这里是{kind}",
    "the top level should be a mapping (cjzn:, round:, unit: …), not {kind}",
    "对照 cjzn init 生成的模板，从 cjzn: 1 开始逐项填写",
    "start from cjzn: 1 as in the skeleton from cjzn init",
)  # fmt: skip
MULTI_DOC = _info(
    "Y014", "multiple-documents",
    "一个文件中有多个文档", "more than one document",
    "一个文件只能有一份备案，这里出现了第二个 YAML 文档（---）",
    "a file holds one filing; a second YAML document (---) starts here",
    "每份备案单独存为一个文件，删除多余的 --- 分隔线",
    "save each filing in its own file and remove the extra --- line",
)  # fmt: skip
UNREADABLE = _info(
    "Y015", "unreadable",
    "无法读取文件", "file cannot be read",
    "无法读取文件：{reason}",
    "the file cannot be read: {reason}",
    "检查文件是否存在、是否有读取权限",
    "check that the file exists and is readable",
)  # fmt: skip
COMPLEX_KEY = _info(
    "Y016", "complex-key",
    "键不是文字", "key is not text",
    "键必须是文字，这里是{kind}",
    "a key must be text, not {kind}",
    "检查这一行的冒号和括号",
    "check the colons and brackets on this line",
)  # fmt: skip

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        ENCODING, BINARY, SYNTAX, DUPLICATE_KEY, CONFLICT, TAB, TAG, DEPTH, ALIASES,
        TOO_LARGE, VALUE_TOO_LONG, EMPTY, NOT_MAPPING, MULTI_DOC, UNREADABLE, COMPLEX_KEY,
    )
}  # fmt: skip


@dataclass(slots=True)
class Location:
    """Where a value sits: its key (for mapping entries) and the value itself, 1-based."""

    key_line: int
    key_column: int
    line: int
    column: int
    empty: bool = False  # written as nothing (`mobile:`): point at the key instead


@dataclass
class Document:
    """A parsed filing: plain values plus the location of every path."""

    file: str
    data: dict[str, Any]
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the node at `path`, or of its nearest existing parent."""
        probe = tuple(path)
        while probe:
            location = self.locations.get(probe)
            if location is not None:
                if location.empty or probe != tuple(path):
                    return location.key_line, location.key_column
                return location.line, location.column
            probe = probe[:-1]
        return 1, 1

    def locate_key(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the key of `path` (for unknown and duplicate keys)."""
        location = self.locations.get(tuple(path))
        if location is not None:
            return location.key_line, location.key_column
        return self.locate(path)


def dotted(path: PathKey) -> str:
    """The contract's dotted path: `key_work.1.code`, `basic_work.B3.2`."""
    return ".".join(str(part) for part in path)


class _Stop(Exception):
    """Abandons construction with one diagnostic (depth, aliases)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turns a node graph into plain values, bounded in depth and size."""

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.locations: dict[PathKey, Location] = {}
        self.problems: list[Diagnostic] = []
        self.count = 0
        self.active: set[int] = set()

    def _diag(self, info: CodeInfo, node: yaml.Node, path: PathKey, **params: Any) -> Diagnostic:
        return info.diagnostic(
            lang=self.lang,
            file=self.file,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            path=dotted(path),
            **params,
        )

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        """The plain value of `node`; children's locations are recorded on the way down.

        The hot path: a filing has a few hundred nodes and most are scalars, so scalar
        children are handled inline (no call per scalar) and positions are read once.
        """
        self.count += 1
        if self.count > MAX_NODES:
            raise _Stop(self._diag(ALIASES, node, path, problem=_ALIAS_TOO_MANY.get(self.lang)))
        if depth > MAX_DEPTH:
            raise _Stop(self._diag(DEPTH, node, path, limit=MAX_DEPTH))
        kind = type(node)
        if kind is _SCALAR:
            return self._scalar(cast(yaml.ScalarNode, node), path)
        if node.tag not in _ALLOWED_COLLECTION_TAGS:
            self.problems.append(self._diag(TAG, node, path, tag=node.tag))
            return None
        if id(node) in self.active:
            raise _Stop(self._diag(ALIASES, node, path, problem=_ALIAS_RECURSIVE.get(self.lang)))
        self.active.add(id(node))
        try:
            if kind is _SEQUENCE:
                return self._sequence(node, path, depth)
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> str | None:
        value: str = node.value
        if node.tag != _STR_TAG:
            self.problems.append(self._diag(TAG, node, path, tag=node.tag))
            return None
        if not node.style and value in _NULLS:
            return None
        if len(value) > MAX_SCALAR_CHARS:
            self.problems.append(
                self._diag(VALUE_TOO_LONG, node, path, length=len(value), limit=MAX_SCALAR_CHARS)
            )
            return None
        return value

    def _leaf(self, node: yaml.ScalarNode, path: PathKey, depth: int) -> str | None:
        """A scalar child: the same checks as `build` without its dispatch."""
        self.count += 1
        if self.count > MAX_NODES:
            raise _Stop(self._diag(ALIASES, node, path, problem=_ALIAS_TOO_MANY.get(self.lang)))
        if depth > MAX_DEPTH:
            raise _Stop(self._diag(DEPTH, node, path, limit=MAX_DEPTH))
        return self._scalar(node, path)

    def _sequence(self, node: yaml.Node, path: PathKey, depth: int) -> list[Any]:
        items: list[Any] = []
        locations = self.locations
        depth += 1
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            mark = child.start_mark
            line, column = mark.line + 1, mark.column + 1
            if type(child) is _SCALAR:
                empty = not child.style and child.value == ""
                locations[child_path] = Location(line, column, line, column, empty)
                items.append(self._leaf(child, child_path, depth))
            else:
                locations[child_path] = Location(line, column, line, column, False)
                items.append(self.build(child, child_path, depth))
        return items

    def _mapping(self, node: yaml.Node, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        locations = self.locations
        depth += 1
        for key_node, value_node in node.value:
            if type(key_node) is not _SCALAR or key_node.tag != _STR_TAG:
                kind = _KIND_NAMES["list" if type(key_node) is _SEQUENCE else "map"]
                self.problems.append(
                    self._diag(COMPLEX_KEY, key_node, path, kind=kind.get(self.lang))
                )
                continue
            key: str = key_node.value
            child_path = (*path, key)
            key_mark = key_node.start_mark
            if key in first_lines:
                self.problems.append(
                    self._diag(
                        DUPLICATE_KEY, key_node, child_path, key=key, first_line=first_lines[key]
                    )
                )
                continue
            first_lines[key] = key_mark.line + 1
            mark = value_node.start_mark
            if type(value_node) is _SCALAR:
                empty = not value_node.style and value_node.value == ""
                locations[child_path] = Location(
                    key_mark.line + 1, key_mark.column + 1, mark.line + 1, mark.column + 1, empty
                )
                result[key] = self._leaf(value_node, child_path, depth)
            else:
                locations[child_path] = Location(
                    key_mark.line + 1, key_mark.column + 1, mark.line + 1, mark.column + 1, False
                )
                result[key] = self.build(value_node, child_path, depth)
        return result


_SCALAR = yaml.ScalarNode
_SEQUENCE = yaml.SequenceNode

_ALIAS_TOO_MANY = Msg(
    f"展开后内容过多（超过 {MAX_NODES} 项），可能是“别名炸弹”",
    f"expand to too many values (more than {MAX_NODES}): an alias bomb",
)
_ALIAS_RECURSIVE = Msg("形成了循环引用", "refer to themselves")
_KIND_NAMES = {
    "list": Msg("列表", "a list"),
    "map": Msg("键值结构", "a mapping"),
    "text": Msg("一段文字", "text"),
}


def _mark_diag(
    info: CodeInfo, file: str, lang: str, line: int, column: int, **params: Any
) -> Diagnostic:
    return info.diagnostic(lang=lang, file=file, line=line, column=column, path="", **params)


def _format_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def decode(data: bytes, file: str, lang: str = "zh") -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (with or without BOM) text, or the one diagnostic that says why not."""
    for bom, name in ((b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            return None, _mark_diag(ENCODING, file, lang, 1, 1, encoding=name)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data[:nul])
        return None, _mark_diag(BINARY, file, lang, line, column, nul_line=line)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line, column = _position(exc.object[: exc.start])  # utf-8-sig: after the BOM
        encoding = _guess_encoding(data) or _UNKNOWN_ENCODING.get(lang)
        return None, _mark_diag(ENCODING, file, lang, line, column, encoding=encoding)


#: Line breaks as YAML (1.1, libyaml) counts them, so every position agrees with the parser's.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _position(prefix: bytes) -> tuple[int, int]:
    """1-based line and column just after `prefix` (the bytes before the fault)."""
    text = prefix.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = _LINE_BREAK.split(text)
    return len(lines), len(lines[-1]) + 1


_UNKNOWN_ENCODING = Msg("其他编码", "another encoding")


def _guess_encoding(data: bytes) -> str | None:
    """Name the usual suspects on Chinese Windows so the hint can be specific."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if any("\u4e00" <= char <= "\u9fff" for char in text):
            return "GBK/GB18030"
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return None
    return "Big5"


def load_path(
    path: Path, display: str | None = None, lang: str = "zh"
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one filing from disk."""
    file = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                _mark_diag(
                    TOO_LARGE, file, lang, 1, 1,
                    size=_format_size(size), limit=_format_size(MAX_FILE_BYTES),
                )
            ]  # fmt: skip
        data = path.read_bytes()
    except OSError as exc:
        return None, [_mark_diag(UNREADABLE, file, lang, 1, 1, reason=exc.strerror or str(exc))]
    return load_bytes(data, file, lang)


def load_bytes(
    data: bytes, file: str, lang: str = "zh"
) -> tuple[Document | None, list[Diagnostic]]:
    if len(data) > MAX_FILE_BYTES:
        size, limit = _format_size(len(data)), _format_size(MAX_FILE_BYTES)
        return None, [_mark_diag(TOO_LARGE, file, lang, 1, 1, size=size, limit=limit)]
    text, problem = decode(data, file, lang)
    if text is None:
        assert problem is not None
        return None, [problem]
    return load_text(text, file, lang)


def load_text(text: str, file: str, lang: str = "zh") -> tuple[Document | None, list[Diagnostic]]:
    """Parse YAML text into a `Document`; problems come back as diagnostics."""
    marker = _CONFLICT_MARKER.search(text)
    if marker and re.search(r"^(<{7}|>{7})", text, re.MULTILINE):
        line = text.count("\n", 0, marker.start()) + 1
        return None, [_mark_diag(CONFLICT, file, lang, line, 1, marker=marker.group(0).strip())]
    try:
        root = yaml.compose(text, Loader=_ExactTextLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, text, file, lang)]
    except yaml.YAMLError as exc:  # unmarked errors are rare; still a diagnostic
        return None, [_mark_diag(SYNTAX, file, lang, 1, 1, problem=str(exc))]
    except RecursionError:
        return None, [_mark_diag(DEPTH, file, lang, 1, 1, limit=MAX_DEPTH)]
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and root.value == ""):
        return None, [_mark_diag(EMPTY, file, lang, 1, 1)]
    if not isinstance(root, yaml.MappingNode) or root.tag not in _ALLOWED_COLLECTION_TAGS:
        kind = _KIND_NAMES["list" if isinstance(root, yaml.SequenceNode) else "text"]
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        return None, [_mark_diag(NOT_MAPPING, file, lang, line, column, kind=kind.get(lang))]
    builder = _Builder(file, lang)
    try:
        data = builder.build(root, (), 0)
    except _Stop as stop:
        return None, [stop.diagnostic]
    except RecursionError:
        return None, [_mark_diag(DEPTH, file, lang, 1, 1, limit=MAX_DEPTH)]
    return Document(file=file, data=data, locations=builder.locations), builder.problems


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, file: str, lang: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        return _mark_diag(DEPTH, file, lang, line, column, limit=MAX_DEPTH)
    if "expected a single document" in (exc.context or "") or "single document" in problem:
        return _mark_diag(MULTI_DOC, file, lang, line, column)
    lines = text.splitlines()
    for candidate in (line, line - 1):
        if 1 <= candidate <= len(lines):
            content = lines[candidate - 1]
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                return _mark_diag(TAB, file, lang, candidate, indent.index("\t") + 1)
    return _mark_diag(SYNTAX, file, lang, line, column, problem=_explain(problem, lang))


#: PyYAML's most common complaints, said in the office's words (first match wins).
_PROBLEMS: tuple[tuple[str, Msg], ...] = (
    (
        "mapping values are not allowed",
        Msg(
            "这里不能再出现“键: 值”：值里有冒号时请给整个值加引号，或检查缩进",
            "a colon here starts a new key: quote the value or fix the indentation",
        ),
    ),
    (
        "could not find expected ':'",
        Msg("缺少冒号“:”（键和值之间要有冒号和空格）", "a colon is missing between key and value"),
    ),
    (
        "did not find expected key",
        Msg("这一行的缩进与同级的键不对齐", "this line is not aligned with its sibling keys"),
    ),
    (
        "did not find expected ',' or ']'",
        Msg(
            "方括号 [ ] 中的列表没有正确结束：缺少逗号或右方括号",
            "a [ ] list is not closed: a comma or ] is missing",
        ),
    ),
    (
        "did not find expected ',' or '}'",
        Msg(
            "花括号 { } 没有正确结束：缺少逗号或右花括号",
            "a { } mapping is not closed: a comma or } is missing",
        ),
    ),
    (
        "found unexpected end of stream",
        Msg(
            "文件意外结束：引号或括号没有闭合",
            "the file ends early: a quote or bracket is not closed",
        ),
    ),
    ("found undefined alias", Msg("用了未定义的别名 *", "an alias * refers to no anchor")),
    (
        "found unknown escape character",
        Msg(
            "双引号里有无效的转义符 \\：改用单引号，或写成 \\\\",
            "an invalid \\ escape inside double quotes: use single quotes",
        ),
    ),
    (
        "expected <block end>",
        Msg(
            "缩进不对齐：同级的键要从同一列开始",
            "the indentation is off: sibling keys must start in the same column",
        ),
    ),
    (
        "cannot start any token",
        Msg(
            "值不能以这个字符开头（如 @ ` %）：请给值加引号",
            "a value cannot start with this character (@ ` %): quote it",
        ),
    ),
    (
        "expected a comment or a line break",
        Msg("引号结束后这一行还有多余的内容", "there is more on the line after the closing quote"),
    ),
)


def _explain(problem: str, lang: str) -> str:
    """A PyYAML problem in the user's language; the original text when it is not a common one."""
    for fragment, message in _PROBLEMS:
        if fragment in problem:
            return message.get(lang)
    return problem
