# Two stages: the build stage resolves dependencies with a pinned uv; the runtime stage gets the
# finished virtual environment and the code, and nothing else (no uv, no pip caches, no dev tools).
# The build context is an allow-list (.dockerignore): no .env, var/ or .venv can reach the image.

FROM python:3.12.8-slim-bookworm AS build
ENV UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# collectstatic needs settings but no secrets of value.
RUN SECRET_KEY=build-only EMAIL_HOST=localhost ALLOWED_HOSTS=localhost SITE_URL=https://localhost \
    FIELD_ENCRYPTION_KEYS=build:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \
    /opt/venv/bin/python manage.py collectstatic --noinput

FROM python:3.12.8-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH"
RUN useradd --create-home --uid 1000 mend
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
USER mend
EXPOSE 8000
# The web container's check; compose gives worker and beat checks of their own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "config.healthcheck", "web"]
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
