from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new_entry, name="new"),
    path("autosave/", views.autosave, name="autosave"),
    path("shared/", views.shared_list, name="shared"),
    path("shared/<uuid:code>/", views.shared_detail, name="shared_entry"),
    path(
        "shared/<uuid:code>/acknowledgement/draft/",
        views.acknowledgement_draft,
        name="acknowledgement_draft",
    ),
    path("drafts/<uuid:code>/discard/", views.discard_draft, name="discard_draft"),
    path("<uuid:code>/", views.entry_detail, name="entry"),
    path("<uuid:code>/edit/", views.edit_entry, name="edit"),
    path("<uuid:code>/autosave/", views.autosave, name="autosave_edit"),
    path("<uuid:code>/sharing/", views.share_entry, name="sharing"),
    path("<uuid:code>/delete/", views.delete_entry, name="delete"),
]
