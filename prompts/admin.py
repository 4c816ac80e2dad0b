from django.contrib import admin

from core.admin import LabelledListEditable

from .models import PromptText


@admin.register(PromptText)
class PromptTextAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["text", "kind", "active"]
    list_filter = ["kind", "active"]
    list_editable = ["active"]
    search_fields = ["text"]
