from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class RepairConfig(AppConfig):
    name = "repair"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from couples.pause import couple_paused
        from couples.signals import couple_ended, couple_started

        from . import journey, library, sessions, signals
        from .models import Exercise, ExerciseSession, Phase

        # A couple's journey begins when the couple is formed, never when a page is looked at.
        couple_started.connect(
            journey.on_couple_started, dispatch_uid="repair.begin_journey"
        )

        # couples.pause sends couple_paused after a pause is committed. A pause must stop any
        # exercise session of that couple on both screens at once; sessions.end_for_pause does it.
        couple_paused.connect(
            sessions.on_couple_paused, dispatch_uid="repair.end_sessions_on_pause"
        )

        # Django sends user_logged_out from every sign-out: the button, quick exit, and the idle
        # and 12-hour limits. Whoever signs out leaves their sessions, on both screens.
        user_logged_out.connect(
            sessions.on_signed_out, dispatch_uid="repair.end_sessions_on_sign_out"
        )

        # The session room's live endpoint answers from the cache for confirmed members; once a
        # couple ends, it must ask the database again (and refuse).
        couple_ended.connect(
            sessions.on_couple_ended, dispatch_uid="repair.live_on_couple_ended"
        )

        # A new invitation to an exercise reaches the invited partner (repair.signals).
        post_save.connect(
            signals.on_session_saved,
            sender=ExerciseSession,
            dispatch_uid="repair.invitation_needs_an_answer",
        )

        # The cached content library starts a new version whenever content changes (or may have,
        # after a migration), so an edit in the admin shows on the next page.
        for model in (Phase, Exercise):
            post_save.connect(
                library.forget_on_change, sender=model, dispatch_uid="repair.library"
            )
            post_delete.connect(
                library.forget_on_change, sender=model, dispatch_uid="repair.library"
            )
        post_migrate.connect(
            library.forget_on_change, sender=self, dispatch_uid="repair.library"
        )
