"""The loader's diagnostic codes (family Y): why a file cannot be read as a filing."""

from __future__ import annotations

from cjzn.diagnostics import HEADER, CodeInfo, Example, error
from cjzn.i18n import Msg
from cjzn.load.slip_codes import SLIP_CODES

__all__ = [
    "CODES",
    "MAX_CONTROL_REPORTS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_SCALAR_CHARS",
]

#: A filing is about 10 KB; anything this big is not a filing and would only be slow.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Longest single text value; a whole summary fits many times over.
MAX_SCALAR_CHARS = 100_000
#: Deepest nesting a filing needs is 5; libyaml stops at 1000, Python's composer at its stack.
MAX_DEPTH = 50
#: Values built after alias expansion; a filing has a few hundred.
MAX_NODES = 50_000
#: Control characters listed one by one (the rest of the file is still checked).
MAX_CONTROL_REPORTS = 20

_HEADER = HEADER
_UNIT = "unit:\n  name: 天平路街道\n"
_CLEAN = Example(_UNIT)


def _whole(text: str | bytes) -> Example:
    return Example(text, whole=True)


ENCODING = error(
    "Y001", "encoding",
    Msg("文件不是 UTF-8 编码", "file is not UTF-8"),
    Msg("文件不是 UTF-8 编码（看起来是 {encoding}），无法读取", "the file is not UTF-8 (it looks like {encoding}) and cannot be read"),
    Msg("用记事本或 VS Code 打开，选择“另存为”，编码选 UTF-8 后保存", "open it in an editor and save it again with the UTF-8 encoding"),
    passing=(_whole((_HEADER + _UNIT).encode("utf-8")), _whole(b"\xef\xbb\xbf" + _HEADER.encode())),
    failing=(_whole((_HEADER + _UNIT).encode("gb18030")),),
)  # fmt: skip
BINARY = error(
    "Y002", "binary",
    Msg("文件不是文本", "file is not text"),
    Msg("文件含有二进制内容（第 {nul_line} 行有空字符），不是 YAML 文本文件", "the file has binary content (a NUL byte on line {nul_line}); it is not a YAML text file"),
    Msg("备案文件应是用文本编辑器编写的 .yaml 文件；请检查是否选错了文件", "a filing is a .yaml text file written in a text editor; check that this is the right file"),
    passing=(_CLEAN,), failing=(_whole(b"cjzn: 1\n\x00\x01\x02"),),
)  # fmt: skip
SYNTAX = error(
    "Y003", "syntax",
    Msg("YAML 语法错误", "YAML syntax error"),
    Msg("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    Msg("检查这一行和上一行：冒号后要有空格，同级的键缩进要对齐，引号要成对", "check this line and the one before: a space after each colon, sibling keys aligned, quotes paired"),
    passing=(_CLEAN,), failing=(Example("unit:\n  name: [天平路街道\n"),),
)  # fmt: skip
DUPLICATE_KEY = error(
    "Y004", "duplicate-key",
    Msg("重复的键", "duplicate key"),
    Msg("键 {key} 重复出现（第一次在第 {first_line} 行）；只会保留一个，另一个的内容会丢失", "key {key} appears twice (first on line {first_line}); one of them would be lost"),
    Msg("把两处内容合并到一个键下，删除另一个", "merge the two values under one key and delete the other"),
    passing=(_CLEAN,), failing=(Example("unit:\n  name: 天平路街道\n  name: 湖南路街道\n"),),
)  # fmt: skip
CONFLICT = error(
    "Y005", "merge-conflict",
    Msg("文件中有 git 合并冲突标记", "git merge-conflict markers"),
    Msg("文件中有未解决的 git 合并冲突标记 {marker}", "the file has an unresolved git merge-conflict marker {marker}"),
    Msg("在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删除三行标记后再提交", "choose the content to keep between <<<<<<< and >>>>>>>, delete the marker lines, then commit"),
    passing=(Example("unit:\n  name: '<<<<<<< 不是标记'\n"),),
    failing=(_whole(_HEADER + "<<<<<<< HEAD\n" + _UNIT + "=======\nunit:\n  name: 湖南路街道\n>>>>>>> main\n"),),
)  # fmt: skip
TAB = error(
    "Y006", "tab-indentation",
    Msg("用了制表符缩进", "tab used for indentation"),
    Msg("这一行用了制表符（Tab）缩进，YAML 只允许空格缩进", "this line is indented with a tab; YAML allows only spaces for indentation"),
    Msg("把行首的 Tab 换成空格（每级两个空格）；编辑器中可设置“用空格代替 Tab”", "replace the leading tab with spaces (two per level); editors can insert spaces for tabs"),
    passing=(_CLEAN,), failing=(Example("unit:\n\tname: 天平路街道\n"),),
)  # fmt: skip
TAG = error(
    "Y007", "unsupported-tag",
    Msg("不支持的 YAML 标签", "unsupported YAML tag"),
    Msg("不支持的 YAML 标签 {tag}；备案文件只包含文字、列表和键值", "unsupported YAML tag {tag}; a filing holds only text, lists and mappings"),
    Msg("删除以 ! 开头的标签，直接写值", "delete the tag that starts with ! and write the value itself"),
    passing=(Example("unit:\n  name: !!str 天平路街道\n"),),
    failing=(Example("unit:\n  name: !!python/name:os.system 天平路街道\n"),),
)  # fmt: skip
DEPTH = error(
    "Y008", "too-deep",
    Msg("嵌套层级过深", "nesting too deep"),
    Msg("嵌套层级过深（超过 {limit} 层），不是有效的备案文件", "the nesting is too deep (more than {limit} levels); this is not a valid filing"),
    Msg("对照 cjzn init 生成的模板检查缩进和括号", "compare indentation and brackets with the skeleton from cjzn init"),
    passing=(_CLEAN,), failing=(Example("plan:\n  mechanisms: " + "[" * 60 + "]" * 60 + "\n"),),
)  # fmt: skip
ALIASES = error(
    "Y009", "alias-expansion",
    Msg("锚点与别名展开过多或循环引用", "alias expansion too large or recursive"),
    Msg("锚点（&）与别名（*）{problem}", "anchors (&) and aliases (*) {problem}"),
    Msg("不要使用 & 和 * ，把内容直接写出来", "do not use & and *; write the content out"),
    passing=(Example("leader:\n  name: &who 李国强\ncontact:\n  name: *who\n"),),
    failing=(Example("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                     "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"),),
)  # fmt: skip
TOO_LARGE = error(
    "Y010", "file-too-large",
    Msg("文件过大", "file too large"),
    Msg("文件过大（{size}），备案文件不应超过 {limit}", "the file is too large ({size}); a filing should not exceed {limit}"),
    Msg("备案文件只写文字；附件、图片等档案材料放在 archive/ 下，用 evidence 列出路径", "keep only text in the filing; put archives and images under archive/ and list them as evidence"),
    passing=(_CLEAN,), failing=(Example(lambda: "#" * MAX_FILE_BYTES),),
)  # fmt: skip
VALUE_TOO_LONG = error(
    "Y011", "value-too-long",
    Msg("内容过长", "value too long"),
    Msg("这一项内容过长（{length} 字），上限 {limit} 字", "this value is too long ({length} characters); the limit is {limit}"),
    Msg("长篇材料放在 archive/ 下作为档案，在这里写摘要", "keep long documents under archive/ as evidence and write a summary here"),
    passing=(_CLEAN,), failing=(Example(lambda: "summary:\n  text: " + "字" * (MAX_SCALAR_CHARS + 1) + "\n"),),
)  # fmt: skip
EMPTY = error(
    "Y012", "empty-file",
    Msg("文件为空", "empty file"),
    Msg("文件为空，没有任何备案内容", "the file is empty"),
    Msg("用 cjzn init 生成备案模板后填写", "create a skeleton with cjzn init and fill it in"),
    passing=(_CLEAN,), failing=(_whole(""), _whole("# 只有注释\n")),
)  # fmt: skip
NOT_MAPPING = error(
    "Y013", "top-level-not-mapping",
    Msg("顶层不是键值结构", "top level is not a mapping"),
    Msg("文件顶层应是“键: 值”的结构（cjzn:、round:、unit: …），这里是{kind}", "the top level should be a mapping (cjzn:, round:, unit: …), not {kind}"),
    Msg("对照 cjzn init 生成的模板，从 cjzn: 1 开始逐项填写", "start from cjzn: 1 as in the skeleton from cjzn init"),
    passing=(_CLEAN,), failing=(_whole("- cjzn: 1\n- round: 2013-2014\n"),),
)  # fmt: skip
MULTI_DOC = error(
    "Y014", "multiple-documents",
    Msg("一个文件中有多个文档", "more than one document"),
    Msg("一个文件只能有一份备案，这里出现了第二个 YAML 文档（---）", "a file holds one filing; a second YAML document (---) starts here"),
    Msg("每份备案单独存为一个文件，删除多余的 --- 分隔线", "save each filing in its own file and remove the extra --- line"),
    passing=(_whole("---\n" + _HEADER),), failing=(_whole(_HEADER + "---\n" + _HEADER),),
)  # fmt: skip
UNREADABLE = error(
    "Y015", "unreadable",
    Msg("无法读取文件", "file cannot be read"),
    Msg("无法读取文件：{reason}", "the file cannot be read: {reason}"),
    Msg("检查文件是否存在、是否有读取权限；备案文件应是普通的 .yaml 文本文件", "check that the file exists and is readable; a filing is a regular .yaml text file"),
    passing=(_CLEAN,), failing=(Example("", whole=True, files=(("filing.yaml/", ""),)),),
)  # fmt: skip
COMPLEX_KEY = error(
    "Y016", "complex-key",
    Msg("键不是文字", "key is not text"),
    Msg("键必须是文字，这里是{kind}", "a key must be text, not {kind}"),
    Msg("检查这一行的冒号和括号", "check the colons and brackets on this line"),
    passing=(_CLEAN,), failing=(Example("? [unit, name]\n: 天平路街道\n"),),
)  # fmt: skip
CONTROL_CHARACTER = error(
    "Y030", "control-character",
    Msg("文件中有控制字符", "control character in the file"),
    Msg("这里有一个看不见的{name} {char}，YAML 文件中不能有这个字符", "there is an invisible {name} {char} here; a YAML file cannot hold it"),
    Msg("删除它（常见于从网页、Word 或聊天软件复制来的文字）；编辑器中它可能显示为空白、方框或根本看不见", "delete it (it often comes with text copied from a web page, Word or a chat); editors may show it as a blank, a box or nothing at all"),
    passing=(_CLEAN,), failing=(Example("unit:\n  name: 天平\x1b[31m路街道\n"), Example("unit:\n  name: 天平路\x0c街道\n")),
)  # fmt: skip
TOO_MANY_VALUES = error(
    "Y031", "too-many-values",
    Msg("内容项过多", "too many values"),
    Msg("文件中的内容项过多（超过 {limit} 项），不是有效的备案文件", "the file holds too many values (more than {limit}); it is not a valid filing"),
    Msg("备案文件只写文字；很长的名单、表格放在 archive/ 下作为存档材料，在这里写摘要", "keep only the filing's text here; put long lists and tables under archive/ as evidence and summarise them"),
    passing=(_CLEAN,), failing=(Example(lambda: "plan:\n  mechanisms: [" + ",".join(["x"] * (MAX_NODES + 1)) + "]\n"),),
)  # fmt: skip

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        ENCODING, BINARY, SYNTAX, DUPLICATE_KEY, CONFLICT, TAB, TAG, DEPTH, ALIASES,
        TOO_LARGE, VALUE_TOO_LONG, EMPTY, NOT_MAPPING, MULTI_DOC, UNREADABLE, COMPLEX_KEY,
        CONTROL_CHARACTER, TOO_MANY_VALUES,
    )
} | SLIP_CODES  # fmt: skip
