"""What `cjzn status` keeps of each filing in a large run: its facts and one output's parts.

Digests for `collect_status` (they run where each filing is checked, in a worker
process, before its document, model and timeline are dropped): `table_facts` for
the text table, `json_facts` for the JSON document. Module-level functions, so a
`functools.partial` of one can be sent to a worker.
"""

from __future__ import annotations

import dataclasses

from cjzn.check import FileResult
from cjzn.status.collect import StatusFacts, facts_of
from cjzn.status.json_doc import timeline_json
from cjzn.status.text import timeline_cells

__all__ = ["json_facts", "table_facts"]


def table_facts(result: FileResult, lang: str) -> StatusFacts:
    """The facts and the text table's timeline cells of one filing."""
    return dataclasses.replace(facts_of(result), cells=timeline_cells(result, lang))


def json_facts(result: FileResult, lang: str) -> StatusFacts:
    """The facts and the JSON's timeline part of one filing."""
    return dataclasses.replace(facts_of(result), core=timeline_json(result, lang))
