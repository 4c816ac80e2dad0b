from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.trend, name="trend"),
    path("<slug:slug>/take/", views.take, name="take"),
    path("<slug:slug>/sharing/", views.share_trend, name="sharing"),
    path("<slug:slug>/partner/", views.partner_trend, name="partner_trend"),
]
