"""Settings for benchmarking only: Mend's own, plus this folder as an app (its seed_bench command)
and the bare view routed beside Mend's pages. Nothing here is in the product or its image."""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench"]  # noqa: F405
ROOT_URLCONF = "tests.bench.urls"
