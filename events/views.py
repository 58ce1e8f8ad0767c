"""Public event views: registration, self-service, calendar, CSV, check-in.

Thin: the rules live in events.services.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vetnet import csv_export
from vetnet.site import absolute_url

from .forms import RegistrationForm
from .models import Registration
from .permissions import can_change_registrations, can_view_registrations
from .services import exports
from .services import registration as service
from .services.calendar import event_ics
from .services.checkin import check_in, checkin_list
from .services.pages import event_page_context


def _event_or_404(slug):
    event = service.get_event(slug)
    if event is None:
        raise Http404(_("No such event."))
    return event


def register(request, slug):
    event = _event_or_404(slug)
    form = RegistrationForm(
        request.POST or None, initial=service.member_details(request.user)
    )
    context = {"page": event, "event": event, "form": form, **event_page_context(event)}
    if request.method == "POST" and form.is_valid():
        try:
            registration = service.register(event, form.cleaned_data)
        except service.AlreadyRegistered as error:
            context["already"] = error.registration
        except service.RegistrationClosed as error:
            context["state"] = error.state
        except service.RegistrationBusy:
            context["busy"] = True
        else:
            if (
                registration.status == Registration.Status.WAITLISTED
                and request.POST.get("seen") == "open"
            ):
                # The form said "Register": the seat went while it was filled in.
                messages.info(
                    request,
                    _(
                        "The last seat was taken while you were filling in the form, "
                        "so you are on the waiting list."
                    ),
                )
            return redirect("events:manage", slug=event.slug, token=registration.token)
    status = 200
    if context.get("busy"):
        status = 503
    elif context.get("already"):
        status = 409
    return render(request, "events/register.html", context, status=status)


@require_POST
def resend_link(request, slug):
    """Send the manage link of an existing registration to its own address."""
    event = _event_or_404(slug)
    email = request.POST.get("email", "").strip()
    service.resend_manage_link(event, email)
    messages.success(
        request,
        _(
            "If %(email)s is registered, the link to manage the registration is on its way."
        )
        % {"email": email},
    )
    return redirect(event.url or "/")


def manage(request, slug, token):
    event = _event_or_404(slug)
    registration = get_object_or_404(Registration, event=event, token=token)
    asked_to_cancel = (
        request.method == "POST" and request.POST.get("action") == "cancel"
    )
    # Cancelling takes two steps (no JavaScript needed): the first POST shows a
    # confirmation, the second (confirm=yes) cancels.
    if asked_to_cancel and request.POST.get("confirm") == "yes":
        try:
            service.cancel(registration, by="self")
        except service.RegistrationBusy:
            messages.error(
                request,
                _(
                    "Many people are registering right now. Please try again in a moment."
                ),
            )
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:manage", slug=slug, token=token)
    registration.refresh_from_db()
    return render(
        request,
        "events/manage_registration.html",
        {
            "page": event,
            "event": event,
            "registration": registration,
            "position": service.waiting_position(registration),
            "map_query": event_page_context(event)["map_query"],
            "confirm_cancel": asked_to_cancel and registration.status != "cancelled",
        },
    )


def ics(request, slug):
    event = _event_or_404(slug)
    response = HttpResponse(
        event_ics(event, absolute_url(event.url or "/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _require(request, check):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(request.user):
        raise PermissionDenied
    return None


def registrations_csv(request, slug):
    denied = _require(request, can_view_registrations)
    if denied:
        return denied
    event = _event_or_404(slug)
    return csv_export.response(
        exports.registrants_filename(event),
        exports.registrant_header(event),
        exports.registrant_rows(event),
    )


def checkin(request, slug):
    denied = _require(request, can_change_registrations)
    if denied:
        return denied
    event = _event_or_404(slug)
    query = request.GET.get("q", "").strip()
    found = checkin_list(event, query)
    return render(
        request,
        "events/checkin.html",
        {
            "page": event,
            "event": event,
            "query": query,
            "people": found.people,
            "present": found.present,
            "expected": found.expected,
        },
    )


@require_POST
def checkin_toggle(request, slug, pk):
    denied = _require(request, can_change_registrations)
    if denied:
        return denied
    event = _event_or_404(slug)
    registration = get_object_or_404(Registration, event=event, pk=pk)
    present = request.POST.get("present", "1") == "1"
    if check_in(registration, present=present):
        if present:
            messages.success(
                request, _("%(name)s is checked in.") % {"name": registration.name}
            )
        else:
            messages.info(
                request, _("Check-in of %(name)s undone.") % {"name": registration.name}
            )
    else:
        messages.error(
            request, _("%(name)s has no confirmed seat.") % {"name": registration.name}
        )
    url = reverse("events:checkin", kwargs={"slug": event.slug})
    query = request.POST.get("q", "")
    return redirect(f"{url}?q={query}" if query else url)
