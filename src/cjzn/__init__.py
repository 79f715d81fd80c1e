"""cjzn: filings for the Shanghai community-education demonstration street/town programme."""

__version__ = "0.1.0"

#: The project's home: the pre-commit hook repo, the SARIF tool URI, the published schema.
PROJECT_URL = "https://github.com/cjzn/cjzn"
