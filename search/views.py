"""Search pages: thin, the query service decides everything."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from taxonomy.filters import canonical_redirect
from vetnet.pagination import shown_page

from .services.directory import find_directory
from .services.presentation import results_context
from .services.query import SearchRequest, run_search, suggest
from .services.query.request import SEARCH_PARAMS


@require_GET
def search(request):
    if redirect := canonical_redirect(request, SEARCH_PARAMS):
        return redirect
    search_request = SearchRequest.from_querydict(request.GET)
    first_page = search_request.page == 1
    results = run_search(search_request)
    # A page past the last one (or no page number) shows the nearest page with
    # a notice, as every paged listing does (vetnet.pagination).
    shown, asked = shown_page(request.GET.get("page"), results.num_pages)
    if shown != search_request.page:
        search_request.page = shown
        results = run_search(search_request)
    # The "Events and organisations" block: on the first page only (further
    # pages are for reading on through the practices, even one past the end),
    # in the chosen countries.
    directory = (
        find_directory(search_request.q, search_request.filters.get("country", ()))
        if first_page
        else []
    )
    return TemplateResponse(
        request,
        "search/results.html",
        results_context(request, results, directory, asked),
    )


@require_GET
def suggest_view(request):
    items = suggest(request.GET.get("q", ""))
    response = JsonResponse({"q": request.GET.get("q", ""), "suggestions": items})
    response["Cache-Control"] = "max-age=60"
    return response
