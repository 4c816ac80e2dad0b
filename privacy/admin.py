from django.contrib import admin
from django.db.models import F
from django.utils import timezone

from .models import CHECK_EVERY, CrisisLine


class CheckDueFilter(admin.SimpleListFilter):
    title = "check"
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Past its check-by date"),
            ("current", "Checked within a year"),
        ]

    def queryset(self, request, queryset):
        # Past check-by: last checked before today minus the interval.
        oldest_current = timezone.localdate() - CHECK_EVERY
        if self.value() == "overdue":
            return queryset.filter(last_checked__lt=oldest_current)
        if self.value() == "current":
            return queryset.filter(last_checked__gte=oldest_current)
        return queryset


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = [
        "service",
        "country",
        "kind",
        "phone",
        "text_number",
        "last_checked",
        "check_by",
        "overdue",
        "published",
    ]
    list_filter = [CheckDueFilter, "country", "kind", "published"]
    search_fields = ["service", "country", "phone"]
    # Oldest check first, so what needs confirming is at the top.
    ordering = [F("last_checked").asc(), "country", "order"]
    actions = ["mark_checked_today"]
    fieldsets = [
        (None, {"fields": ["country", "kind", "service", "helps_with", "hours"]}),
        (
            "How to reach it",
            {"fields": ["phone", "text_number", "text_message"]},
        ),
        (
            "Where it comes from",
            {
                "fields": ["source_url", "last_checked"],
                "description": "Confirm the number on the source page, then set the date you did.",
            },
        ),
        (None, {"fields": ["order", "published"]}),
    ]

    @admin.display(description="check by", ordering="last_checked")
    def check_by(self, line: CrisisLine):
        return line.check_by

    @admin.display(description="past check-by date", boolean=True)
    def overdue(self, line: CrisisLine) -> bool:
        return line.is_overdue()

    @admin.action(description="I confirmed these on their source pages today")
    def mark_checked_today(self, request, queryset):
        count = queryset.update(last_checked=timezone.localdate())
        self.message_user(request, f"Marked {count} as checked today.")
