"""How allauth signs people in, with Mend's limits on guessing."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials) -> None:
        """Refuses a sign-in with HTTP 429 before any password is checked, once either limit in
        ACCOUNT_RATE_LIMITS is spent: "login_failed" for this account from this address, and
        "login_failed_account" for this account from every address together.

        Allauth's own check answers with a form error; a 429 tells scripts and people alike.
        A successful sign-in gives back what it consumed (see authenticate()).
        """
        login = credentials.get("email", credentials.get("username", "")).lower()
        ip = ratelimit.get_ip(request)
        usages = []
        for action, key in (
            ("login_failed", f"{login}|{ip}"),
            ("login_failed_account", login),
        ):
            usage = ratelimit.consume(
                request, app="allauth.account", action=action, key=key
            )
            if not usage:
                for spent in usages:
                    spent.rollback()
                raise ImmediateHttpResponse(ratelimit.respond_429(request))
            usages.append(usage)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[single for usage in usages for single in usage.usage]
        )
