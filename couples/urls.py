from django.urls import path

from . import care_views, views

app_name = "couples"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("pause/", views.pause, name="pause"),
    path("pause/note/", views.pause_note, name="pause_note"),
    path(
        "pause/<uuid:code>/note/draft/", views.pause_note_draft, name="pause_note_draft"
    ),
    path("resume/", views.resume, name="resume"),
    path("ended/put-away/", views.put_away_ending, name="put_away_ending"),
    path("care/", care_views.care_team, name="care"),
    path("care/log/", care_views.care_log, name="care_log"),
    path("care/<uuid:code>/consent/", care_views.care_consent, name="care_consent"),
    path("care/<uuid:code>/revoke/", care_views.care_revoke, name="care_revoke"),
    path("<uuid:code>/invite/", views.invite, name="invite"),
    path("<uuid:code>/leave/", views.leave, name="leave"),
]
