"""Thin views: submission, the member's submissions, exports and the Atom feed."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document

from vetnet.site import absolute_url

from .forms import PracticeSubmissionForm
from .models import PracticeIndexPage, PracticePage
from .services import export, listing, privacy
from .services.submission import create_submission, initial_from, resubmit
from .services.workflow import can_edit_submission, submissions_of


def index_page():
    page = PracticeIndexPage.objects.live().first()
    if page is None:
        raise Http404(_("The practice repository has not been set up yet."))
    return page


@login_required
def submit(request):
    index = index_page()
    if request.method == "POST":
        form = PracticeSubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            page = create_submission(request.user, form.cleaned_data)
            messages.success(
                request,
                _("Thank you! “%(title)s” has been sent to the editors for review.")
                % {"title": page.title},
            )
            return redirect("practices:mine")
        status = 400
    else:
        form = PracticeSubmissionForm()
        status = 200
    return render(
        request,
        "practices/submit.html",
        {"form": form, "index": index},
        status=status,
    )


@login_required
def edit(request, pk):
    index = index_page()
    page = get_object_or_404(PracticePage, pk=pk, submitted_by=request.user)
    row = next(row for row in submissions_of(request.user) if row["page"].pk == pk)
    if not can_edit_submission(row):
        messages.warning(
            request,
            _(
                "“%(title)s” is being reviewed or is published: it cannot be changed here."
            )
            % {"title": page.title},
        )
        return redirect("practices:mine")
    draft = page.get_latest_revision_as_object()
    if request.method == "POST":
        form = PracticeSubmissionForm(request.POST, request.FILES, editing=True)
        if form.is_valid():
            resubmit(page, request.user, form.cleaned_data)
            messages.success(
                request,
                _("Thank you! Your changes to “%(title)s” were sent back for review.")
                % {"title": form.cleaned_data["title"]},
            )
            return redirect("practices:mine")
        status = 400
    else:
        form = PracticeSubmissionForm(initial=initial_from(draft), editing=True)
        status = 200
    return render(
        request,
        "practices/submit.html",
        {"form": form, "index": index, "editing": draft, "review": row},
        status=status,
    )


@login_required
def mine(request):
    return render(
        request,
        "practices/my_practices.html",
        {"submissions": submissions_of(request.user), "index": index_page()},
    )


class PracticeFeed(Feed):
    """Atom feed of the newest published practices, filterable like the listing."""

    feed_type = Atom1Feed
    title = gettext_lazy("VET NET Community: good practices")
    subtitle = gettext_lazy("Newly published good practices in vocational education")
    limit = 50

    def get_object(self, request, *args, **kwargs):
        # The Feed instance is shared between requests: keep per-request state in
        # the object it returns, never on self.
        index = index_page()
        params = request.GET.copy()
        params["sort"] = "newest"
        filters = listing.parse_filters(params)
        query = filters.querystring(sort=None, page=None)
        return SimpleNamespace(
            params=params,
            link=absolute_url(index.get_url(request)) + (query if query != "?" else ""),
            url_for=export.absolute_url_for(request, index),
        )

    def link(self, obj):
        return obj.link

    def items(self, obj):
        items = []
        for page in listing.iter_export(obj.params, chunk=self.limit):
            page.feed_url = obj.url_for(page)
            items.append(page)
            if len(items) >= self.limit:
                break
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.organisation.name if item.organisation else None

    def item_categories(self, item):
        return item.card_themes + [sector["name"] for sector in item.card_sectors]


feed = PracticeFeed()


@require_GET
def material_download(request, document_id, document_filename):
    """/documents/<id>/<name>: Wagtail's serve view, which checks collection
    privacy, except for the member who uploaded a material of a practice still
    in review (Wagtail's restriction knows only groups)."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not privacy.opens_as_uploader(request.user, document):
        return wagtail_serve_document(request, document_id, document_filename)
    if document.filename != document_filename:
        raise Http404("not found")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
