"""Strict YAML -> a located `Document` (filings and round catalogs alike), and its Y codes."""

from cjzn.load.codes import CODES, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_SCALAR_CHARS
from cjzn.load.document import Document, Location, PathKey, dotted
from cjzn.load.parse import Loaded, load_bytes, load_path, load_text
from cjzn.load.read import decode

__all__ = [
    "CODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_SCALAR_CHARS",
    "Document",
    "Loaded",
    "Location",
    "PathKey",
    "decode",
    "dotted",
    "load_bytes",
    "load_path",
    "load_text",
]
