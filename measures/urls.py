from django.urls import path

from . import cadence_views, views

app_name = "measures"

urlpatterns = [
    path("", views.index, name="index"),
    path("cadence/", cadence_views.set_cadence, name="cadence"),
    path(
        "cadence/<uuid:code>/accept/",
        cadence_views.accept_suggestion,
        name="accept_cadence",
    ),
    path(
        "cadence/<uuid:code>/decline/",
        cadence_views.decline_suggestion,
        name="decline_cadence",
    ),
    path("<slug:slug>/", views.trend, name="trend"),
    path("<slug:slug>/take/", views.take, name="take"),
    path("<slug:slug>/sharing/", views.share_trend, name="sharing"),
    path("<slug:slug>/partner/", views.partner_trend, name="partner_trend"),
]
