"""The fast engine (sets of states, one runtime run per class) against the plain one (one state at
a time, memoised on GameState.key()): on hundreds of random stories they must agree on every number
and every finding, and every walkthrough either gives must play to what it claims."""

from __future__ import annotations

import pytest
from authoringkit import STORIES, random_story

from game.authoring.explore import explore
from game.authoring.mdd import EMPTY, MDD
from game.engine import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StuckEvent, load_story
from game.engine.loader import load_story_files


def signature(result) -> tuple:
    return (
        result.complete, result.states, result.choice_states, result.doomed_states,
        {e: (r.reachable, len(r.choices), r.states, r.vars) for e, r in result.endings.items()},
        [(d.severity, d.code, d.loc, d.message) for d in result.diagnostics() if d.code != "soft-lock"],
        sorted((lock.kind, tuple(lock.nodes), lock.states, len(lock.choices)) for lock in result.soft_locks),
        result.variables,
    )


def walk(story, choices: list[int]):
    """Play `choices` through the runtime; the event where the walkthrough ends."""
    rt = Runtime(story)
    answers = iter(choices)
    for _ in range(10_000):
        event = rt.advance()
        if isinstance(event, (LineEvent, EnterEvent)):
            continue
        if isinstance(event, ChoiceEvent):
            pick = next(answers, None)
            if pick is None:
                return event, rt
            rt.choose(event.options[pick - 1].index)
            continue
        assert next(answers, None) is None, "the walkthrough has choices left over"
        return event, rt
    return None, rt


SEEDS = range(250)


@pytest.mark.parametrize("seed", SEEDS)
def test_engines_agree_on_random_stories(tmp_path, seed):
    check_agreement(tmp_path, seed, format2=False)


@pytest.mark.parametrize("seed", range(150))
def test_engines_agree_on_random_format2_stories(tmp_path, seed):
    """once, visits() and seen() are lowered into hidden variables: both engines stay exact."""
    story = check_agreement(tmp_path, seed, format2=True)
    assert story.variables  # hidden or declared, the exploration covered them


def test_the_format2_generator_uses_every_new_construct(tmp_path):
    used = {"once": 0, "visits(": 0, "seen(": 0, "id:": 0}
    for seed in range(150):
        text = (random_story(tmp_path / f"s{seed}", seed, format2=True) / "one.yaml").read_text()
        for word in used:
            used[word] += word in text
    assert all(count >= 20 for count in used.values()), used


def check_agreement(tmp_path, seed: int, format2: bool):
    story, diagnostics = load_story_files(random_story(tmp_path / "s", seed, format2), warnings=False)
    assert story is not None, [d.format() for d in diagnostics]
    fast = explore(story, method="symbolic")
    plain = explore(story, method="states")
    assert fast.method == "symbolic" and plain.method == "states"
    assert signature(fast) == signature(plain)
    for result in (fast, plain):
        for ending in result.endings.values():
            if ending.reachable:
                event, _ = walk(story, ending.choices)
                assert isinstance(event, EndEvent) and event.ending == ending.id
        for lock in result.soft_locks:
            event, rt = walk(story, lock.choices)
            if lock.kind == "stuck":
                assert isinstance(event, StuckEvent) and event.node == lock.nodes[0]
            else:
                assert rt.state.node in lock.nodes
    return story


@pytest.mark.parametrize("name", ["explore_combo", "explore_contradiction", "explore_softlock", "explore_cycle", "explore_silent", "explore_noreturn"])
def test_engines_agree_on_the_test_stories(name):
    story = load_story(STORIES / name)
    assert signature(explore(story, method="symbolic")) == signature(explore(story, method="states"))


def test_engines_agree_from_a_debug_start():
    from game.engine.debug import debug_state

    story = load_story(STORIES / "explore_cycle")
    start = debug_state(story, "block", ["rounds=2", "asked=3"])
    fast, plain = explore(story, start, method="symbolic"), explore(story, start, method="states")
    assert signature(fast) == signature(plain)
    assert fast.endings["stay"].choices == [3]  # asked is 3 already: "Stay" is open at the porch


# --- the decision diagrams on their own -------------------------------------------------------------
def test_mdd_set_algebra_matches_python_sets():
    import itertools
    import random

    rng = random.Random(7)
    space = list(itertools.product(range(3), [False, True], range(4)))
    mdd = MDD(3)

    def build(vectors):
        out = EMPTY
        for v in vectors:
            out = mdd.union(out, mdd.vector(v))
        return out

    for _ in range(200):
        a = set(rng.sample(space, rng.randint(0, len(space))))
        b = set(rng.sample(space, rng.randint(0, len(space))))
        ma, mb = build(a), build(b)
        assert mdd.count(ma) == len(a)
        assert mdd.count(mdd.union(ma, mb)) == len(a | b)
        assert mdd.count(mdd.diff(ma, mb)) == len(a - b)
        assert mdd.count(mdd.inter(ma, mb)) == len(a & b)
        assert mdd.union(ma, mb) == build(a | b)  # canonical: equal sets are the same node
        assert all(mdd.contains(ma, v) == (v in a) for v in space)
        assert mdd.values(ma, 2) == frozenset(v[2] for v in a)
        f = mdd.register([None, {False: True, True: False}, {0: 1, 1: 2, 2: 3, 3: 3}])
        image = {(x, not y, min(z + 1, 3)) for x, y, z in a}
        assert mdd.image(ma, f) == build(image)
        assert mdd.preimage_in(ma, mb, f) == build({v for v in a if (v[0], not v[1], min(v[2] + 1, 3)) in b})
        keep = frozenset({0, 2})
        assert mdd.restrict(ma, 0, keep) == build({v for v in a if v[0] in keep})


def test_wide_ranges_and_unranged_counters_agree(tmp_path):
    """An int with a huge range is handled value by value; the engines still agree."""
    (tmp_path / "story.yaml").write_text(
        'title: W\nstart: a\ncharacters:\n  n: {name: ""}\nvariables:\n  big: {start: 0, min: 0, max: 100000}\n'
        "  free: 5\nendings:\n  e: {title: E, summary: S.}\nchapters:\n  - c.yaml\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "chapter: c\ntitle: C\nnodes:\n  a:\n    lines:\n      - n: A.\n    choices:\n      - text: More.\n"
        "        if: big < 40\n        set: big += 7; free -= 1\n        goto: a\n      - text: Stop.\n        goto: b\n"
        "  b:\n    branch:\n      - if: big >= 35 and free == 0\n        goto: end\n      - goto: a\n"
        "  end:\n    lines:\n      - n: E.\n    ending: e\n", encoding="utf-8")
    story = load_story(tmp_path)
    fast, plain = explore(story, method="symbolic"), explore(story, method="states")
    assert signature(fast) == signature(plain)
    assert fast.endings["e"].choices == [1, 1, 1, 1, 1, 2]


def test_a_used_up_once_hub_without_next_is_a_soft_lock_both_engines_prove(tmp_path):
    (tmp_path / "story.yaml").write_text(
        'title: H\nstart: hub\ncharacters:\n  n: {name: ""}\nendings:\n  e: {title: E, summary: S.}\nchapters:\n  - c.yaml\n',
        encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "chapter: c\ntitle: C\nnodes:\n  hub:\n    lines:\n      - n: Ask.\n    choices:\n"
        "      - text: One.\n        once: true\n        goto: hub\n      - text: Two.\n        once: true\n        goto: hub\n"
        "      - text: Leave.\n        once: true\n        if: visits(hub) == 1\n        goto: out\n"
        "  out:\n    lines:\n      - n: Out.\n    ending: e\n", encoding="utf-8")
    story = load_story(tmp_path)
    fast, plain = explore(story, method="symbolic"), explore(story, method="states")
    assert signature(fast) == signature(plain)
    (lock,) = fast.soft_locks
    assert lock.kind == "stuck" and lock.nodes == ["hub"] and lock.choices == [1, 1]  # One, then Two: nothing left
    event, _ = walk(story, lock.choices)
    assert isinstance(event, StuckEvent)
    assert fast.endings["e"].choices == [3]  # Leave is only open on the first visit
