from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services.health import site_health


@never_cache
@require_GET
def healthz(request):
    body, can_serve = site_health()
    return JsonResponse(body, status=200 if can_serve else 503)
