"""The shipped story holds the shape the story issue asks for, measured through the real runtime.

Figures: size, choice points, endings with long enough epilogues, few pure-flavour choices,
and what a typical player reads: the median of many seeded random playthroughs.
"""

import random
import statistics

import pytest

from game.authoring.stats import story_stats, words
from game.engine import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, load_story
from game.paths import story_dir


@pytest.fixture(scope="module")
def story():
    return load_story(story_dir())


def test_size_and_choices(story):
    totals = story_stats(story)["totals"]
    assert totals["chapters"] == 6
    assert totals["nodes"] >= 150
    assert totals["words"] >= 15_000
    assert totals["choice_points"] >= 60
    assert totals["endings"] >= 6


def test_core_characters_all_speak(story):
    speakers = {line.speaker for node in story.nodes.values() for line in node.lines}
    assert {"narrator", "theodore", "samantha", "amy", "catherine"} <= speakers


def test_every_ending_has_its_own_node_and_a_long_epilogue(story):
    for ending in story.endings:
        nodes = [n for n in story.nodes.values() if n.ending == ending]
        assert nodes, f"no node ends in {ending}"
        for node in nodes:
            epilogue = sum(words(line.text) for line in node.lines)
            assert epilogue >= 150, f"{node.id}: epilogue of {epilogue} words"


def test_few_choices_are_pure_flavour(story):
    """A choice is flavour when it sets nothing and goes where a sibling goes."""
    flavour = total = 0
    for node in story.nodes.values():
        for choice in node.choices:
            total += 1
            target = choice.goto or node.next
            siblings = {(c.goto or node.next) for c in node.choices if c is not choice}
            if choice.effects is None and target in siblings:
                flavour += 1
    assert flavour / total <= 0.22, f"{flavour} of {total} choices are pure flavour"


def _random_play(story, seed):
    rng = random.Random(seed)
    rt = Runtime(story)
    read = choices = 0
    while True:
        event = rt.advance()
        if isinstance(event, LineEvent):
            read += words(event.text)
        elif isinstance(event, ChoiceEvent):
            rt.choose(rng.choice(event.options).index)
            choices += 1
        elif isinstance(event, EndEvent):
            return read, choices, event.ending


def test_a_median_playthrough_is_long_enough(story):
    plays = [_random_play(story, seed) for seed in range(300)]
    full = [p for p in plays if p[2] != "quiet_apartment"]  # the early ending is meant to be short
    assert statistics.median(p[0] for p in full) >= 5_000
    assert statistics.median(p[1] for p in full) >= 20
    assert statistics.median(p[0] for p in plays) >= 2_500
    assert {p[2] for p in plays} == set(story.endings), "random play should meet every ending"


def test_the_early_ending_comes_before_the_end_of_chapter_three(story):
    early = [n for n in story.nodes.values() if n.ending == "quiet_apartment"]
    chapters = [c.id for c in story.chapters]
    assert all(chapters.index(n.chapter) <= 2 for n in early)


def test_earlier_choices_are_echoed_later(story):
    """Flags set in one chapter are read by conditional lines in a later one."""
    set_in: dict[str, int] = {}
    read_in: dict[str, set[int]] = {}
    for ci, chapter in enumerate(story.chapters):
        for nid in chapter.node_ids:
            node = story.nodes[nid]
            steps = list(node.lines) + [line for c in node.choices for line in c.lines]
            for effects in [line.effects for line in steps] + [c.effects for c in node.choices]:
                for name in effects.writes if effects else ():
                    set_in.setdefault(name, ci)
            for line in steps:
                for name in line.cond.names if line.cond else ():
                    read_in.setdefault(name, set()).add(ci)
    echoed = [v for v, ci in set_in.items() if any(r > ci for r in read_in.get(v, ()))]
    assert len(echoed) >= 6, echoed


def test_the_early_ending_is_a_choice_offered_only_after_shutting_her_out(story):
    """Issue 16: the switch-off for good is an option at the chapter 3 threshold, open only once he
    has shut Samantha out before, and the only way into the early ending."""
    early = next(n for n in story.nodes.values() if n.ending == "quiet_apartment")
    into = {nid for nid, node in story.nodes.items() for target, _ in node.targets() if target == early.id}
    assert into == {"closer_switch_off"}
    way_in = [(node, c) for node in story.nodes.values() for c in node.choices
              if (c.goto or node.next) in into | {early.id}]
    assert [(node.id, c.cond.source) for node, c in way_in] == [("closer_threshold", "withdrawals >= 1")]
    assert not way_in[0][1].cond(story.initial_vars())  # closed until he has withdrawn at least once


def test_the_forks_of_the_first_chapters_lead_to_scenes_of_their_own(story):
    """Each side of the chapter 2 and 3 forks is a different node, not a different reply."""
    def targets(node_id):
        node = story.nodes[node_id]
        return {c.goto or node.next for c in node.choices}

    assert {"wake_dinner", "wake_stay_in"} <= targets("wake_walk_home")
    assert {"closer_date_bar", "closer_no_date", "closer_tuesday"} <= targets("closer_date_offer")
    assert {"closer_fair", "closer_coast"} <= targets("closer_saturday")
    assert {"closer_fair_lost", "closer_fair_stall"} <= targets("closer_fair")
    assert {"closer_coast_home", "closer_coast_wall"} <= targets("closer_coast")
    for moment in ("closer_fair_wheel", "closer_coast_night"):
        love = [c for c in story.nodes[moment].choices if c.effects and "said_love" in c.effects.writes]
        assert love and all((c.goto or story.nodes[moment].next) == "closer_love_night" for c in love)
        assert {"closer_love_night", "closer_friend_night", "closer_quiet_night"} == targets(moment)


def test_chapter_three_routes_part_after_the_date_and_after_the_saturday(story):
    """Issue 16: the date's outcome and what he said on Saturday lead to scenes of their own, not
    straight back to one shared scene: the truth and the lie about the yes have different evenings,
    and only the one who said he loves her gets the morning she asks for his weekday."""
    def following(node_id):
        return {target for target, _ in story.nodes[node_id].targets()}

    assert following("closer_date_truth") == {"closer_date_after"}
    assert following("closer_date_lie") == {"closer_date_after_lie"}
    assert following("closer_love_night") == {"closer_morning_after"}
    for night in ("closer_friend_night", "closer_quiet_night"):
        assert following(night) == {"closer_end"}
    into_morning = {nid for nid, node in story.nodes.items() for target, _ in node.targets()
                    if target == "closer_morning_after"}
    assert into_morning == {"closer_love_night"}


def test_the_forks_of_chapters_five_and_six_lead_to_scenes_of_their_own(story):
    """Chapter 5: the hand is found at Dev's drinks or in Amy's hallway, and both lead into the
    quarrel; chapter 6: where and how he hears the news depends on the route (each a node)."""
    def targets(node_id):
        return {target for target, _ in story.nodes[node_id].targets()}

    assert {"grow_dev_drink", "grow_amy_hall"} <= targets("grow_dev_van")
    assert targets("grow_dev_drink") == targets("grow_amy_hall") == {"grow_hand"}
    assert "grow_weeks_supper" in targets("grow_weeks")
    assert targets("depart_call") == {"depart_dev", "depart_phone"}
    assert targets("depart_dev") == {"depart_ask", "depart_solan", "depart_amy_steps", "depart_subway"}
    for news in ("depart_phone", "depart_ask", "depart_solan", "depart_amy_steps", "depart_home"):
        assert targets(news) == {"depart_route"}, news


def test_chapter_six_moves_trust_by_at_most_two_and_offers_one_decision(story):
    """Issue 16: the last chapter decides between at most two endings with one real decision, and
    can no longer swing trust: over many random playthroughs, trust moves by at most 2 in total
    from depart_call on, and at most two choice points come after it."""
    chapter = {nid for nid, node in story.nodes.items() if node.chapter == "departure"}
    for seed in range(300):
        rng = random.Random(seed)
        rt = Runtime(story)
        inside, moved, menus, last = False, 0, 0, None
        while True:
            event = rt.advance()
            trust = rt.state.vars["trust"]
            if inside:
                moved += abs(trust - last)
            last = trust
            if isinstance(event, EnterEvent) and event.node in chapter:
                inside = True
            elif isinstance(event, ChoiceEvent):
                menus += inside
                rt.choose(rng.choice(event.options).index)
            elif isinstance(event, EndEvent):
                break
        assert moved <= 2, f"seed {seed}: chapter 6 moved trust by {moved}"
        assert menus <= 2, f"seed {seed}: {menus} choice points in chapter 6"
