"""Search backend state as seen by /healthz (shares the query service's breaker)."""

from django.db import DatabaseError
from elasticsearch import NotFoundError

from ..documents import alias_name, schema_fingerprint
from ..models import PracticeTokens
from .client import SearchUnavailable, breaker, call, is_configured
from .indexing.lifecycle import stored_schema
from .query import fulltext


def search_health(database_up=True):
    if not is_configured():
        # The database's own full-text engine over the same analysis: a
        # first-class engine, not a fallback.
        backend = fulltext.engine_name() or "database"
        if not database_up:  # the database check found it gone: not asked again
            return {
                "status": "down",
                "backend": backend,
                "reason": "the database is down",
            }
        try:
            documents = PracticeTokens.objects.count()
        except DatabaseError as exc:  # the database check reports the outage
            return {"status": "down", "backend": backend, "reason": str(exc)[:200]}
        return {"status": "ok", "backend": backend, "documents": documents}
    try:
        health = call(lambda client: client.cluster.health())
    except SearchUnavailable as exc:
        reason = str(exc) if breaker.is_open() else exc.__class__.__name__
        return {"status": "degraded", "backend": "database", "reason": reason[:200]}
    try:
        count = call(lambda client: client.count(index=alias_name())["count"])
        schema = call(lambda client: stored_schema(client, alias_name()))
    except NotFoundError:
        return {
            "status": "degraded",
            "backend": "database",
            "cluster": health.get("status"),
            "reason": f"no index behind alias {alias_name()} (run search_index rebuild)",
        }
    except SearchUnavailable as exc:
        return {"status": "degraded", "backend": "database", "reason": str(exc)[:200]}
    try:
        # The events-and-organisations index carries the same fingerprint.
        directory = call(lambda client: stored_schema(client, alias_name("directory")))
    except NotFoundError:
        directory = None  # none yet: built by older code
    except SearchUnavailable as exc:
        return {"status": "degraded", "backend": "database", "reason": str(exc)[:200]}
    if {schema, directory} != {schema_fingerprint()}:
        # Queries may be refused (an analyzer the old index lacks), or miss what
        # its documents lack (the concept tags): rebuild the index.
        return {
            "status": "degraded",
            "backend": "elasticsearch",
            "cluster": health.get("status"),
            "documents": count,
            "reason": "index built by an older version (run search_index rebuild)",
        }
    return {
        "status": "ok",
        "backend": "elasticsearch",
        "cluster": health.get("status"),
        "documents": count,
    }
