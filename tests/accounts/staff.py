"""Staff in tests sign in as staff really do: with a second step (config/admin.py)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.test import Client, RequestFactory


def sign_in_staff(client: Client, user) -> Client:
    """Signs `user` in on `client` as if with a password and a one-time code."""
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, method="mfa", type="totp")
    session.save()
    return client
