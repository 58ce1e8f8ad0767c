"""Read-only JSON API (Wagtail API v2) of published pages, images and documents.

Every request's parameters are checked before Wagtail reads them (issue 14): a
value PostgreSQL cannot hold (an offset beyond its integer range, a NUL byte) or
one Wagtail passes on unchecked (an unknown locale, a search operator) answered
500. Now each answers 400 with a message naming the parameter; an out-of-range
id in a detail URL answers 404. Images and documents in private collections
(members' materials in review) are left out of the listings by Wagtail itself.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# PostgreSQL's integer: page, image and document ids, and a sane offset/limit.
MAX_INTEGER = 2**31 - 1
INTEGER_PARAMETERS = (
    "offset",
    "limit",
    "id",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
)
MAX_VALUE_LENGTH = {"search": 255, "fields": 1000, "order": 255, "html_path": 2000}
DEFAULT_MAX_LENGTH = 255
SEARCH_OPERATORS = ("and", "or")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
DIGITS = re.compile(r"[0-9]+")


def check_parameters(params):
    """Raise BadRequestError naming the first parameter with an invalid value."""
    for name, values in params.lists():
        for value in values:
            limit = MAX_VALUE_LENGTH.get(name, DEFAULT_MAX_LENGTH)
            if len(value) > limit:
                raise BadRequestError(
                    f"{name} is too long (at most {limit} characters)"
                )
            if CONTROL_CHARACTERS.search(value):
                raise BadRequestError(f"{name} contains a control character")
            if name in INTEGER_PARAMETERS and not (
                DIGITS.fullmatch(value) and int(value) <= MAX_INTEGER
            ):
                raise BadRequestError(
                    f"{name} must be a whole number from 0 to {MAX_INTEGER}"
                )
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    locale = params.get("locale")
    if locale is not None and locale not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        codes = ", ".join(dict(settings.WAGTAIL_CONTENT_LANGUAGES))
        raise BadRequestError(f"locale must be one of: {codes}")


class CheckedParametersMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        pk = kwargs.get("pk")
        if pk is not None and int(pk) > MAX_INTEGER:
            raise Http404("not found")
        check_parameters(request.GET)


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters convert booleans, integers and keys only; a date
    or an out-of-range number reached the database and failed there."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        fields = set(view.get_available_fields(model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = model._meta.get_field(name)
            except LookupError:
                continue
            if field.is_relation or isinstance(field, models.BooleanField):
                continue
            try:
                field.run_validators(field.to_python(value))
            except (ValidationError, TypeError, ValueError) as exc:
                raise BadRequestError(
                    f"field filter error. '{value}' is not a valid value for {name}"
                ) from exc
        return super().filter_queryset(request, queryset, view)


def checked_backends(backends):
    return [CheckedFieldsFilter if b is FieldsFilter else b for b in backends]


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    filter_backends = checked_backends(PagesAPIViewSet.filter_backends)


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    filter_backends = checked_backends(ImagesAPIViewSet.filter_backends)


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    filter_backends = checked_backends(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
