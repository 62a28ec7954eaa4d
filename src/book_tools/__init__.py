"""Tooling for AI Infra Book: languages, gettext catalogs, statistics and Sphinx glue."""

__version__ = "0.1.0"
