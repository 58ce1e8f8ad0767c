from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practices.views import material_download

from .api import api_router
from .health import healthz


class FaviconView(RedirectView):
    """/favicon.ico -> the static file (resolved per request: the hashed name
    exists only once collectstatic has run)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every site whatever the page declares.
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    # Members open their own materials in review here; everything else goes on
    # to Wagtail's serve view (same URL, same name for reverse()).
    path(
        "documents/<int:document_id>/<path:document_filename>",
        material_download,
        name="material_download",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Open Badges documents and certificates: stable URLs, no language prefix.
    path("credentials/", include("credentials.ob_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Media files for development, except documents: those go through Wagtail's
    # serve view (/documents/<id>/<name>), which checks collection privacy.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?!documents/).*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# English is the default language and has no prefix; it es ca el de nl live under
# /<lang>/. App routes come before Wagtail's catch-all page serving.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("practices/", include("practices.urls")),
    path("events/", include("events.urls")),
    path("forums/", include("forums.urls")),
    path("counselling/", include("counselling.urls")),
    path("search/", include("search.urls")),
    path("insights/", include("insights.urls")),
    path("credentials/", include("credentials.urls")),
    # Before Wagtail's pages: /learn/ itself and the courses are pages.
    path("learn/", include("learning.urls")),
    path("", include("notifications.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
