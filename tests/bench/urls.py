"""Mend's routes plus /bench/bare/: the ceiling of this stack on this machine, for web.py."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as mend_urlpatterns

urlpatterns = [
    path("bench/bare/", lambda request: HttpResponse("ok"), name="bench_bare"),
    *mend_urlpatterns,
]
