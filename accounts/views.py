from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from .forms import DisplayNameForm


@require_http_methods(["GET", "POST"])
@login_required
def change_name(request):
    form = DisplayNameForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved. This is the name your partner sees now.")
        return redirect("privacy:settings")
    return render(
        request,
        "accounts/name.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def take_first_step(request):
    """Today's first step is taken, or put aside: either way it doesn't come back. Then on to
    where the person chose (the first exercise), or home."""
    if request.user.first_step_taken_at is None:
        request.user.first_step_taken_at = timezone.now()
        request.user.save(update_fields=["first_step_taken_at"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "home"
    return redirect(target)
