from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("settings/", views.settings_index, name="settings"),
    path("settings/country/", views.settings_country, name="settings_country"),
    path("settings/data/", views.export_page, name="export"),
    path("settings/data/download/", views.export_download, name="export_download"),
    path("settings/data/document/", views.export_document, name="export_document"),
    path(
        "settings/data/document/download/",
        views.export_document_download,
        name="export_document_download",
    ),
    path("settings/delete/", views.delete_account, name="delete"),
    path("settings/deleted/", views.deleted, name="deleted"),
    path("safety/", views.safety, name="safety"),
    path("safety/reset/", views.safety_reset, name="safety_reset"),
]
