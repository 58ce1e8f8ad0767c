"""The leave-one-set-out choice of a scoring rule (search.evaluation.
leave_one_out, manage.py eval_loso): each set is judged by what the other
sets pick, never by what it picks itself, and a tie keeps the baseline."""

from search.evaluation import leave_one_out

SETS = ("a", "b", "c")


def ndcg(value, _recall):
    return value


def test_each_set_is_judged_by_what_the_others_pick():
    # "tuned" wins on a and b only: the fold holding out c picks it and
    # loses there; the folds holding out a or b see it lose on c, keep the baseline
    table = {
        "baseline": {"a": (0.5, 0), "b": (0.5, 0), "c": (0.5, 0)},
        "tuned": {"a": (0.7, 0), "b": (0.7, 0), "c": (0.1, 0)},
    }
    folds = leave_one_out(table, SETS, ndcg, "baseline")
    assert [(f.held_out, f.picked) for f in folds] == [
        ("a", "baseline"),
        ("b", "baseline"),
        ("c", "tuned"),
    ]
    assert folds[2].score == (0.1, 0) and folds[2].baseline == (0.5, 0)


def test_a_choice_better_everywhere_is_picked_in_every_fold():
    table = {
        "baseline": {"a": (0.5, 0), "b": (0.6, 0), "c": (0.7, 0)},
        "better": {"a": (0.6, 0), "b": (0.7, 0), "c": (0.8, 0)},
    }
    folds = leave_one_out(table, SETS, ndcg, "baseline")
    assert {f.picked for f in folds} == {"better"}
    assert all(f.score[0] > f.baseline[0] for f in folds)
