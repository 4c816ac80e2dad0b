from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.forms import ModelForm

from . import staff_changes
from .models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]


class UserChangeAdminForm(ModelForm):
    """No password and no email address: staff must never be able to sign in as a person."""

    class Meta:
        model = User
        fields = [
            "display_name",
            "timezone",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        ]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["email", "code", "last_login", "date_joined"]
    # Django's two-box picker hangs an aria-label on a plain <span>, which screen readers may
    # drop; the plain multiple select is labelled and keyboard-friendly.
    filter_horizontal = ()
    fieldsets = [
        (None, {"fields": ["email", "code"]}),
        ("Profile", {"fields": ["display_name", "timezone"]}),
        (
            "Permissions",
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "display_name",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]

    def user_change_password(self, request, id, form_url=""):
        """A person resets their own password by email; nobody sets it for them."""
        raise PermissionDenied

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # After groups and permissions are saved too: one record for one whole change.
            staff_changes.record(
                person=form.instance,
                staff=request.user,
                labels=[
                    str(form.fields[name].label).lower() for name in form.changed_data
                ],
            )

    def delete_model(self, request, obj):
        staff_changes.tell(person=obj, what="your account was deleted")
        super().delete_model(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    filter_horizontal = ()  # as for people above: the labelled plain select
