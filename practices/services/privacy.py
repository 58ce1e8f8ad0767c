"""Members' materials stay private until their practice is published (issue 14).

A submission's documents and images go to the private "Practice materials in
review" collection (see workflow.review_collection): Wagtail leaves them out of
the API and its document serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view")
refuses them to everyone but Editors; `may_open` adds the member who uploaded
them. Publishing the practice moves its materials to the public "Practice
materials" collection; unpublishing or deleting it moves them back.

Images are files under /media/ that the web server hands out without asking
Django, so a private image's original carries a random token in its name (as do
its renditions, named after it). Making an image private again gives its original
a new random name and deletes its renditions: a URL seen while it was public
stops working.
"""

import re
import secrets
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex

from .workflow import EDITORS, materials_collection, review_collection

TOKEN = re.compile(r"^[0-9a-f]{16}-")


def private_name(filename):
    """A file name nobody can guess: a random token before the member's name."""
    name = TOKEN.sub("", PurePath(filename).name)
    return f"{secrets.token_hex(8)}-{name}"


def is_reviewer(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=EDITORS).exists()
    )


def in_review(item):
    return item.collection_id == review_collection().pk


def may_open(user, item):
    """Who may open a material of a practice in review."""
    if not in_review(item):
        return True
    if not user.is_authenticated:
        return False
    return is_reviewer(user) or item.uploaded_by_user_id == user.pk


def opens_as_uploader(user, item):
    """The uploader of a material in review who is not an editor: Wagtail's
    collection restriction would refuse them, so our view serves them."""
    return (
        user.is_authenticated
        and in_review(item)
        and item.uploaded_by_user_id == user.pk
        and not is_reviewer(user)
    )


def materials_of(page):
    """Ids of the images and documents a practice shows (cover and body)."""
    images, documents = set(), set()
    if page.image_id:
        images.add(page.image_id)
    _collect(page.body, images, documents)
    return images, documents


def _collect(value, images, documents):
    if isinstance(value, AbstractImage):
        images.add(value.pk)
    elif isinstance(value, AbstractDocument):
        documents.add(value.pk)
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            _collect(child, images, documents)
    elif isinstance(value, (StreamValue, ListValue, list, tuple)):
        for child in value:
            _collect(getattr(child, "value", child), images, documents)


@transaction.atomic
def publish_materials(page):
    """The practice is live: its materials in review become public."""
    images, documents = materials_of(page)
    if not images and not documents:
        return
    public, private = materials_collection(), review_collection()
    for model, ids in ((get_image_model(), images), (get_document_model(), documents)):
        model.objects.filter(pk__in=ids, collection=private).update(collection=public)


@transaction.atomic
def withdraw_materials(page):
    """The practice is unpublished or deleted: its members' materials go private,
    unless another live page shows them too."""
    images, documents = materials_of(page)
    if not images and not documents:
        return
    public, private = materials_collection(), review_collection()
    for document in get_document_model().objects.filter(
        pk__in=documents, collection=public
    ):
        if not _shown_elsewhere(document, page):
            document.collection = private
            document.save(update_fields=["collection"])
    for image in get_image_model().objects.filter(pk__in=images, collection=public):
        if not _shown_elsewhere(image, page):
            _hide_image(image, private)


def sync_all_materials():
    """Bring every submitted practice's materials in line with its state: for a
    site whose members submitted before materials in review were private.
    Returns (published, withdrawn) practice counts."""
    from practices.models import PracticePage

    published = withdrawn = 0
    for page in PracticePage.objects.filter(submitted_by__isnull=False).iterator():
        if page.live:
            publish_materials(page)
            published += 1
        else:
            # A draft's materials are those of its latest revision.
            withdraw_materials(page.get_latest_revision_as_object())
            withdrawn += 1
    return published, withdrawn


def _shown_elsewhere(item, page):
    page_ids = (
        ReferenceIndex.get_references_to(item)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return (
        Page.objects.live()
        .filter(pk__in=[int(pk) for pk in page_ids])
        .exclude(pk=page.pk)
        .exists()
    )


def _hide_image(image, private):
    storage = image.file.storage
    old_name = image.file.name
    for rendition in image.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    image.renditions.all().delete()
    with storage.open(old_name, "rb") as content:
        image.file.save(private_name(old_name), content, save=False)
    image.collection = private
    image.save(update_fields=["file", "collection"])
    storage.delete(old_name)
