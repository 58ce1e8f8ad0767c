"""Thin views: the insights page and each chart's SVG, PNG and CSV."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from events.permissions import can_view_registrations
from events.services.registration import get_event
from practices.services.export import invalid_filters_response
from practices.services.listing.filters import FACET_PARAMS, parse_filters
from taxonomy.filters import canonical_redirect
from vetnet.cache import changed_since

from .services.event_figures import event_download, event_figures_page, event_image_svg
from .services.images import (
    current_version,
    event_image_url,
    image_svg,
    image_url,
    kept_for_good,
)
from .services.page import download, insights_page, network_download, network_page

# A downloaded SVG carries pygal's inline style and is opened on its own:
# styles allowed, nothing else (no script, no external loads).
DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'"
# An image's URL names the content version it shows: it never changes.
IMAGE_CACHE_CONTROL = "public, max-age=31536000, immutable"


def index(request):
    if redirect := canonical_redirect(request, FACET_PARAMS):
        return redirect
    return render(request, "insights/index.html", insights_page(request.GET))


def network(request):
    return render(request, "insights/network.html", network_page())


def chart_file(request, chart, fmt):
    # As the listing's exports: a filter value that cannot be valid would give a
    # file about more practices than asked; refuse it with the reasons.
    refusal = invalid_filters_response(request.GET, "csv")
    if refusal is not None:
        return refusal
    return _file_response(download(chart, fmt, request.GET))


def chart_image(request, version, chart):
    """A chart of /insights/ or of the network page as an image. A practice
    chart is kept for good by browsers and the front cache (its URL changes with
    the content); a network chart as long as the network page. An old version's
    URL leads to the current one (never cached: it changes with the next publish)."""
    refusal = invalid_filters_response(request.GET, "csv")
    if refusal is not None:
        return refusal
    current = current_version()
    if version != current:
        query = request.META.get("QUERY_STRING", "")
        return _moved(image_url(current, chart, f"?{query}" if query else "?"))
    response = _image_response(
        image_svg(chart, request.GET, parse_filters(request.GET))
    )
    if not kept_for_good(chart):
        return response  # the site's policy for the network page
    if changed_since(version):  # a publish while drawing: either content
        add_never_cache_headers(response)
    else:
        response["Cache-Control"] = IMAGE_CACHE_CONTROL
    return response


def event_image(request, slug, version, chart):
    """An event's chart as an image, for its organisers: live counts, so the
    response is private and never stored (the site's policy for signed-in
    visitors); an old version's URL leads to the current one, as on /insights/."""
    event, denied = _organisers_event(request, slug)
    if denied:
        return denied
    current = current_version()
    if version != current:
        return _moved(event_image_url(event, current, chart))
    return _image_response(event_image_svg(event, chart))


def _moved(url):
    response = redirect(url)
    add_never_cache_headers(response)
    return response


def _image_response(svg):
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def network_file(request, chart, fmt):
    return _file_response(network_download(chart, fmt))


def _organisers_event(request, slug):
    """The event, for those who may see its registrations (as its
    registrations.csv): anonymous visitors go to log in, others get a 403."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not can_view_registrations(request.user):
        raise PermissionDenied
    event = get_event(slug)
    if event is None:
        raise Http404
    return event, None


def event_figures(request, slug):
    event, denied = _organisers_event(request, slug)
    if denied:
        return denied
    return render(request, "insights/event.html", event_figures_page(event))


def event_file(request, slug, chart, fmt):
    event, denied = _organisers_event(request, slug)
    if denied:
        return denied
    return _file_response(event_download(event, chart, fmt))


def _file_response(answer):
    if answer is None:
        raise Http404
    if isinstance(answer, HttpResponse):  # the CSV writer's response
        return answer
    content, content_type, filename = answer
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
