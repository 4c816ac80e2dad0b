"""The couple's care team: inviting a therapist, each partner's consent, revoking, and the access log.

- A couple invites a therapist by email; only an approved therapist account can be invited.
- Each partner gives their own grant, with their own choices of what to share. The therapist sees
  anything only while both partners' grants are active, the therapist has accepted, and the couple
  is together (``CareTeamInvite.objects.with_access``, worked out on every request).
- Some categories belong to both partners (``SHARED_BY_BOTH``): they show only when both chose them.
- Either partner can revoke their grant at any time; it counts from the therapist's next request.
- Every time a therapist looks, an ``AccessEvent`` is written; both partners can read the log.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from .models import (
    AccessEvent,
    CareTeamInvite,
    Couple,
    Membership,
    ShareCategory,
    TherapistGrant,
)


class CareError(Exception):
    """A care-team step that can't happen, with a message fit to show the person."""


# The same words whether the address is unknown, belongs to someone who isn't a therapist, or to a
# therapist not yet approved: the form must not tell anyone who has an account in Mend.
NO_SUCH_THERAPIST = (
    "We couldn't invite anyone with that address. Your therapist needs a therapist account in Mend "
    "under this same email, approved by us, before you can invite them. You could check the address "
    "with them, or send them to the page for therapists at the foot of any page."
)


def _approved_therapist(email: str):
    return (
        get_user_model()
        .objects.filter(
            email__iexact=email.strip(),
            is_active=True,
            therapist_profile__approved_at__isnull=False,
        )
        .first()
    )


def _members(couple_id: int) -> list[Membership]:
    return list(
        Membership.objects.active().select_related("user").filter(couple_id=couple_id)
    )


def _choices(choices: dict[str, bool]) -> dict[str, bool]:
    return {f"share_{c}": bool(choices.get(c)) for c in ShareCategory.values}


@transaction.atomic
def invite_therapist(
    *,
    membership: Membership,
    email: str,
    choices: dict[str, bool],
    until: datetime.date | None = None,
) -> CareTeamInvite:
    """Invites a therapist to the couple's care team; the inviting partner's grant comes with it."""
    couple = Couple.objects.select_for_update().get(pk=membership.couple_id)
    members = _members(couple.pk)
    if len(members) < 2:
        raise CareError(
            "Inviting a therapist is something you do together, so it opens once your partner has joined."
        )
    therapist = _approved_therapist(email)
    if therapist is None:
        raise CareError(NO_SUCH_THERAPIST)
    if therapist.pk in {m.user_id for m in members}:
        raise CareError(
            "A therapist needs to be someone outside your couple. Please use your therapist's address."
        )
    invite = (
        CareTeamInvite.objects.open().filter(couple=couple, therapist=therapist).first()
    )
    if invite is None:
        invite = CareTeamInvite.objects.create(
            couple=couple, therapist=therapist, invited_by=membership.user
        )
    give_grant(invite=invite, membership=membership, choices=choices, until=until)
    return invite


@transaction.atomic
def give_grant(
    *,
    invite: CareTeamInvite,
    membership: Membership,
    choices: dict[str, bool],
    until: datetime.date | None = None,
) -> TherapistGrant:
    """This partner's consent, or a change to what they share. Saving again updates it in place."""
    invite = CareTeamInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.couple_id != membership.couple_id or not membership.is_active:
        raise CareError("This invitation belongs to another couple.")
    if invite.ended_at is not None:
        raise CareError(
            "This therapist is no longer part of your care team. You can invite them again."
        )
    if until is not None and until < timezone.localdate():
        raise CareError("An end date needs to be today or later.")
    now = timezone.now()
    fields = _choices(choices) | {"until": until, "updated_at": now}
    grant = (
        TherapistGrant.objects.select_for_update()
        .filter(invite=invite, user_id=membership.user_id, revoked_at__isnull=True)
        .first()
    )
    if grant is None:
        try:
            with transaction.atomic():
                return TherapistGrant.objects.create(
                    invite=invite, user_id=membership.user_id, **fields
                )
        except IntegrityError:  # a second tab gave it at the same moment
            grant = TherapistGrant.objects.select_for_update().get(
                invite=invite, user_id=membership.user_id, revoked_at__isnull=True
            )
    for name, value in fields.items():
        setattr(grant, name, value)
    grant.save(update_fields=list(fields))
    return grant


@transaction.atomic
def revoke_grant(*, invite: CareTeamInvite, user) -> bool:
    """Withdraws this partner's consent at once. The invitation stays, so they can give it again."""
    return bool(
        TherapistGrant.objects.filter(
            invite=invite, user=user, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    )


@transaction.atomic
def revoke_all_grants_for(*, user) -> None:
    """Revokes every grant this person gave, and ends every care-team invitation of their couple.

    Called when someone leaves their couple and by the safety reset: afterwards no therapist sees
    anything of this person or their couple until they are invited and granted afresh.
    """
    now = timezone.now()
    TherapistGrant.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now
    )
    couple_ids = Membership.objects.active().filter(user=user).values("couple_id")
    invites = CareTeamInvite.objects.filter(
        couple_id__in=couple_ids, ended_at__isnull=True
    )
    TherapistGrant.objects.filter(invite__in=invites, revoked_at__isnull=True).update(
        revoked_at=now
    )
    invites.update(ended_at=now)


def pending_for_therapist(therapist) -> list[CareTeamInvite]:
    """Invitations waiting for the therapist's answer. They appear only once both partners have
    agreed, so a therapist learns of a couple only when both want them there."""
    return list(
        CareTeamInvite.objects.both_granted()
        .filter(therapist_id=therapist.pk, accepted_at__isnull=True)
        .order_by("created_at")
    )


@transaction.atomic
def accept_invite(*, invite: CareTeamInvite, therapist) -> CareTeamInvite:
    invite = CareTeamInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.therapist_id != therapist.pk or invite.ended_at is not None:
        raise CareError("This invitation is no longer open.")
    if invite.accepted_at is None:
        invite.accepted_at = timezone.now()
        invite.save(update_fields=["accepted_at"])
    return invite


@transaction.atomic
def decline_invite(*, invite: CareTeamInvite, therapist) -> None:
    invite = CareTeamInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.therapist_id != therapist.pk or invite.ended_at is not None:
        return
    now = timezone.now()
    invite.grants.filter(revoked_at__isnull=True).update(revoked_at=now)
    invite.ended_at = now
    invite.save(update_fields=["ended_at"])


@dataclass
class Sharing:
    """What a therapist may see of one couple, from both partners' active grants."""

    together: set[str] = field(default_factory=set)  # chosen by both partners
    by_person: dict[int, set[str]] = field(default_factory=dict)

    def person_shares(self, user_id: int, category: str) -> bool:
        return category in self.by_person.get(user_id, set())

    def people_sharing(self, category: str) -> list[int]:
        return [uid for uid, cats in self.by_person.items() if category in cats]

    def both(self, category: str) -> bool:
        return category in self.together


def sharing_from(grants: list[TherapistGrant]) -> Sharing:
    by_person = {g.user_id: g.categories for g in grants if g.is_active}
    together = set.intersection(*by_person.values()) if len(by_person) == 2 else set()
    return Sharing(together=together, by_person=by_person)


def record_access(*, therapist, couple_ids: list[int], what: str) -> None:
    """Writes one access-log line per couple looked at. Append-only; never updated or deleted."""
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            couple_id=couple_id,
            viewer_id=therapist.pk,
            viewer_name=therapist.display_name or therapist.email,
            what=what,
            at=now,
        )
        for couple_id in couple_ids
    )


def access_log(*, couple_id: int, limit: int = 200) -> list[AccessEvent]:
    return list(
        AccessEvent.objects.filter(couple_id=couple_id).order_by("-at", "-pk")[:limit]
    )


def care_team(membership: Membership) -> list[CareTeamInvite]:
    """The couple's open invitations with everyone's live grants, for the partners' care page."""
    return list(
        CareTeamInvite.objects.open()
        .filter(couple_id=membership.couple_id)
        .select_related("therapist", "therapist__therapist_profile")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=TherapistGrant.objects.filter(revoked_at__isnull=True),
                to_attr="live",
            )
        )
        .order_by("created_at")
    )


def get_invite_for_member(membership: Membership, code) -> CareTeamInvite | None:
    return (
        CareTeamInvite.objects.open()
        .select_related("therapist")
        .filter(couple_id=membership.couple_id, code=code)
        .first()
    )


def live_grant(*, invite: CareTeamInvite, user) -> TherapistGrant | None:
    return TherapistGrant.objects.filter(
        invite=invite, user=user, revoked_at__isnull=True
    ).first()
