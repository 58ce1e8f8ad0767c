"""Elasticsearch's suggestions: "did you mean" for a query that finds little,
and the titles offered while typing (the search box's completion). Apart from
the ranking request (elasticsearch.py): each is a request of its own."""

import logging

from elasticsearch import ApiError

from ...documents import alias_name
from ..client import SearchUnavailable, send_search
from .request import SUGGEST_LIMIT

logger = logging.getLogger(__name__)


def did_you_mean_body(analysed):
    """A suggest-only request: asked only when a query finds little, so the
    common case pays nothing for it."""
    body = {"size": 0, "track_total_hits": False}
    body["suggest"] = {
        "did_you_mean": {
            "text": analysed.folded,
            "phrase": {
                "field": "folded_text",
                "size": 3,
                "max_errors": 2,
                # Any better phrase than the user's (we drop it if identical):
                # the default (1.0) stays silent on small indices.
                "confidence": 0,
                "direct_generator": [
                    {
                        "field": "folded_text",
                        "suggest_mode": "missing",
                        "min_word_length": 3,
                    }
                ],
            },
        }
    }
    return body


def did_you_mean(analysed):
    if not analysed.folded:
        return ""
    body = did_you_mean_body(analysed)
    try:
        response = send_search(alias_name(), body)
    except ApiError as exc:
        logger.warning("search: suggestion failed: %s", exc)
        return ""
    suggestions = response.get("suggest", {}).get("did_you_mean") or [{}]
    for option in suggestions[0].get("options", []):
        text = option.get("text", "")
        if text and text != analysed.folded:
            return text
    return ""


def title_suggestions(q):
    """Titles completing ``q`` (fuzzy past its first letters)."""
    body = {
        "suggest": {
            "titles": {
                "prefix": q,
                "completion": {
                    "field": "suggest",
                    "size": SUGGEST_LIMIT,
                    "skip_duplicates": True,
                    "fuzzy": {
                        "fuzziness": "AUTO",
                        "prefix_length": 2,
                        "min_length": 4,
                    },
                },
            }
        },
        "_source": ["title", "url", "language"],
    }
    try:
        response = send_search(alias_name(), body)
    except ApiError as exc:
        raise SearchUnavailable(str(exc)) from exc
    items = []
    for option in response["suggest"]["titles"][0]["options"]:
        source = option.get("_source", {})
        items.append(
            {
                "text": option["text"],
                "title": source.get("title", ""),
                "url": source.get("url", ""),
                "language": source.get("language", ""),
            }
        )
    return items[:SUGGEST_LIMIT]
