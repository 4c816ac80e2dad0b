"""Reading settings from the environment: a missing required value stops start-up."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_environ = os.environ


def env_str(name: str, default: str | None = None) -> str:
    value = _environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    return _environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip() for item in _environ.get(name, default).split(",") if item.strip()
    ]


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DEBUG = env_bool("DEBUG")
