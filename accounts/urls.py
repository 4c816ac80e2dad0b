from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/name/", views.change_name, name="name"),
    path("first-step/", views.take_first_step, name="first_step"),
]
