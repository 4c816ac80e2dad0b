"""Arrows point only downward (DESIGN.md §4): an app imports only apps on its own level or below.

Apps above reach the ones below through a signal or a registration the lower app documents (for
example prompts.channels, which reach/ registers with), never by being imported from below.
"""

import ast
from pathlib import Path

from django.conf import settings

LEVELS = {
    "core": 0,
    "accounts": 1,
    "couples": 2,
    # The couple's features, side by side.
    "repair": 3,
    "checkins": 3,
    "journal": 3,
    "measures": 3,
    "steadying": 3,
    "prompts": 4,
    "therapists": 5,
    "reach": 5,
    "privacy": 6,
    "today": 7,
}
# config is the project's wiring (settings, URLs, the Celery app), not an app: any app may use the
# Celery app, and config's URLs name every app's views.


def imported_apps(app: str) -> dict[str, str]:
    """Each other app this one's code imports (migrations aside), with a file that does."""
    found = {}
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in LEVELS and top != app:
                    found.setdefault(top, str(path))
    return found


def test_every_app_has_a_level():
    apps = {
        path.parent.name
        for path in Path(settings.BASE_DIR).glob("*/apps.py")
        if path.parent.name != "config"
    }
    assert apps <= set(LEVELS), apps - set(LEVELS)


def test_no_app_imports_one_above_it():
    upward = [
        f"{app} imports {other} ({where})"
        for app in LEVELS
        for other, where in imported_apps(app).items()
        if LEVELS[other] > LEVELS[app]
    ]
    assert upward == []
