"""The operator's path: an image without secrets, a compose stack that starts in order and healthy.

No Docker daemon runs in CI, so the image is checked through what decides its contents: the build
context that .dockerignore leaves, and the Dockerfile's stages. The compose file is read as compose
reads it (YAML with its merge keys).
"""

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


# -- the build context ---------------------------------------------------------------------------


def _dockerignore_rules() -> list[tuple[bool, str]]:
    """(excluded?, pattern) in file order, as Docker reads them: the last matching rule wins."""
    rules = []
    for line in (BASE_DIR / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        rules.append((not negated, line.lstrip("!").rstrip("/")))
    return rules


def _matches(pattern: str, path: str) -> bool:
    """Docker's matching for the patterns we use: a pattern matches a path or any folder above it;
    `**/` matches any number of folders."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if pattern.startswith("**/"):
        tail = pattern[3:]
        return any(fnmatch.fnmatchcase(part, tail) for part in parts)
    return any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes)


def in_build_context(path: str) -> bool:
    included = True
    for excluded, pattern in _dockerignore_rules():
        if _matches(pattern, path):
            included = not excluded
    return included


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        "var/mend.sqlite3",
        "var/mail/0001.eml",
        ".venv/bin/python",
        ".tools/bin/uv",
        ".git/config",
        "tests/conftest.py",
        "staticfiles/manifest.json",
        "core/__pycache__/crypto.cpython-312.pyc",
    ],
)
def test_r42_secrets_local_data_and_environments_stay_out_of_the_image(path):
    assert not in_build_context(path)


def test_r42_every_app_and_what_the_image_runs_is_in_the_build_context():
    local_apps = [
        Path(app.path)
        for app in apps.get_app_configs()
        if Path(app.path).parent == BASE_DIR  # Mend's own apps, not installed packages
    ]
    assert len(local_apps) >= 8
    needed = [str(app.relative_to(BASE_DIR) / "apps.py") for app in local_apps] + [
        "manage.py",
        "pyproject.toml",
        "uv.lock",
        ".python-version",
        "config/settings.py",
        "static/js/mend.js",
        "templates/base.html",
    ]
    missing = [path for path in needed if not in_build_context(path)]
    assert not missing, f"add these to .dockerignore's allow-list: {missing}"


def test_r42_the_image_has_two_stages_a_pinned_uv_no_dev_tools_and_a_non_root_user():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)[1:]
    assert len(stages) == 2, "a build stage and a runtime stage"
    build, runtime = stages
    assert re.search(r"uv==\d+\.\d+\.\d+", build), "uv is pinned"
    assert "--no-dev" in build
    assert "uv" not in re.sub(r"#.*", "", runtime.split("\n", 1)[1]).replace(
        "UV_", ""
    ), "the runtime stage neither installs nor calls uv"
    assert re.search(r"^USER mend$", runtime, flags=re.MULTILINE)
    assert re.search(r"^HEALTHCHECK .*config\.healthcheck", runtime, re.M | re.S)
    for stage in stages:
        image = stage.split()[0]
        assert re.fullmatch(r"python:3\.12\.\d+-slim-\w+", image), image


def test_the_runtime_dependencies_leave_out_the_development_process_manager():
    with open(BASE_DIR / "pyproject.toml", "rb") as file:
        import tomllib

        project = tomllib.load(file)
    runtime = " ".join(project["project"]["dependencies"])
    assert "honcho" not in runtime
    assert any("honcho" in dep for dep in project["dependency-groups"]["dev"])


# -- the compose stack ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_r42_a_one_shot_migrate_service_runs_before_web_worker_and_beat(compose):
    services = compose["services"]
    assert "migrate" in services["migrate"]["command"]
    assert "load_content" in services["migrate"]["command"]
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert "migrate" not in services[name]["command"], name
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_r42_every_image_is_pinned_to_a_version(compose):
    for name, service in compose["services"].items():
        if "build" in service:
            continue
        image = service["image"]
        name_and_tag = image.rsplit(":", 1)
        assert len(name_and_tag) == 2, f"{name}: {image} has no tag"
        assert re.search(r"\d+\.\d+", name_and_tag[1]), f"{name}: {image} is not pinned"


def test_beat_is_checked_alive_not_for_a_file(compose):
    beat = compose["services"]["beat"]
    check = " ".join(beat["healthcheck"]["test"])
    assert "config.healthcheck beat" in check
    assert "test -f" not in check
    assert "config.beat:HeartbeatScheduler" in beat["command"]


def test_mail_needs_a_real_server_and_the_catch_all_is_opt_in(compose):
    environment = compose["x-app"]["environment"]
    assert environment["EMAIL_HOST"].startswith("${EMAIL_HOST:?")
    assert compose["services"]["mailpit"]["profiles"] == ["try-mail"]
    example = dict(
        line.split("=", 1)
        for line in (BASE_DIR / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert example["EMAIL_HOST"] != "mailpit"
    assert "mend" not in example["DEFAULT_FROM_EMAIL"].lower()


# -- settings the stack relies on ----------------------------------------------------------------


def test_without_debug_a_missing_site_url_stops_start_up():
    from tests.security.production import production_env

    env = production_env()
    del env["SITE_URL"]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
