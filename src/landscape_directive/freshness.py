"""Which entries are due for a new check: ``last_checked`` older than a number of days."""

from __future__ import annotations

import datetime as dt

from .model import Landscape, Project


def stale(landscape: Landscape, days: int, today: dt.date) -> list[Project]:
    """Projects last checked more than ``days`` days before ``today``, in file order.

    An entry checked exactly ``days`` days ago is still fresh; one checked after ``today`` (a
    clock or typing error) is not reported here.
    """
    return [p for p in landscape.projects if (today - p.last_checked).days > days]


def describe(project: Project, path: str, today: dt.date) -> str:
    """``file:line: name: last checked YYYY-MM-DD (N days ago)``."""
    age = (today - project.last_checked).days
    line = project.line_of("last_checked")
    return f"{path}:{line}: {project.name}: last checked {project.last_checked} ({age} days ago)"
