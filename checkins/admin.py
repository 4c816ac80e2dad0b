from django.contrib import admin
from django.db import transaction

from core.admin import LabelledInlineFormSet, LabelledListEditable

from .consent import pair_items
from .models import ConsentGroup, ConsentItem

# Check-ins and consent answers are private to each person: they are deliberately not in the admin.


class ConsentItemInline(admin.TabularInline):
    model = ConsentItem
    formset = LabelledInlineFormSet
    extra = 1
    # New items here are shared; a directional pair is made on the item's own page.
    fields = ["order", "label", "slug", "published", "kind"]
    readonly_fields = ["kind"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(ConsentGroup)
class ConsentGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    ordering = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ConsentItemInline]


@admin.register(ConsentItem)
class ConsentItemAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["label", "group", "kind", "counterpart", "order", "published"]
    list_filter = ["group", "kind", "published"]
    list_editable = ["order", "published"]
    list_select_related = ["group", "counterpart"]
    search_fields = ["label"]
    prepopulated_fields = {"slug": ["label"]}
    fields = ["group", "order", "label", "slug", "published", "kind", "counterpart"]
    # A plain select, labelled by its <label>: the menu is short, and the search box that
    # autocomplete_fields draws leaves an unnamed textbox for screen readers.

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        # ConsentItem.clean() has refused a directional item without its other half, and any
        # re-pairing; here the chosen other half is made to point back.
        super().save_model(request, obj, form, change)
        if obj.counterpart_id is not None:
            pair_items(item=obj, counterpart=obj.counterpart)
