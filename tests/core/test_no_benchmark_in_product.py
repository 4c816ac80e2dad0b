"""Benchmark code lives in tests/bench/ and is installed only by its own settings."""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, resolve


def test_the_product_routes_no_bare_view_and_has_no_benchmark_command():
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")
    assert not hasattr(settings, "BENCHMARK")
    assert not apps.is_installed("tests.bench")


def test_the_benchmark_settings_add_them():
    from tests.bench import urls as bench_urls

    assert resolve("/bench/bare/", urlconf=bench_urls).url_name == "bench_bare"
    assert resolve("/", urlconf=bench_urls).url_name == "home"
