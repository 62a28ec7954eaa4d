"""Tests of the landscape_directive Sphinx extension."""
