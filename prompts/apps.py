from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "prompts"

    def ready(self) -> None:
        from allauth.account.signals import user_signed_up

        from couples.signals import something_shared
        from repair.signals import needs_an_answer
        from steadying.signals import card_sent

        from . import receivers

        # A new person gets gentle default preferences and a first scheduled prompt.
        user_signed_up.connect(
            receivers.create_preferences, dispatch_uid="prompts-create-preferences"
        )
        # A partner shared something: a discreet "something was shared with you" (after the commit).
        something_shared.connect(
            receivers.prompt_about_share, dispatch_uid="prompts-shared"
        )
        # A partner asked something that waits for an answer: an invitation, a suggestion to move
        # on, a question, a letter or its answer (after the commit).
        needs_an_answer.connect(
            receivers.prompt_about_answer_needed, dispatch_uid="prompts-answer-needed"
        )
        # A partner tapped "I'm flooded" and chose to send their card (steadying.flooding).
        card_sent.connect(receivers.prompt_about_card, dispatch_uid="prompts-card")
