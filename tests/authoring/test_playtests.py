"""`her test`: playtests that pass, and failures that say at which step and node they diverged."""

from __future__ import annotations

import json
import textwrap

from authoringkit import SHIPPED, STORIES, her

from game.authoring.playtest import load_playtests, run_playtest
from game.engine import load_story

COMBO = STORIES / "explore_combo"


def write(tmp_path, text: str):
    path = tmp_path / "playtests.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_passing_playtests():
    result = her("test", "--story", str(COMBO))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "playtests: 4 passed, 0 failed"
    assert any(line.startswith("ok    vault ") and line.endswith("4 choices -> vault") for line in lines)


def test_failure_names_the_step_the_node_and_the_options(tmp_path):
    path = write(tmp_path, """\
        fine:
          choices: [1, 1]
          ending: street
        wrong_turn:
          choices: [1, 3, 1]
          ending: vault
        """)
    result = her("test", "--story", str(COMBO), "--file", str(path), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "FAIL  wrong_turn" in lines
    failure = lines[lines.index("FAIL  wrong_turn") + 1]
    # the test's name is at line 4, column 1 of the file; at step 2 only two options are open at the cellar
    assert failure.startswith("playtests.yaml:4:1: error: playtest 'wrong_turn': step 2: at node 'cellar' (")
    assert "rooms.yaml:" in failure
    assert failure.endswith("choice 3 is not available; the options were 1) Light the lamp.; 2) Knock on the wall.")
    assert lines[-1] == "playtests: 1 passed, 1 failed"


def test_each_kind_of_failure():
    story = load_story(COMBO)
    from game.authoring.playtest import Playtest
    from game.engine.diagnostics import Loc

    def run(**spec):
        return run_playtest(story, Playtest("t", Loc("p.yaml", 1, 1), **spec))

    wrong = run(choices=[2, 1], ending="vault")
    assert not wrong.ok and wrong.ending == "street" and "ended in 'street', expected 'vault'" in wrong.message
    leftover = run(choices=[2, 1, 1], ending="street")
    assert not leftover.ok and "1 choice(s) left over" in leftover.message and leftover.step == 2
    short = run(choices=[1], ending="vault")
    assert not short.ok and short.step == 2 and short.node == "cellar"
    assert short.options == ["1) Light the lamp.", "2) Knock on the wall."]
    unvisited = run(choices=[2, 1], visits=["landing", "ending_vault"])
    assert not unvisited.ok and "never visited 'ending_vault'" in unvisited.message and "'landing'" not in unvisited.message
    values = run(choices=[1, 2, 1], vars={"knocks": 2, "key": True})
    assert not values.ok and "knocks is 1, expected 2" in values.message and "key" not in values.message.split("(")[0]
    assert run(choices=[1, 2, 2, 1], ending="vault", vars={"knocks": 2}).ok


def test_stuck_story_fails_the_playtest(tmp_path):
    story = load_story(STORIES / "explore_softlock")
    from game.authoring.playtest import Playtest
    from game.engine.diagnostics import Loc

    outcome = run_playtest(story, Playtest("gate", Loc("p.yaml", 1, 1), [2], "home"))
    assert not outcome.ok and "stuck at node 'gate'" in outcome.message


def test_malformed_playtests_are_positioned_errors(tmp_path):
    path = write(tmp_path, """\
        typo:
          choises: [1]
        bad_ending:
          choices: [1]
          ending: nowhere
        bad_value:
          choices: [0, 1]
          vars: {knocks: yes, ghost: 1}
        """)
    tests, problems = load_playtests(path, load_story(COMBO))
    messages = [d.format(str(tmp_path)) for d in problems]
    assert tests == []
    assert "playtests.yaml:2:3: error: playtest 'typo': unknown key 'choises' (use choices, ending, from, set, vars, visits)" in messages
    assert any(m.startswith("playtests.yaml:5:11: error: playtest 'bad_ending': 'nowhere' is not an ending") for m in messages)
    assert any("'choices' must be a list of numbers from 1" in m for m in messages)
    assert any("'knocks' is a whole number, not 'yes'" in m for m in messages)
    assert any("'ghost' is not a declared variable" in m for m in messages)
    result = her("test", "--story", str(COMBO), "--file", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_broken_yaml_and_missing_file(tmp_path):
    path = write(tmp_path, "a: [1,\n")
    result = her("test", "--story", str(COMBO), "--file", str(path), cwd=tmp_path)
    assert result.returncode == 1 and "playtests.yaml:2:1: error: YAML syntax error" in result.stderr and "Traceback" not in result.stderr
    missing = her("test", "--story", str(COMBO), "--file", str(tmp_path / "none.yaml"))
    assert missing.returncode == 1 and "no playtests file" in missing.stderr


def test_json_and_filter():
    result = her("test", "--story", str(COMBO), "--json", "-k", "vault")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert [t["name"] for t in data["tests"]] == ["vault"] and data["passed"] == 1


def test_shipped_playtests_pass_and_cover_every_ending():
    story = load_story(SHIPPED)
    tests, problems = load_playtests(SHIPPED / "playtests.yaml", story)
    assert problems == []
    assert {t.ending for t in tests} >= set(story.endings)
    for test in tests:
        outcome = run_playtest(story, test)
        assert outcome.ok, outcome.message


def test_a_playtest_can_name_choices_by_id(tmp_path):
    """Format 2: `choices` may hold a choice's id, which keeps meaning when options move or close."""
    story = load_story(STORIES / "golden_hub")
    (tmp_path / "p.yaml").write_text("by_id:\n  choices: [her_day, 1, 1]\n  ending: done\n  vars: {asked: 2}\n"
                                     "wrong:\n  choices: [no_such_choice]\n", encoding="utf-8")
    tests, problems = load_playtests(tmp_path / "p.yaml", story)
    assert problems == []
    good, bad = (run_playtest(story, t) for t in tests)
    assert good.ok, good.message
    assert not bad.ok and "choice no_such_choice is not available" in bad.message and bad.step == 1
