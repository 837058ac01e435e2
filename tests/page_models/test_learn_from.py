"""Who to learn from (issue 28, part 4): where a council is worse or getting worse on a measure, the councils rated
better on it against the same benchmark, its nearest neighbours first; on the published warehouse."""

from analysis.vocabulary import STRENGTHS
from callbacks.state import profile_state
from data.catalogue import catalogue
from page_models import council_model

TRAFFORD = "E08000009"


def test_only_councils_rated_better_on_that_measure_are_named_nearest_neighbours_first(published):
    for query in ("", "?benchmark=england&period=2022-23"):
        state = profile_state(published, TRAFFORD, query)
        page = council_model.build(published, TRAFFORD, state)
        names = {c: a["name"] for c, a in published.areas().items()}
        codes = {v: k for k, v in names.items()}
        neighbours = set(published.nearest_neighbours(TRAFFORD)["members"])
        comparator = {"north-west": "region", "england": "england"}[state.benchmark]
        listed = 0
        for p in (p for s in page.sections for p in s.rows):
            if not council_model.needs_learning(p.row):
                assert p.learn_from == (), p.measure.id
                continue
            rated = {r.area_code: r.rating
                     for r in published.ratings(comparator=comparator, period=p.row.record.period)
                     if r.measure_id == p.measure.id}
            named = [codes[name] for name, _ in p.learn_from]
            assert all(rated.get(c) in STRENGTHS for c in named) and TRAFFORD not in named, (p.measure.id, named)
            assert len(named) <= council_model.LEARN_FROM_SHOWN
            near = [c in neighbours for c in named]
            assert near == sorted(near, reverse=True), (p.measure.id, named)  # neighbours before the others
            better = [c for c, rating in rated.items() if rating in STRENGTHS and c != TRAFFORD
                      and c in {x["code"] for x in published.councils_in(p.row.record.period)}]
            assert bool(named) == bool(better), (p.measure.id, better)  # none left out where there are some
            listed += bool(named)
        assert listed >= 3, query


def test_the_best_come_first_after_the_neighbours_on_a_lower_is_better_measure():
    m = catalogue().known_measure("ascof_2a2")  # care home admissions 65+: lower is better
    assert m.polarity == "lower_better"
    names = {"A": "Aby", "B": "Bee", "C": "Cee", "D": "Dee"}
    found = council_model.learn_from([("A", 500.0), ("B", 350.0), ("C", 420.0), ("D", 610.0)], ["D"], m, names)
    assert found == (("Dee", "610.0 per 100,000"), ("Bee", "350.0 per 100,000"), ("Cee", "420.0 per 100,000"))


def test_the_profile_says_where_to_look_first_worse_and_getting_worse_before_worse(published):
    for query in ("", "?benchmark=england", "?period=2022-23"):
        page = council_model.build(published, TRAFFORD, profile_state(published, TRAFFORD, query))
        rows = [p for s in page.sections for p in s.rows if council_model.needs_learning(p.row)]
        assert 0 < len(page.look_first) == min(len(rows), council_model.LOOK_FIRST_SHOWN), query
        kinds = [(not p.row.record.red_red, p.row.record.rating not in council_model.WEAKNESSES)
                 for p in page.look_first]
        assert kinds == sorted(kinds), query  # red-red first, then rated worse, then only getting worse
        everything = sorted((not p.row.record.red_red, p.row.record.rating not in council_model.WEAKNESSES)
                            for p in rows)
        assert kinds == everything[:len(kinds)], query  # none more urgent left out
