"""Search backend state as seen by /healthz."""

from django.conf import settings


def search_health():
    if not settings.ELASTICSEARCH_URL:
        # Embedded default: the database answers searches; fully working, less precise.
        return {
            "status": "degraded",
            "backend": "database",
            "reason": "ELASTICSEARCH_URL unset",
        }
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=1.0)
    try:
        health = client.cluster.health()
    except Exception as exc:  # noqa: BLE001 - unreachable, timeout, auth ...
        return {
            "status": "degraded",
            "backend": "database",
            "error": exc.__class__.__name__,
        }
    return {"status": "ok", "backend": "elasticsearch", "cluster": health.get("status")}
