"""Practices as the practices index holds them.

* :func:`build_document` turns plain values into the indexed dict (the
  benchmark's entry point too: it indexes exactly what a real practice sends);
  :func:`practice_document` reads them from a PracticePage.
* :func:`iter_practice_documents` yields every live public practice, for a
  rebuild.
* :func:`sync_page` brings one page's entry in line with the database (indexed
  when live and public, removed otherwise); the indexing task calls it.
"""

import html
import re
from types import SimpleNamespace

from ... import thesaurus
from ...documents import LANGUAGES, alias_name
from ..tokens import main_tags
from .writes import put_or_remove

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SKIP_KEYS = {"id", "type", "url", "link", "image", "document", "icon", "alt"}


def _strings(value, out):
    if isinstance(value, str):
        if value and not value.startswith(("http://", "https://", "/")):
            out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                _strings(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, out)


def stream_text(stream_value):
    """Plain text of a StreamField's raw data (rich text tags stripped)."""
    raw = getattr(stream_value, "raw_data", stream_value) or []
    pieces = []
    for block in raw:
        if isinstance(block, dict):
            _strings(block.get("value"), pieces)
    text = html.unescape(_TAG.sub(" ", "\n".join(pieces)))
    return _SPACE.sub(" ", text).strip()


def practice_queryset():
    from practices.models import PracticePage

    # Aliases out, as the practice listing has them: an alias is the same
    # practice at another address (practices.services.listing.queryset).
    return (
        PracticePage.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .select_related("organisation")
        .prefetch_related("sectors", "target_groups", "eqf_levels", "tagged_items__tag")
        .order_by("pk")
    )


def build_document(
    page_id,
    title,
    summary,
    body,
    language,
    url="",
    country=None,
    sectors=(),
    target_groups=(),
    themes=(),
    eqf=(),
    theme_names=(),
    organisation=None,
    funding_programme=None,
    year_start=None,
    first_published_at=None,
):
    """The indexed form of one practice from plain values."""
    language = language or "en"
    # Fields exist for every EU language; anything else is analysed plainly.
    fields = language if language in LANGUAGES else "en"
    text = f"{summary}\n{body}"
    # Themes are filtered by slug (as the listing does), suggested by name.
    named = theme_names or themes
    # The text's concepts and its themes' (what its editors say it is about).
    text_tags = [*thesaurus.concept_tags(text, fields), *theme_concepts(named)]
    suggest_inputs = [s.strip() for s in (title, *named) if s and s.strip()]
    return {
        "page_id": page_id,
        "url": url,
        "title": title,
        "summary": summary,
        "body": body,
        "language": language,
        "country": country,
        "sectors": list(sectors),
        "target_groups": list(target_groups),
        "themes": list(themes),
        "eqf": list(eqf),
        "organisation": organisation,
        "funding_programme": funding_programme or None,
        "year_start": year_start,
        "first_published_at": first_published_at,
        # Analysed by Elasticsearch (the language's built-in analyzer); copied
        # into folded_title / folded_text by the mapping.
        f"title_{fields}": title,
        f"text_{fields}": text,
        "suggest": {"input": list(dict.fromkeys(suggest_inputs))[:20]},
        "concepts_title": " ".join(thesaurus.concept_tags(title, fields, title=True)),
        "concepts_text": " ".join(text_tags),
        # From the same tags as concepts_text, themes included: PostgreSQL
        # reads the main concepts from concepts_text's postings (query/
        # postgresql.py), so counting anything else here made its result
        # counts differ from Elasticsearch's and SQLite's.
        "concepts_main": " ".join(main_tags(text_tags)),
    }


def theme_concepts(names):
    """Concept tags of a practice's themes: what its editors say it is about,
    which its text may never say in the thesaurus's words (the Finnish
    "personal competence development plans" practice, themed "individual
    learning plans"). Each theme is tagged as a mention in a text would be
    (every term it holds, with the English chain: the site's themes are
    shared English tags, filtered by slug), and the concept it names as a
    whole, read as a query is (thesaurus.concepts_in, its longest matches),
    once more: "digital skills" is one mention of digitalisation and of
    competence, two of digital skills. Written with the text's concepts: in
    the title's, the concept feedback followed them too far
    (search/eval/README.md, thirteenth session)."""
    return [
        tag
        for name in names
        for tag in (
            *dict.fromkeys(thesaurus.concept_tags(name, "en")),
            *map(thesaurus.concept_token, thesaurus.concepts_in(name)),
        )
    ]


def practice_body(page):
    """A practice's text after its summary: its body's, then its outcomes."""
    body = stream_text(page.body)
    if page.outcomes:
        body = f"{body}\n{page.outcomes}" if body else page.outcomes
    return body


def practice_document(page, url=None):
    """The indexed form of a PracticePage (``url`` may be precomputed by callers)."""
    body = practice_body(page)
    return build_document(
        page_id=page.pk,
        title=page.title,
        summary=page.summary,
        body=body,
        language=page.content_language,
        url=url if url is not None else (page.get_url() or ""),
        country=str(page.country) if page.country else None,
        sectors=[sector.slug for sector in page.sectors.all()],
        target_groups=[group.slug for group in page.target_groups.all()],
        themes=[item.tag.slug for item in page.tagged_items.all()],
        theme_names=[item.tag.name for item in page.tagged_items.all()],
        eqf=[level.level for level in page.eqf_levels.all()],
        organisation=page.organisation.name if page.organisation_id else None,
        funding_programme=page.funding_programme,
        year_start=page.year_start,
        first_published_at=page.first_published_at,
    )


def page_url(page, holder):
    """``page``'s URL; ``holder`` keeps Wagtail's site root paths for a whole
    batch (one cache read instead of one per page)."""
    parts = page.get_url_parts(request=holder)
    return parts[2] if parts else None


def iter_practice_documents(batch_size=500):
    """Every live public practice as a document, read in primary-key batches."""
    holder = SimpleNamespace()
    last_pk = 0
    while True:
        batch = list(practice_queryset().filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        for page in batch:
            yield practice_document(page, url=page_url(page, holder))
        last_pk = batch[-1].pk


def practice_document_of(page_id):
    """The document of a live public practice, or None (unpublished, private,
    deleted)."""
    page = practice_queryset().filter(pk=page_id).first()
    return practice_document(page) if page is not None else None


def sync_page(page_id, refresh=True):
    """Index or remove one practice according to the database (see
    :func:`~.writes.put_or_remove`)."""
    document = practice_document_of(page_id)
    return put_or_remove(alias_name(), page_id, document, refresh=refresh)
