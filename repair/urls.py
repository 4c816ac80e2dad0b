from django.urls import path

from . import views

app_name = "repair"

urlpatterns = [
    path("", views.index, name="index"),
    path("history/", views.history, name="history"),
    path("move-on/", views.propose_advance, name="propose_advance"),
    path("move-on/<uuid:code>/confirm/", views.confirm_advance, name="confirm_advance"),
    path("move-on/<uuid:code>/not-yet/", views.decline_advance, name="decline_advance"),
    path(
        "move-on/<uuid:code>/withdraw/", views.withdraw_advance, name="withdraw_advance"
    ),
    path("step-back/", views.step_back, name="step_back"),
    path("exercises/<uuid:code>/", views.exercise_detail, name="exercise"),
    path("exercises/<uuid:code>/done/", views.exercise_done, name="exercise_done"),
    path("exercises/<uuid:code>/invite/", views.invite, name="invite"),
    path("sessions/<uuid:code>/", views.session_room, name="session"),
    path("sessions/<uuid:code>/live/", views.session_live, name="session_live"),
    path("sessions/<uuid:code>/answer/", views.session_answer, name="session_answer"),
    path(
        "sessions/<uuid:code>/withdraw/",
        views.session_withdraw,
        name="session_withdraw",
    ),
    path("sessions/<uuid:code>/end/", views.session_end, name="session_end"),
    path("sessions/<uuid:code>/reflection/", views.reflection, name="reflection"),
    path("testing/", views.testing_page, name="testing"),
    path("testing/ask/", views.testing_ask, name="testing_ask"),
    path("testing/done/", views.testing_done, name="testing_done"),
    path("testing/withdraw/", views.testing_withdraw, name="testing_withdraw"),
    path(
        "sessions/<uuid:code>/reflection/draft/",
        views.reflection_draft,
        name="reflection_draft",
    ),
    path("letter/", views.letter, name="letter"),
    path("letter/draft/", views.letter_draft, name="letter_draft"),
    path("letter/send/", views.letter_send, name="letter_send"),
    path(
        "letter/versions/<uuid:code>/respond/",
        views.letter_respond,
        name="letter_respond",
    ),
    path(
        "letter/versions/<uuid:code>/respond/draft/",
        views.letter_response_draft,
        name="letter_response_draft",
    ),
    path("questions/", views.question_box, name="questions"),
    path("questions/ask/", views.question_ask, name="question_ask"),
    path(
        "questions/<uuid:code>/answer/", views.question_answer, name="question_answer"
    ),
    path(
        "questions/<uuid:code>/answer/draft/",
        views.question_answer_draft,
        name="question_answer_draft",
    ),
    path(
        "questions/<uuid:code>/bring-up/",
        views.question_bring_up,
        name="question_bring_up",
    ),
    path(
        "questions/<uuid:code>/settle/", views.question_settle, name="question_settle"
    ),
]
