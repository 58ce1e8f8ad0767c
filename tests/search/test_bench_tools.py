"""The benchmark's comparison tools (bench/es_bodies.py, bench/warm_curve.py):
their arithmetic here; their runs against a node in test_benchmark.py."""

from bench.es_bodies import _outcome, _trimmed


def test_trimmed_mean_drops_a_tenth_at_each_end():
    assert _trimmed([]) == 0.0
    assert _trimmed([3.0]) == 3.0
    # 20 values: the lowest two and the highest two go.
    values = [100.0, 0.0, 99.0, 1.0] + [5.0] * 16
    assert _trimmed(values) == 5.0
    assert _trimmed(list(range(10))) == 4.5  # one each end: mean of 1..8


def test_outcome_compares_first_page_total_and_aggregations():
    response = {
        "hits": {
            "total": {"value": 12},
            "hits": [{"_id": "7", "_score": 2.5}, {"_id": "3", "_score": 1.0}],
        },
        "aggregations": {"b": {"buckets": [1]}, "a": {"value": 2}},
    }
    ids, total, aggregations = _outcome(response)
    assert ids == [("7", 2.5), ("3", 1.0)] and total == 12
    # Key order does not make two responses differ.
    reordered = dict(response, aggregations={"a": {"value": 2}, "b": {"buckets": [1]}})
    assert _outcome(reordered)[2] == aggregations
    assert _outcome({"hits": {"hits": []}}) == ([], None, "null")
