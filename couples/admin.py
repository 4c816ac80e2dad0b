from django.contrib import admin

from . import care
from .models import (
    AccessEvent,
    CareTeamInvite,
    Couple,
    Invitation,
    Membership,
    TherapistGrant,
)


def log_staff_read(request, couple_ids) -> None:
    """Staff seeing who is in a couple, or who cares for it, is a look like a therapist's: the
    couple reads it in their access log (docs/promises.md, R18)."""
    care.record_access(
        therapist=request.user,
        couple_ids=sorted(set(couple_ids)),
        what=AccessEvent.What.ADMIN,
    )


class LoggedReads:
    """Logs every change page, and every list page that names people, once per couple it shows."""

    list_names_people = True

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            log_staff_read(request, [self.couple_id_of(obj)])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and self.list_names_people:
            log_staff_read(
                request, [self.couple_id_of(o) for o in changelist.result_list]
            )
        return response

    def couple_id_of(self, obj) -> int:
        return obj.couple_id


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "joined_at", "left_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Couple)
class CoupleAdmin(LoggedReads, admin.ModelAdmin):
    list_display = ["code", "created_at", "ended_at"]
    readonly_fields = ["code", "created_at", "ended_at"]
    inlines = [MembershipInline]

    def has_add_permission(self, request) -> bool:
        return False

    list_names_people = False  # codes and dates only

    def couple_id_of(self, obj) -> int:
        return obj.pk


@admin.register(Invitation)
class InvitationAdmin(LoggedReads, admin.ModelAdmin):
    # The token is a credential: staff see whether an invitation is live, never the link itself.
    list_display = [
        "couple",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    fields = [
        "couple",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


class GrantInline(admin.TabularInline):
    model = TherapistGrant
    extra = 0
    fields = ["user", "given_at", "until", "revoked_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CareTeamInvite)
class CareTeamInviteAdmin(LoggedReads, admin.ModelAdmin):
    # Staff see that a care team exists and its state, never what anyone chose to share.
    list_display = ["couple", "therapist", "created_at", "accepted_at", "ended_at"]
    fields = [
        "couple",
        "therapist",
        "invited_by",
        "created_at",
        "accepted_at",
        "ended_at",
    ]
    readonly_fields = fields
    inlines = [GrantInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """The access log, read-only: nobody changes or deletes a line, here or anywhere."""

    list_display = ["at", "viewer_name", "what", "couple_id"]
    list_filter = ["what"]
    fields = ["at", "couple_id", "viewer_id", "viewer_name", "what"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
