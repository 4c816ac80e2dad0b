from django.contrib import admin
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.text import Truncator

from .models import AuthzDenied


@admin.register(AuthzDenied)
class AuthzDeniedAdmin(admin.ModelAdmin):
    """Refused requests, read-only: ids, opaque paths and statuses, never anything written."""

    list_display = ["at", "status", "path", "user_id"]
    list_filter = ["status"]
    fields = ["at", "user_id", "path", "status"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LabelledRows:
    """A formset mixin for the admin's tables (tabular inlines, editable change lists). A table
    shows each column's heading once and a heading is not a label, so every input gets a name of
    its own: its column and its row ("Published, Holding hands")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = str(form.instance) if form.instance.pk else "new row"
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = (
                    f"{field.label or name}, {Truncator(row).chars(60)}"
                )


class LabelledInlineFormSet(LabelledRows, BaseInlineFormSet):
    pass


class LabelledModelFormSet(LabelledRows, BaseModelFormSet):
    pass


class LabelledListEditable:
    """A ModelAdmin mixin: the change list's editable columns are labelled row by row."""

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", LabelledModelFormSet)
        return super().get_changelist_formset(request, **kwargs)
