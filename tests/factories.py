"""factory_boy factories for what the tests create: people, organisations, taxonomy
terms, practice and event pages, registrations, rooms, messages, threads and posts.

Wagtail pages are never saved on their own: `PageFactory` puts each one under its
parent with `add_child` and saves a revision, publishing it unless `publish=False`
(a draft then has a revision and is not live, as one saved in the admin)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from community.models import Organisation
from events.models import EventPage, Registration
from forums.models import Message, Post, Room, Thread
from practices.models import PracticePage
from taxonomy.models import EQFLevel, Sector, TargetGroup

PASSWORD = "a-long-Test-passw0rd"

# The terms the tests name by slug, with their names per language. A term not
# listed here is named after its slug, in the default language only.
TERM_NAMES = {
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


def maker(factory, first, **fixed):
    """`factory` with `fixed` arguments, taking the field `first` as its positional
    argument (make_event("rome-workshop") rather than make_event(slug=...))."""

    def make(value=None, /, **fields):
        if value is not None:
            fields[first] = value
        return factory(**fixed, **fields)

    return make


# People and organisations ------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `groups=["Editors"]` puts it in groups (looked up by name)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.LazyAttribute(lambda user: user.username.title())
    last_name = ""
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or ():
            self.groups.add(Group.objects.get(name=name))


class MemberFactory(UserFactory):
    """A member as signing up leaves one: an e-mail address (verified unless
    `verified=False`) and the welcome (profile, Members group)."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.LazyAttribute(lambda user: user.email.split("@")[0])
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    first_name = "Test"
    last_name = "User"

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        from allauth.account.models import EmailAddress

        from community.services.profiles import welcome_new_member

        EmailAddress.objects.create(
            user=self,
            email=self.email,
            verified=True if extracted is None else extracted,
            primary=True,
        )
        welcome_new_member(self)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.LazyAttribute(lambda org: org.slug.replace("-", " ").title())
    kind = "vet_provider"
    country = "IT"
    languages = factory.LazyFunction(lambda: ["it"])


# Taxonomy ------------------------------------------------------------------------


class TermFactory(factory.django.DjangoModelFactory):
    """A term in the default language with its translations from TERM_NAMES, or the
    existing one with that slug."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug", "locale")
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"term-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def translations(self, create, extracted, **kwargs):
        names = TERM_NAMES.get(type(self), {}).get(self.slug, {})
        for code, name in names.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None or locale == self.locale:
                continue
            type(self).objects.get_or_create(
                slug=self.slug,
                locale=locale,
                defaults={"name": name, "translation_key": self.translation_key},
            )


def english_name(model):
    """The name of a term in the default language: its TERM_NAMES entry, or its slug."""

    def name(term):
        names = TERM_NAMES.get(model, {}).get(term.slug, {})
        return names.get("en", term.slug.replace("-", " ").capitalize())

    return factory.LazyAttribute(name)


class SectorFactory(TermFactory):
    class Meta:
        model = Sector

    name = english_name(Sector)


class TargetGroupFactory(TermFactory):
    class Meta:
        model = TargetGroup

    name = english_name(TargetGroup)


# Pages ---------------------------------------------------------------------------


class PageFactory(factory.django.DjangoModelFactory):
    """A Wagtail page under `parent`, saved with a revision and published unless
    `publish=False`. Many-to-many values are set before the revision is saved."""

    class Meta:
        abstract = True

    publish = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        relations = {
            name: kwargs.pop(name)
            for name in cls._relations
            if kwargs.get(name) is not None
        }
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        if relations:
            for name, values in relations.items():
                getattr(page, name).set(list(values))
            page.save()
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    _relations = ()


class PracticePageFactory(PageFactory):
    """A practice; `sectors` and `target_groups` are slugs, `eqf_levels` numbers,
    `themes` tag names, `body` a paragraph of text."""

    class Meta:
        model = PracticePage
        exclude = ("n",)

    n = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda page: f"Practice {page.n:03d}")
    slug = factory.LazyAttribute(lambda page: f"practice-{page.n:03d}")
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}")
    content_language = "en"
    country = "IT"
    body = factory.LazyFunction(list)

    _relations = ("sectors", "target_groups", "eqf_levels", "themes")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs.get("body"), str):
            text = kwargs["body"]
            kwargs["body"] = [("paragraph", f"<p>{text}</p>")] if text else []
        sectors, targets = kwargs.pop("sectors", ()), kwargs.pop("target_groups", ())
        kwargs["sectors"] = [SectorFactory(slug=slug) for slug in sectors]
        kwargs["target_groups"] = [TargetGroupFactory(slug=slug) for slug in targets]
        kwargs["eqf_levels"] = EQFLevel.objects.filter(
            level__in=kwargs.pop("eqf_levels", ())
        )
        kwargs["themes"] = list(kwargs.pop("themes", ()))
        return super()._create(model_class, *args, **kwargs)


def in_30_days():
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=30)


class EventPageFactory(PageFactory):
    """A workshop in Rome a month from now: two seats and a waiting list."""

    class Meta:
        model = EventPage

    title = "Rome international workshop"
    slug = factory.LazyAttribute(lambda event: slugify(event.title))
    kind = "workshop"
    summary = ""
    start = factory.LazyFunction(in_30_days)
    end = factory.LazyAttribute(lambda event: event.start + dt.timedelta(days=1))
    timezone = "Europe/Rome"
    venue_name = "CNA Headquarters"
    venue_address = "Piazza Mariano Armellini 9/a"
    city = "Rome"
    country = "IT"
    capacity = 2
    waiting_list = True

    _relations = ("organisers", "sectors", "themes")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """`sectors` slugs and `themes` tag names, as for practices."""
        if kwargs.get("sectors") is not None:
            kwargs["sectors"] = [SectorFactory(slug=slug) for slug in kwargs["sectors"]]
        if kwargs.get("themes") is not None:
            kwargs["themes"] = list(kwargs["themes"])
        return super()._create(model_class, *args, **kwargs)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = "CNA"
    country = "IT"
    role = Registration.Role.TRAINER
    language = "en"
    consent = True


# Forums --------------------------------------------------------------------------


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Room {n}")
    slug = factory.LazyAttribute(lambda room: slugify(room.name))


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    room = factory.SubFactory(RoomFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Message {n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Thread {n}")
    slug = factory.LazyAttribute(lambda thread: slugify(thread.title))
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda post: post.thread.author)
    body = factory.Sequence(lambda n: f"Post {n}")
