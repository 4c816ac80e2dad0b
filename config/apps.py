from django.contrib.admin.apps import AdminConfig


class MendAdminConfig(AdminConfig):
    """Django's admin app with Mend's site (config/admin.py) as the default site."""

    default_site = "config.admin.MendAdminSite"
