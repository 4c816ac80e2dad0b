from couples.access import request_membership

from .standing import standing_of


def therapist_standing(request) -> dict:
    """A therapist's header shows the therapist's places, not a partner's.

    Someone in a couple keeps the partner's header, even if they also work as a therapist: their
    couple is what the app is for them first. Only people outside a couple are asked, so partners'
    pages cost no query for it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request_membership(request):
        return {}
    return {"therapist_standing": standing_of(request)}
