"""HTTP views: thin wrappers around counselling/services/.

The list and a counsellor's page are public: for visitors without an account
they set no cookie (no form, no CSRF token) and follow the anonymous page cache
(vetnet/cache.py). Times are shown in the zone named by ``?tz=`` (a small script
adds the browser's zone), else in a default zone that the page names.
"""

from itertools import groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from practices.services.member_mail import remember_language
from vetnet import csv_export

from .forms import (
    BookingForm,
    CounsellorSettingsForm,
    DeclineForm,
    FeedbackForm,
    HoursFormSet,
    RescheduleForm,
    TimeOffFormSet,
    zone_choices,
)
from .models import ZONE_NAMES, Booking
from .services import booking as svc
from .services import dashboard as dash
from .services import sessions
from .services.directory import (
    active_counsellors,
    counsellor_sector_names,
    directory,
    entry_for,
)

MAX_SLOTS_SHOWN = 80


def display_zone(request, default):
    zone = request.GET.get("tz", "")
    if zone and zone in ZONE_NAMES:
        return zone
    return default


def default_zone():
    return getattr(settings, "COUNSELLING_DEFAULT_ZONE", settings.TIME_ZONE)


@require_GET
def index(request):
    zone = display_zone(request, default_zone())
    entries, facets, chosen = directory(request.GET)
    return render(
        request,
        "counselling/index.html",
        {
            "entries": entries,
            "facets": facets,
            "filters_active": bool(chosen),
            "zone": zone,
            "zones": zone_choices(zone),
            "counsellor_self": dash.counsellor_of(request.user),
            "can_see_activity": dash.can_see_activity(request.user),
        },
    )


def _counsellor_page(request, counsellor, form=None, status=200):
    zone = display_zone(request, counsellor.time_zone)
    member = request.user.is_authenticated and request.user.pk != counsellor.user_id
    mine = (
        list(
            Booking.objects.filter(
                counsellor=counsellor,
                member=request.user,
                status=Booking.Status.BOOKED,
                end__gt=timezone.now(),
            )
        )
        if member
        else []
    )
    # A group time with places left is still free for others, not for a
    # member already booked on it (booking it again is refused).
    booked = {booking.start for booking in mine}
    slots = [
        slot
        for slot in entry_for(
            counsellor, timezone.now(), limit=MAX_SLOTS_SHOWN
        ).next_times
        if slot.start not in booked
    ]
    tz = ZoneInfo(zone)
    days = [
        (day, list(group))
        for day, group in groupby(slots, key=lambda s: s.start.astimezone(tz).date())
    ]
    if member and form is None:
        form = BookingForm(initial={"time_zone": zone})
    return render(
        request,
        "counselling/counsellor.html",
        {
            "counsellor": counsellor,
            "sector_names": counsellor_sector_names(counsellor),
            "days": days,
            "zone": zone,
            "zones": zone_choices(zone),
            "form": form if member else None,
            "mine": mine,
        },
        status=status,
    )


@require_GET
def counsellor(request, slug):
    counsellor = get_object_or_404(active_counsellors(), slug=slug)
    return _counsellor_page(request, counsellor)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, slug):
    counsellor = get_object_or_404(active_counsellors(), slug=slug)
    if request.method != "POST":
        # A GET comes from a sign-in when the session ended before "Book this
        # time" (login_required's ?next=), or from the language links of a
        # refused booking's page: back to the times, in the same zone.
        flash.info(request, _("Nothing is booked yet: choose your time."))
        query = request.GET.urlencode()
        return redirect(counsellor.get_absolute_url() + (f"?{query}" if query else ""))
    form = BookingForm(request.POST)
    if not form.is_valid():
        return _counsellor_page(request, counsellor, form, status=400)
    data = form.cleaned_data
    # Before booking: the confirmation leaves at the commit, in this language.
    remember_language(request.user)
    try:
        booking = svc.book(
            counsellor, request.user, data["slot"], data["topic"], data["time_zone"]
        )
    except svc.AlreadyBooked as error:
        # A double click or a resent form: the first one booked it, nothing more.
        flash.info(request, str(error))
        return redirect(error.booking)
    except svc.BookingBusy as error:
        form.add_error(None, str(error))
        return _counsellor_page(request, counsellor, form, status=503)
    except svc.BookingError as error:
        form.add_error(None, str(error))
        return _counsellor_page(request, counsellor, form, status=409)
    flash.success(request, _("Booked. A confirmation is on its way by e-mail."))
    return redirect(booking)


def _participant_booking(request, pk):
    booking = get_object_or_404(
        Booking.objects.select_related("counsellor__user", "member", "room"), pk=pk
    )
    if not sessions.is_participant(booking, request.user):
        raise PermissionDenied(_("This booking is not yours."))
    return booking


@login_required
@require_GET
def booking_detail(request, pk):
    return _booking_page(request, _participant_booking(request, pk))


def _booking_page(request, booking, decline_form=None, feedback_form=None):
    """The booking's page; a refused decline or feedback comes back on it
    (400) with what was typed and the field's error."""
    is_counsellor = request.user.pk == booking.counsellor.user_id
    zone = booking.counsellor.time_zone if is_counsellor else booking.member_time_zone
    state = sessions.session_state(booking)
    can_move = booking.is_active and not is_counsellor and not state.is_open
    refused = decline_form is not None or feedback_form is not None
    return render(
        request,
        "counselling/booking.html",
        {
            "booking": booking,
            "zone": display_zone(request, zone),
            "state": state,
            "is_counsellor": is_counsellor,
            "decline_form": (decline_form or DeclineForm()) if is_counsellor else None,
            "other_times": svc.other_free_times(booking)[:MAX_SLOTS_SHOWN]
            if can_move
            else (),
            "feedback_form": (feedback_form or FeedbackForm())
            if not is_counsellor and state.is_over and booking.is_active
            else None,
            "confirm_cancel": request.GET.get("cancel") == "1",
        },
        status=400 if refused else 200,
    )


def _act(request, pk, action, success):
    booking = _participant_booking(request, pk)
    try:
        result = action(booking)
    except svc.BookingError as error:
        flash.error(request, str(error))
        return redirect(booking)
    if success:
        flash.success(request, success)
    return result or redirect(booking)


@login_required
@require_POST
def enter_room(request, pk):
    return _act(
        request,
        pk,
        lambda b: redirect(sessions.open_room(b, request.user)),
        "",
    )


@login_required
@require_POST
def cancel(request, pk):
    if request.POST.get("confirm") != "yes":
        # Not confirmed (an older page's button): ask first.
        return redirect(reverse("counselling:booking", kwargs={"pk": pk}) + "?cancel=1")
    return _act(
        request,
        pk,
        lambda b: svc.cancel(b, request.user) and None,
        _("The booking is cancelled and the time is free again."),
    )


@login_required
@require_POST
def reschedule(request, pk):
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("Choose one of the free times."))
        return redirect("counselling:booking", pk=pk)
    booking = _participant_booking(request, pk)
    try:
        new = svc.reschedule(booking, request.user, form.cleaned_data["slot"])
    except svc.BookingError as error:
        flash.error(request, str(error))
        return redirect(booking)
    flash.success(request, _("The booking is moved; the old time is free again."))
    return redirect(new)


@login_required
@require_POST
def decline(request, pk):
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _booking_page(request, _participant_booking(request, pk), form)
    return _act(
        request,
        pk,
        lambda b: svc.decline(b, request.user, form.cleaned_data["reason"]) and None,
        _("The booking is declined; the member has been told why."),
    )


@login_required
@require_POST
def feedback(request, pk):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        booking = _participant_booking(request, pk)
        return _booking_page(request, booking, feedback_form=form)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda b: (
            sessions.leave_feedback(b, request.user, data["rating"], data["comment"])
            and None
        ),
        _("Thank you for your feedback."),
    )


@login_required
@require_POST
def no_show(request, pk):
    return _act(
        request,
        pk,
        lambda b: (
            sessions.record_no_show(b, request.user, request.POST.get("no_show") != "0")
            and None
        ),
        _("Recorded."),
    )


@login_required
@require_GET
def my_bookings(request):
    bookings = (
        Booking.objects.filter(member=request.user)
        .select_related("counsellor__user")
        .order_by("-start")[:100]
    )
    return render(
        request,
        "counselling/mine.html",
        {"bookings": bookings, "counsellor": dash.counsellor_of(request.user)},
    )


@login_required
@require_GET
def counsellor_dashboard(request):
    counsellor = dash.counsellor_of(request.user)
    if counsellor is None:
        raise PermissionDenied(_("Only counsellors have a dashboard."))
    return render(
        request,
        "counselling/dashboard.html",
        {
            "counsellor": counsellor,
            "zone": counsellor.time_zone,
            **dash.dashboard(counsellor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def counsellor_settings(request):
    """The counsellor's own profile, weekly hours and days off."""
    counsellor = dash.counsellor_of(request.user)
    if counsellor is None:
        raise PermissionDenied(_("Only counsellors have a dashboard."))
    data = request.POST if request.method == "POST" else None
    form = CounsellorSettingsForm(data, instance=counsellor)
    hours = HoursFormSet(data, instance=counsellor, prefix="hours")
    time_off = TimeOffFormSet(data, instance=counsellor, prefix="off")
    if data is not None and all(f.is_valid() for f in (form, hours, time_off)):
        with transaction.atomic():
            form.save()
            hours.save()
            time_off.save()
        flash.success(request, _("Your hours are saved."))
        return redirect("counselling:settings")
    return render(
        request,
        "counselling/settings.html",
        {"form": form, "hours": hours, "time_off": time_off, "counsellor": counsellor},
    )


@login_required
@require_GET
def dashboard_csv(request):
    counsellor = dash.counsellor_of(request.user)
    if counsellor is None:
        raise PermissionDenied(_("Only counsellors have a dashboard."))
    return csv_export.response(
        f"counselling-{counsellor.slug}.csv",
        dash.csv_header(counsellor),
        dash.csv_rows(counsellor),
    )


@login_required
@require_GET
def activity(request):
    if not dash.can_see_activity(request.user):
        raise PermissionDenied(_("Only moderators see the network's activity."))
    return render(
        request,
        "counselling/activity.html",
        {"rows": dash.network_activity()},
    )
