"""Notifications and follows pages: thin, the services decide."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vetnet.pagination import paginate

from .models import Frequency, Notification
from .services import follows as follow_svc
from .services import inbox, members, preferences, presentation, targets
from .services.choices import follow_choices
from .services.unsubscribe import read_token

PER_PAGE = 20


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_GET
def notification_list(request):
    page, pages = paginate(inbox.notifications_of(request.user), PER_PAGE, request.GET)
    language = get_language()
    notifications = list(page.object_list)
    gone = targets.record(notifications)
    page.object_list = [
        presentation.item(n, language, gone=n.pk in gone) for n in notifications
    ]
    return render(
        request,
        "notifications/list.html",
        {"items": page, "pages": pages, "unread": inbox.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request, pk):
    notification = inbox.mark_read(request.user, pk)
    if notification is None:
        return redirect("notifications:list")
    if request.POST.get("open"):
        if targets.record([notification]):
            messages.info(
                request,
                _("What this notification was about is no longer available."),
            )
            return redirect("notifications:list")
        return redirect(presentation.item(notification, get_language())["path"])
    return redirect(_next(request, "notifications:list"))


@login_required
@require_POST
def mark_all_read(request):
    inbox.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect(_next(request, "notifications:list"))


@login_required
@require_GET
def members_json(request):
    return JsonResponse(
        {"members": members.mention_candidates(request.GET.get("q"), request.user.pk)}
    )


@login_required
@require_GET
def follows(request):
    frequencies = preferences.frequencies_of(request.user)
    return render(
        request,
        "notifications/follows.html",
        {
            "groups": follow_svc.follows_of(request.user),
            "choices": follow_choices(),
            "kinds": [
                (kind, label, frequencies[kind])
                for kind, label in Notification.Kind.choices
            ],
            "frequencies": Frequency.choices,
        },
    )


@login_required
@require_POST
def follow(request):
    try:
        follow_svc.follow(
            request.user,
            request.POST.get("kind", ""),
            request.POST.get("value", ""),
            label=request.POST.get("label", ""),
        )
    except follow_svc.CannotFollow as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You follow this now."))
    return redirect(_next(request, "notifications:follows"))


@login_required
@require_POST
def unfollow(request):
    follow_id = request.POST.get("id", "")
    if follow_id.isdigit():
        done = follow_svc.unfollow_by_id(request.user, int(follow_id))
    else:
        done = follow_svc.unfollow(
            request.user, request.POST.get("kind", ""), request.POST.get("value", "")
        )
    if done:
        messages.success(request, _("You no longer follow this."))
    return redirect(_next(request, "notifications:follows"))


@login_required
@require_POST
def preferences_view(request):
    preferences.set_frequencies(
        request.user,
        {kind: request.POST.get(kind, "") for kind in Notification.Kind.values},
    )
    messages.success(request, _("Your e-mail preferences are saved."))
    return redirect("notifications:follows")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: a POST (from the mail client, or the
    button of the GET page) with a signed token, no login, no CSRF token."""
    found = read_token(token)
    user = None
    if found is not None:
        user = get_user_model().objects.filter(pk=found[0]).first()
    if user is None:
        return render(
            request, "notifications/unsubscribe.html", {"invalid": True}, status=404
        )
    kinds = found[1]
    labels = [Notification.Kind(kind).label for kind in kinds]
    if request.method == "POST":
        preferences.turn_off(user, kinds)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You are unsubscribed."), content_type="text/plain")
        return render(
            request, "notifications/unsubscribe.html", {"done": True, "labels": labels}
        )
    return render(request, "notifications/unsubscribe.html", {"labels": labels})
