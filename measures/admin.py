from django.contrib import admin

from .models import Instrument, LicenceKind


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    """The registry: staff read each measure's licence and source, and may add one they hold a
    licence for. One added here is local-only: it is not part of Mend's shipped content."""

    list_display = [
        "name",
        "licence_kind",
        "licence_checked",
        "local_only",
        "published",
    ]
    list_filter = ["licence_kind", "local_only", "published"]
    readonly_fields = ["local_only"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.local_only = True
            obj.licence_kind = LicenceKind.LOCAL
        super().save_model(request, obj, form, change)
