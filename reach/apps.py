from django.apps import AppConfig


class ReachConfig(AppConfig):
    """Mend on the home screen and on the lock screen: the web app manifest, the service worker,
    the offline page, and Web Push for prompts. It sits above prompts and hands it nothing back."""

    name = "reach"

    def ready(self) -> None:
        from prompts import channels

        from . import devices, tasks

        # prompts hands every prompt it delivers to its channels; this one pushes to devices.
        channels.register(
            "push",
            reaches=devices.owners,
            hand_on=lambda prompt_ids: tasks.push_prompts.delay(prompt_ids),
        )
