from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseServerError
from django.middleware.csp import get_nonce
from django.template import loader
from django.urls import include, path

from couples import views as couples_views
from prompts import views as prompt_views
from today import views


def server_error(request):
    """Mend's 500 page, rendered like Django's own (no context processors, so nothing that needs
    the database), plus the two things its quick exit needs: where to go, and the CSP nonce."""
    nonce = get_nonce(request)  # lazy, and falsy until used: test it against None only
    context = {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "csp_nonce": "" if nonce is None else nonce,
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))


handler500 = server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("safety/exit/", views.quick_exit, name="quick_exit"),
    path("safety/check/", include("couples.safety_check_urls")),
    path("couples/", include("couples.urls")),
    path("repair/", include("repair.urls")),
    path("journal/", include("journal.urls")),
    path("measures/", include("measures.urls")),
    path("steady/", include("steadying.urls")),
    path("checkins/", include("checkins.urls")),
    # The manifest, the service worker and the offline page live at the root (reach/urls.py).
    path("", include("reach.urls")),
    path("inbox/", include("prompts.urls")),
    path("therapist/", include("therapists.urls")),
    path("", include("privacy.urls")),
    path("", include("accounts.urls")),
    # The invitation link travels by email and chat, so its path says nothing about what Mend is.
    path("join/<str:token>/", couples_views.join, name="join"),
    # Every link in an email: an opaque id, no feature words (prompts/views.go).
    path("go/<uuid:code>/", prompt_views.go, name="go"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
