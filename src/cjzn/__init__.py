"""cjzn: filings for the Shanghai community-education demonstration street/town programme."""

__version__ = "0.1.0"
