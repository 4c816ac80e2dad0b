from django.apps import AppConfig


class ReachConfig(AppConfig):
    """Mend on the home screen and on the lock screen: the web app manifest, the service worker,
    the offline page, and Web Push for prompts. It sits above prompts and hands it nothing back."""

    name = "reach"
