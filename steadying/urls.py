from django.urls import path

from . import views

app_name = "steadying"

urlpatterns = [
    path("", views.ground, name="ground"),
    path("flooded/", views.flooded, name="flooded"),
    path("card/", views.edit_card, name="card"),
    path("partner/", views.partner_card, name="partner_card"),
    path("history/", views.history, name="history"),
    path("honesty/", views.honesty_log, name="honesty"),
    path("honesty/<uuid:code>/thanks/", views.thank_note, name="honesty_thanks"),
    path("dates/", views.hard_date_list, name="hard_dates"),
    path("dates/<uuid:code>/forget/", views.hard_date_forget, name="hard_date_forget"),
    path(
        "dates/<uuid:code>/heads-up/",
        views.hard_date_heads_up,
        name="hard_date_heads_up",
    ),
    path("heads-up/", views.heads_up, name="heads_up"),
]
