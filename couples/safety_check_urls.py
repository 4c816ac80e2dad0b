"""The private safety check lives beside the Safety page, at /safety/check/ (config/urls.py)."""

from django.urls import path

from . import safety_check_views as views

app_name = "safety_check"

urlpatterns = [
    path("", views.check, name="check"),
    path("result/", views.result, name="result"),
    path("not-now/", views.not_now, name="not_now"),
    path("quiet/", views.quiet_on, name="quiet_on"),
    path("quiet/off/", views.quiet_off, name="quiet_off"),
]
