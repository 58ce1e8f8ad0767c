"""Organisers' registrant admin inside Wagtail: list, filters, add, cancel, update."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.names import display_name
from vetnet.pagination import back_to, paginate, renamed_page

from .forms import OrganiserAddForm, UpdateForm
from .models import EventPage, Registration
from .permissions import can_change_registrations, can_view_registrations
from .services import registration as service
from .services.emails import send_update


def _check(request, check):
    if not check(request.user):
        raise PermissionDenied


def event_index(request):
    _check(request, can_view_registrations)
    status = Registration.Status
    events = (
        EventPage.objects.filter(locale__language_code__isnull=False)
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=status.CONFIRMED)
            ),
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=status.WAITLISTED)
            ),
        )
        .order_by("-start")
    )
    return render(
        request,
        "events/admin/event_index.html",
        {"page_title": _("Registrations"), "header_icon": "group", "events": events},
    )


def registrations(request, event_id):
    _check(request, can_view_registrations)
    event = get_object_or_404(EventPage, pk=event_id)
    # The table went by ?p= before it paged like the rest of the site.
    if request.method == "GET" and (moved := renamed_page(request, "p")):
        return moved
    can_change = can_change_registrations(request.user)
    add_form = OrganiserAddForm(prefix="add")
    update_form = UpdateForm(prefix="update")
    if request.method == "POST":
        _check(request, can_change_registrations)
        if "add-email" in request.POST:
            add_form = OrganiserAddForm(request.POST, prefix="add")
            if add_form.is_valid():
                try:
                    added = service.register(
                        event,
                        add_form.cleaned_data,
                        enforce_window=False,
                    )
                except service.AlreadyRegistered as error:
                    add_form.add_error(
                        "email",
                        _("Already registered (%(status)s).")
                        % {"status": error.registration.get_status_display()},
                    )
                except service.RegistrationClosed:
                    add_form.add_error(
                        None, _("The event is full and has no waiting list.")
                    )
                except service.RegistrationBusy:
                    add_form.add_error(
                        None, _("Seats are busy; try again in a moment.")
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s added (%(status)s).")
                        % {"name": added.name, "status": added.get_status_display()},
                    )
                    return redirect(request.get_full_path())
        elif "update-subject" in request.POST:
            update_form = UpdateForm(request.POST, prefix="update")
            if update_form.is_valid():
                sent = send_update(
                    event,
                    update_form.cleaned_data["subject"],
                    update_form.cleaned_data["message"],
                    sender=display_name(request.user),
                )
                messages.success(
                    request,
                    _("Update sent to %(count)d confirmed registrants.")
                    % {"count": sent},
                )
                return redirect(request.get_full_path())

    selected = request.GET.get("status", "")
    rows = Registration.objects.filter(event=event).order_by(
        "status", "created_at", "id"
    )
    if selected in Registration.Status.values:
        rows = rows.filter(status=selected)
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__icontains=query)
        )
    page, pages = paginate(rows, 100, request.GET)
    return render(
        request,
        "events/admin/registrations.html",
        {
            "page_title": _("Registrations"),
            "page_subtitle": event.title,
            "header_icon": "group",
            "event": event,
            "counts": service.counts(event),
            "rows": page,
            "pages": pages,
            "statuses": Registration.Status.choices,
            "selected": selected,
            "query": query,
            "can_change": can_change,
            "add_form": add_form,
            "update_form": update_form,
        },
    )


@require_POST
def cancel(request, event_id, pk):
    _check(request, can_change_registrations)
    registration = get_object_or_404(Registration, event_id=event_id, pk=pk)
    by = display_name(request.user)
    try:
        service.cancel(registration, by=by)
    except service.RegistrationBusy:
        messages.error(request, _("Seats are busy; try again in a moment."))
    else:
        messages.success(
            request, _("%(name)s cancelled.") % {"name": registration.name}
        )
    # Back to the page of the table (and its filters) the organiser was on.
    url = reverse("events_admin:registrations", kwargs={"event_id": event_id})
    return redirect(back_to(url, request.POST))
