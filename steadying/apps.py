from django.apps import AppConfig


class SteadyingConfig(AppConfig):
    name = "steadying"
