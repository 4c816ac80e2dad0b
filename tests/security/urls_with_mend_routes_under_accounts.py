"""The real URLs plus two routes of Mend's own under paths that allauth and the admin use."""

from django.urls import path

from config.urls import urlpatterns as real_urlpatterns
from privacy import views

urlpatterns = [
    path("accounts/extra/", views.settings_index, name="extra_account_page"),
    path("admin/mend-report/", views.export_page, name="admin_mend_report"),
    *real_urlpatterns,
]
