from django.urls import path

from . import views

app_name = "reach"

# Mounted at the root: a service worker's scope is the folder it is served from.
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("inbox/devices/", views.add_device, name="add_device"),
    path(
        "inbox/devices/<uuid:code>/remove/",
        views.remove_device,
        name="remove_device",
    ),
]
