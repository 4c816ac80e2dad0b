from django.urls import path

from . import views

app_name = "checkins"

urlpatterns = [
    path("", views.today, name="today"),
    path("statements/", views.statements, name="statements"),
    path("note/draft/", views.today_note_draft, name="today_note_draft"),
    path("history/", views.history, name="history"),
    path("consent/", views.consent_menu, name="consent"),
    path("consent/opt-in/", views.consent_opt_in, name="consent_opt_in"),
    path("consent/answer/", views.consent_answer, name="consent_answer"),
    path("sessions/<uuid:code>/light/", views.session_light, name="session_light"),
]
