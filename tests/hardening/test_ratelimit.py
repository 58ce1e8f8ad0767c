"""vetnet.ratelimit: one limiter for forms, rooms and registration."""

import pytest

from vetnet import ratelimit


def test_rates_are_written_count_slash_period():
    assert ratelimit.period_seconds(ratelimit.parse_rate("10/m")) == 60
    assert ratelimit.period_seconds(ratelimit.parse_rate("10/h")) == 3600
    assert ratelimit.period_seconds(ratelimit.parse_rate("10/10s")) == 10
    assert ratelimit.parse_rate("10/m").amount == 10
    assert ratelimit.parse_rate("0") is None and ratelimit.parse_rate("") is None
    with pytest.raises(ValueError):
        ratelimit.parse_rate("ten per minute")


@pytest.mark.redis
def test_a_limit_holds_across_processes(monkeypatch):
    rate = ratelimit.parse_rate("2/m")
    assert ratelimit.hit(rate, "test", "198.51.100.7")
    # Another process: no limiter of its own yet, the same Redis.
    monkeypatch.setattr(ratelimit, "_limiters", {})
    assert ratelimit.hit(rate, "test", "198.51.100.7")
    monkeypatch.setattr(ratelimit, "_limiters", {})
    assert not ratelimit.hit(rate, "test", "198.51.100.7")
    assert ratelimit.hit(rate, "test", "198.51.100.8")  # per address


def test_an_unreachable_store_lets_people_through(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    rate = ratelimit.parse_rate("1/m")
    assert all(ratelimit.hit(rate, "test", "x") for _ in range(3))


def test_without_redis_counts_stay_in_memory(settings):
    settings.REDIS_URL = ""
    rate = ratelimit.parse_rate("1/m")
    assert ratelimit.hit(rate, "memory", "x")
    assert not ratelimit.hit(rate, "memory", "x")
    ratelimit.reset()
