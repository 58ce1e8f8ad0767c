"""Search pages: thin, the query service decides everything."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from taxonomy.filters import canonical_redirect

from .services.directory import find_directory
from .services.presentation import results_context
from .services.query import SearchRequest, run_search, suggest
from .services.query.request import SEARCH_PARAMS


@require_GET
def search(request):
    if redirect := canonical_redirect(request, SEARCH_PARAMS):
        return redirect
    search_request = SearchRequest.from_querydict(request.GET)
    results = run_search(search_request)
    # The "Events and organisations" block: on the first page only (further
    # pages are for reading on through the practices), in the chosen countries.
    directory = (
        find_directory(search_request.q, search_request.filters.get("country", ()))
        if search_request.page == 1
        else []
    )
    return TemplateResponse(
        request, "search/results.html", results_context(request, results, directory)
    )


@require_GET
def suggest_view(request):
    items = suggest(request.GET.get("q", ""))
    response = JsonResponse({"q": request.GET.get("q", ""), "suggestions": items})
    response["Cache-Control"] = "max-age=60"
    return response
