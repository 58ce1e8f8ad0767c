"""The Redis cache backend keeps one client per connection pool
(vetnet/cache_redis.py): Django's made a new one, with its ~200 response
callbacks, for every cache operation (~14 per listing page)."""

import threading

import pytest
from django.conf import settings

from vetnet.cache_redis import SharedClientRedisCache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")


@pytest.fixture
def redis_cache():
    backend = SharedClientRedisCache(
        settings.REDIS_URL, {"KEY_PREFIX": "test-cache-redis", "TIMEOUT": 60}
    )
    made = []
    make = backend._cache._client

    def counted(**kwargs):
        made.append(kwargs)
        return make(**kwargs)

    backend._cache._client = counted
    yield backend, made
    backend.clear()


def test_cache_operations_share_one_client(redis_cache):
    backend, made = redis_cache
    backend.set("a", 1)
    backend.get_many(["a", "b"])
    backend.add("b", 2)
    assert backend.incr("a") == 2
    assert backend.get("b") == 2
    assert len(made) == 1


def test_threads_sharing_the_client_each_get_their_own_values(redis_cache):
    backend, made = redis_cache
    errors = []

    def work(n):
        for i in range(50):
            backend.set(f"t{n}:{i}", (n, i))
            if backend.get(f"t{n}:{i}") != (n, i):
                errors.append((n, i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(made) == 1


def test_the_site_uses_it_with_redis():
    from vetnet.settings import base

    if base.REDIS_URL:
        assert (
            base.CACHES["default"]["BACKEND"]
            == "vetnet.cache_redis.SharedClientRedisCache"
        )
