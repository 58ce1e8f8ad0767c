"""A member's submission: a draft PracticePage in the review workflow."""

from html import unescape

from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from practices.models import PracticeIndexPage, PracticePage
from taxonomy.models import EQFLevel

from .member_mail import remember_language
from .privacy import private_name
from .workflow import review_collection, start_review, submit_for_review


def paragraphs_to_blocks(text):
    """Plain text with blank lines between paragraphs -> paragraph blocks."""
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        chunk = chunk.strip()
        if chunk:
            html = "<p>" + "<br>".join(escape(line) for line in chunk.split("\n"))
            blocks.append(("paragraph", RichText(html + "</p>")))
    return blocks


def unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:70].strip("-") or "practice"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def store_materials(checked_files, user, title, has_cover=False):
    """Save uploads as Wagtail documents / images in the private review
    collection (practices.services.privacy makes them public on publication).

    The first image becomes the cover unless the practice has one; the page
    shows its cover above the body, so that image is not added to the body too.
    """
    collection = review_collection()
    blocks, cover = [], None
    for uploaded, checked in checked_files:
        name = uploaded.name.rsplit("/", 1)[-1]
        if checked.kind == "image":
            uploaded.name = private_name(name)
            image = get_image_model()(
                title=name[:255],
                file=uploaded,
                collection=collection,
                uploaded_by_user=user,
            )
            image._set_image_file_metadata()
            image.save()
            if cover is None and not has_cover:
                cover = image
                continue
            blocks.append(
                ("image", {"image": image, "caption": "", "alt_text": title[:300]})
            )
        else:
            document = get_document_model()(
                title=name[:255],
                file=uploaded,
                collection=collection,
                uploaded_by_user=user,
            )
            document._set_document_file_metadata()
            document.save()
            blocks.append(("attachment", {"document": document, "label": name}))
    return blocks, cover


@transaction.atomic
def create_submission(user, data):
    """Create the draft from a valid PracticeSubmissionForm's cleaned_data."""
    index = PracticeIndexPage.objects.get()
    material_blocks, cover = store_materials(
        data.get("materials") or [], user, data["title"]
    )
    page = PracticePage(
        title=data["title"],
        slug=unique_slug(index, data["title"]),
        summary=data["summary"],
        body=paragraphs_to_blocks(data["description"]) + material_blocks,
        content_language=data["content_language"],
        country=data["country"],
        organisation=data.get("organisation"),
        funding_programme=data.get("funding_programme", ""),
        year_start=data.get("year_start"),
        year_end=data.get("year_end"),
        outcomes=data.get("outcomes", ""),
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        submitted_by=user,
        owner=user,
        image=cover,
        live=False,
    )
    index.add_child(instance=page)
    page.sectors.set(data.get("sectors") or [])
    page.target_groups.set(data.get("target_groups") or [])
    page.eqf_levels.set(EQFLevel.objects.filter(level__in=data.get("eqf_levels") or []))
    page.themes.set(data.get("themes") or [])
    page.save()
    remember_language(user)
    submit_for_review(page, user)
    return page


def initial_from(page):
    """Form values of a member's draft (its latest revision) for editing."""
    paragraphs = [
        unescape(strip_tags(block.value.source.replace("<br>", "\n")))
        for block in page.body
        if block.block_type == "paragraph"
    ]
    return {
        "title": page.title,
        "summary": page.summary,
        "description": "\n\n".join(paragraphs),
        "content_language": page.content_language,
        "country": page.country.code if page.country else "",
        "organisation": page.organisation_id,
        "sectors": [item.pk for item in page.sectors.all()],
        "target_groups": [item.pk for item in page.target_groups.all()],
        "eqf_levels": [level.level for level in page.eqf_levels.all()],
        "themes": ", ".join(page.themes.names()),
        "funding_programme": page.funding_programme,
        "year_start": page.year_start,
        "year_end": page.year_end,
        "outcomes": page.outcomes,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
    }


@transaction.atomic
def resubmit(page, user, data):
    """Save the member's corrections as a new revision and send it back for review.

    The page row stays as it is (unpublished); the revision carries the changes
    and is what the editor reviews and publishes.
    """
    draft = page.get_latest_revision_as_object()
    material_blocks, cover = store_materials(
        data.get("materials") or [], user, data["title"], has_cover=bool(draft.image)
    )
    kept_blocks = [
        (block.block_type, block.value)
        for block in draft.body
        if block.block_type != "paragraph"
    ]
    draft.title = data["title"]
    draft.draft_title = data["title"]
    draft.summary = data["summary"]
    draft.body = (
        paragraphs_to_blocks(data["description"]) + kept_blocks + material_blocks
    )
    draft.country = data["country"]
    draft.organisation = data.get("organisation")
    for name in (
        "funding_programme",
        "year_start",
        "year_end",
        "outcomes",
        "contact_name",
        "contact_email",
    ):
        setattr(draft, name, data.get(name) or (None if "year" in name else ""))
    draft.image = draft.image or cover
    draft.sectors.set(data.get("sectors") or [])
    draft.target_groups.set(data.get("target_groups") or [])
    draft.eqf_levels.set(
        EQFLevel.objects.filter(level__in=data.get("eqf_levels") or [])
    )
    draft.themes.set(data.get("themes") or [])
    draft.save_revision(user=user, log_action=True)
    remember_language(user)
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None:
        start_review(page, user)
    return page
