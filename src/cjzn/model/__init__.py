"""The filing format as pydantic models: field types, sections, and errors as diagnostics."""

from cjzn.model.codes import CODES, SUPPORTED_VERSIONS
from cjzn.model.errors import check_document
from cjzn.model.fields import iso_date
from cjzn.model.filing import Contact, Filing

__all__ = ["CODES", "SUPPORTED_VERSIONS", "Contact", "Filing", "check_document", "iso_date"]
