"""10,000 generated practices inserted in bulk.

The Wagtail page rows get their treebeard materialised path (steplen 4, base 36)
computed here, then the PracticePage rows, their many-to-many links and tags follow
in batches: creating them one by one through `add_child` takes minutes (each call
locks and renumbers the parent); the bulk path takes seconds.
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bench.common import Progress
from bench.vocabulary import COUNTRIES, LANGS, PROGRAMMES, WORDS, sentence

PRACTICES = 10_000


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


STEPLEN = 4


def encode_step(number):
    digits = ""
    while number:
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


def decode_step(step):
    return int(step, len(ALPHABET))


def practice_body(rng, lang):
    blocks = [
        {"type": "heading", "value": {"text": sentence(rng, lang, 4), "level": "h2"}}
    ]
    for _ in range(4):
        blocks.append(
            {"type": "paragraph", "value": f"<p>{sentence(rng, lang, 70)}</p>"}
        )
    blocks.append(
        {
            "type": "quote",
            "value": {"text": sentence(rng, lang, 20), "attribution": "Participant"},
        }
    )
    for block in blocks:
        block["id"] = str(uuid.UUID(int=rng.getrandbits(128)))
    return blocks


def create_practices(rng, index, sectors, groups, levels, org_ids):
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from practices.models import PracticePage, PracticeTag

    already = (
        PracticePage.objects.child_of(index).filter(slug__startswith="bench-").count()
    )
    if already >= PRACTICES:
        return
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(PracticePage)
    index = Page.objects.get(pk=index.pk)  # fresh path/numchild
    last_child = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    last_child = last_child.order_by("-path").values_list("path", flat=True).first()
    next_step = decode_step(last_child[-STEPLEN:]) + 1 if last_child else 1

    theme_names = sorted({w.lower() for lang in LANGS for w in WORDS[lang][:12]})
    tags = {}
    for name in theme_names:
        tag, _ = Tag.objects.get_or_create(
            slug=slugify(name, allow_unicode=True) or name, defaults={"name": name}
        )
        tags[name] = tag.pk

    page_fields = list(PracticePage._meta.local_concrete_fields)
    now = timezone.now()
    progress = Progress("practices", PRACTICES)
    batch = 500
    for start in range(0, PRACTICES, batch):
        pages, details = [], []
        for i in range(start, min(start + batch, PRACTICES)):
            lang = LANGS[i % len(LANGS)]
            title = f"{sentence(rng, lang, 4).capitalize()} {i:05d}"
            slug = f"bench-{i:05d}"
            published = now - timedelta(minutes=PRACTICES - i)
            pages.append(
                Page(
                    path=index.path + encode_step(next_step + i),
                    depth=index.depth + 1,
                    numchild=0,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    url_path=f"{index.url_path}{slug}/",
                    seo_title="",
                    search_description="",
                )
            )
            details.append(
                {
                    "summary": sentence(rng, lang, 40),
                    "body": practice_body(rng, lang),
                    "content_language": lang,
                    "country": rng.choice(COUNTRIES),
                    "organisation_id": rng.choice(org_ids) if org_ids else None,
                    "funding_programme": rng.choice(PROGRAMMES),
                    "year_start": rng.randint(2014, 2024),
                    "outcomes": sentence(rng, lang, 30),
                    "contact_name": "Contact person",
                    "contact_email": f"contact{i}@example.org",
                    "themes": rng.sample(theme_names, 2),
                }
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            practices = []
            for page, detail in zip(created, details, strict=True):
                practice = PracticePage(page_ptr_id=page.pk)
                for name, value in detail.items():
                    if name != "themes":
                        setattr(practice, name, value)
                practices.append(practice)
            PracticePage._base_manager._insert(
                practices, fields=page_fields, using="default"
            )
            sector_links, group_links, level_links, tag_links = [], [], [], []
            through_s = PracticePage.sectors.through
            through_g = PracticePage.target_groups.through
            through_l = PracticePage.eqf_levels.through
            for page, detail in zip(created, details, strict=True):
                for pk in rng.sample(sectors, min(2, len(sectors))):
                    sector_links.append(
                        through_s(practicepage_id=page.pk, sector_id=pk)
                    )
                for pk in rng.sample(groups, min(1, len(groups))):
                    group_links.append(
                        through_g(practicepage_id=page.pk, targetgroup_id=pk)
                    )
                for pk in rng.sample(levels, min(2, len(levels))):
                    level_links.append(
                        through_l(practicepage_id=page.pk, eqflevel_id=pk)
                    )
                for name in detail["themes"]:
                    tag_links.append(
                        PracticeTag(content_object_id=page.pk, tag_id=tags[name])
                    )
            through_s.objects.bulk_create(sector_links)
            through_g.objects.bulk_create(group_links)
            through_l.objects.bulk_create(level_links)
            PracticeTag.objects.bulk_create(tag_links)
        progress.update(min(start + batch, PRACTICES))
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + PRACTICES)
    progress.done()
