"""The admin site, signed in to the same way as everything else.

Django's own admin login checks a password and nothing more: no second step, no rate limit. Here
the admin's login page sends people to allauth's sign-in (its rate limits, its two-step stage), and
the admin opens only for active staff whose current sign-in included a second step.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def signed_in_with_two_steps(request) -> bool:
    user = request.user
    return is_mfa_enabled(user) and any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, user)
    )


class MendAdminSite(AdminSite):
    site_header = "Mend administration"
    site_title = "Mend admin"

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and signed_in_with_two_steps(request)

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or resolve_url("admin:index")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = resolve_url("admin:index")
        user = request.user
        if not user.is_authenticated:
            login_url = resolve_url(settings.LOGIN_URL)
            return redirect(f"{login_url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not signed_in_with_two_steps(request):
            return render(
                request,
                "admin/two_steps_needed.html",
                {"mfa_enabled": is_mfa_enabled(user), "site_header": self.site_header},
                status=403,
            )
        return redirect(next_url)
