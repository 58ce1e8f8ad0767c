"""Django's Redis cache backend, with one client object per connection pool.

Django's RedisCacheClient makes a new ``redis.Redis`` for every cache operation
(get_client), and redis-py fills each new one's table of ~200 response callbacks:
about 0.15 ms of CPU per operation, ~14 operations per listing page (content
version, counts, ids, cards, fragments), a third of a warm listing request's
CPU at 10,000 practices. A ``redis.Redis`` is safe to share between threads (it
takes a connection from its pool for each command), so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
