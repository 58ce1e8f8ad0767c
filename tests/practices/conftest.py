"""Factories for the practice repository tests."""

import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image as PILImage
from wagtail.models import Locale

from community.models import Organisation
from practices.demo import ensure_index_page, ensure_locales
from practices.models import PracticePage
from taxonomy.models import EQFLevel, Sector, TargetGroup

TAXONOMY = {
    Sector: {
        "construction": {"en": "Construction", "it": "Edilizia", "el": "Κατασκευές"},
        "wood-furniture": {"en": "Wood and furniture", "it": "Legno e arredamento"},
        "food-catering": {"en": "Food and catering", "it": "Alimentare"},
    },
    TargetGroup: {
        "apprentices": {"en": "Apprentices", "it": "Apprendisti"},
        "vet-trainers": {"en": "VET trainers", "it": "Formatori"},
    },
}


@pytest.fixture
def index(db):
    ensure_locales()
    return ensure_index_page()


@pytest.fixture
def taxonomy(index):
    default = Locale.get_default()
    rows = {}
    for model, terms in TAXONOMY.items():
        for slug, names in terms.items():
            base = model.objects.create(slug=slug, name=names["en"], locale=default)
            rows[slug] = base
            for code, name in names.items():
                if code != "en":
                    model.objects.create(
                        slug=slug,
                        name=name,
                        locale=Locale.objects.get(language_code=code),
                        translation_key=base.translation_key,
                    )
    return rows


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Accademia dei Mestieri",
        slug="accademia",
        kind="vet_provider",
        country="IT",
    )


_counter = itertools.count(1)


@pytest.fixture
def make_practice(index, taxonomy):
    """Create and publish a practice; keyword arguments override the defaults."""

    def make(
        title=None,
        sectors=(),
        targets=(),
        eqf=(),
        themes=(),
        publish=True,
        **fields,
    ):
        n = next(_counter)
        title = title or f"Practice {n:03d}"
        fields.setdefault("slug", f"practice-{n:03d}")
        fields.setdefault("summary", f"Summary of {title}")
        fields.setdefault("content_language", "en")
        fields.setdefault("country", "IT")
        page = PracticePage(title=title, live=publish, **fields)
        index.add_child(instance=page)
        page.sectors.set([taxonomy[slug] for slug in sectors])
        page.target_groups.set([taxonomy[slug] for slug in targets])
        page.eqf_levels.set(list(EQFLevel.objects.filter(level__in=eqf)))
        page.themes.set(list(themes))
        page.save()
        if publish:
            page.save_revision().publish()
        return page

    return make


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(
        username="maria", email="maria@example.org", password="pw-for-tests-1"
    )


@pytest.fixture
def editor(index):
    user = get_user_model().objects.create_user(
        username="eddie", email="editor@example.org", password="pw-for-tests-1"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def png_bytes(size=(8, 8), fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
