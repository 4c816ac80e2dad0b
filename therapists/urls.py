from django.urls import path

from . import views

app_name = "therapists"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("invitations/<uuid:code>/accept/", views.accept, name="accept"),
    path("invitations/<uuid:code>/decline/", views.decline, name="decline"),
    path("couples/<uuid:code>/", views.couple, name="couple"),
    path(
        "couples/<uuid:code>/journey/",
        views.journey_and_exercises,
        name="journey_and_exercises",
    ),
    path(
        "couples/<uuid:code>/journal/",
        views.journal_and_letter,
        name="journal_and_letter",
    ),
    path("couples/<uuid:code>/print/", views.export, name="export"),
    path("couples/<uuid:code>/prep/", views.prep, name="prep"),
    path("couples/<uuid:code>/measure-cadence/", views.cadence, name="cadence"),
    path(
        "couples/<uuid:code>/flags/seen/",
        views.acknowledge_flag,
        name="acknowledge_flag",
    ),
    path("couples/<uuid:code>/notes/", views.add_note, name="add_note"),
    path("couples/<uuid:code>/notes/draft/", views.note_draft, name="note_draft"),
    path("couples/<uuid:code>/suggest/", views.suggest, name="suggest"),
    # The partners' side of a suggestion (repair shows it; this app made it).
    path("suggested/<uuid:code>/take-up/", views.take_up, name="take_up"),
    path("suggested/<uuid:code>/set-aside/", views.set_aside, name="set_aside"),
]
