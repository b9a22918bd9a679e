"""Playtests: named choice sequences and what must follow, run through the real runtime.

`story/playtests.yaml` maps a name to a test:

    letting_go:
      choices: [1, 2, ask_city, 3] # 1-based positions in the options shown, as `her play --text --choices`,
                                   # or a choice's id (format 2), which keeps meaning when options move
      ending: letting_go           # the ending that must be reached (with no choice left over)
      visits: [grow_station]         # nodes that must be passed through
      vars: {trust: 7}             # exact values at the end
      from: depart_call            # optional: start at this node ...
      set: {closeness: 8}          # ... with these values (like --from / --set)

Without `ending`, the test stops where its choices run out (at the next choice point) and
checks `visits` and `vars` there. A failure says at which step the playthrough diverged: which
choice number was not available at which node, and the options that were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.diagnostics import Diagnostic, Loc, error
from game.engine.model import Story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StoryRuntimeError, StuckEvent
from game.engine.source import SourceError, YList, YMap, load_yaml_file, parse_yaml
from game.engine.state import GameState

KEYS = {"choices", "ending", "visits", "vars", "from", "set"}
MAX_EVENTS = 1_000_000


@dataclass
class Playtest:
    name: str
    loc: Loc
    choices: list[int | str]
    ending: str | None = None
    visits: list[str] = field(default_factory=list)
    vars: dict[str, int | bool] = field(default_factory=dict)
    start: str | None = None
    sets: dict[str, int | bool] = field(default_factory=dict)
    choice_locs: list[Loc] = field(default_factory=list)  # where each choice number is written


@dataclass
class Outcome:
    test: Playtest
    ok: bool
    message: str = ""  # what went wrong, one line
    step: int | None = None  # the 1-based choice where it diverged, if it did there
    node: str | None = None
    options: list[str] = field(default_factory=list)  # the options shown at that point
    ending: str | None = None  # the ending actually reached
    visited: list[str] = field(default_factory=list)
    final_vars: dict[str, int | bool] = field(default_factory=dict)

    def diagnostic(self) -> Diagnostic:
        return error(self.test.loc, f"playtest '{self.test.name}': {self.message}", "playtest")


def load_playtests(path: Path, story: Story, text: str | None = None) -> tuple[list[Playtest], list[Diagnostic]]:
    """Read and check a playtests file against the story; every problem as a positioned error.

    `text` stands in for the file's contents (an editor's unsaved buffer)."""
    try:
        data = load_yaml_file(path) if text is None else parse_yaml(text, str(path))
    except SourceError as exc:
        return [], [exc.diagnostic]
    where = Loc(str(path), 1, 1)
    if data is None:
        return [], [error(where, "the playtests file is empty", "playtest")]
    if not isinstance(data, YMap):
        return [], [error(where, "a playtests file maps test names to tests", "playtest")]
    tests: list[Playtest] = []
    problems: list[Diagnostic] = []
    for name, spec in data.items():
        loc = data.key_locs[name]
        if not isinstance(spec, YMap):
            problems.append(error(data.value_locs[name], f"playtest '{name}' must be a mapping (choices, ending, ...)", "playtest"))
            continue
        before = len(problems)

        def bad(key: str, message: str, spec=spec, name=name, item: int | None = None) -> None:
            loc = spec.value_locs.get(key, spec.key_locs.get(key, spec.loc))
            if item is not None and isinstance(spec.get(key), YList):
                loc = spec[key].item_locs[item]
            problems.append(error(loc, f"playtest '{name}': {message}", "playtest"))

        for key in spec:
            if key not in KEYS:
                problems.append(error(spec.key_locs[key], f"playtest '{name}': unknown key '{key}' (use {', '.join(sorted(KEYS))})",
                                      "playtest"))
        choices = _choices(spec.get("choices", []))
        if choices is None:
            bad("choices", "'choices' must be a list of numbers from 1 or choice ids, or text like '1,2,3'")
            choices = []
        ending = spec.get("ending")
        if ending is not None and ending not in story.endings:
            bad("ending", f"'{ending}' is not an ending of this story{_near(ending, story.endings)}")
        visits = spec.get("visits", [])
        if not isinstance(visits, list) or not all(isinstance(v, str) for v in visits):
            bad("visits", "'visits' must be a list of node ids")
            visits = []
        for i, node in enumerate(visits):
            if node not in story.nodes:
                bad("visits", f"'{node}' is not a node of this story{_near(node, story.nodes)}", item=i)
        start = spec.get("from")
        if start is not None and (not isinstance(start, str) or start not in story.nodes):
            bad("from", f"'{start}' is not a node of this story{_near(start, story.nodes)}")
        values = {}
        for key in ("vars", "set"):
            raw = spec.get(key, {})
            if not isinstance(raw, dict):
                bad(key, f"'{key}' must map variable names to values")
                continue
            for var, value in raw.items():
                declared = story.variables.get(var)
                if declared is None or (declared.hidden and key == "set"):  # hidden ones can be checked, not set
                    bad(key, f"'{var}' is not a declared variable")
                elif (declared.type == "bool") != isinstance(value, bool) or not isinstance(value, int):
                    kind = "true/false" if declared.type == "bool" else "a whole number"
                    bad(key, f"'{var}' is {kind}, not {value!r}")
            values[key] = dict(raw)
        if len(problems) == before:
            raw = spec.get("choices")
            locs = list(raw.item_locs) if isinstance(raw, YList) else [spec.value_locs.get("choices", loc)] * len(choices)
            tests.append(Playtest(name, loc, choices, ending, list(visits), values.get("vars", {}), start, values.get("set", {}), locs))
    if not tests and not problems:
        problems.append(error(where, "the playtests file has no tests", "playtest"))
    return tests, problems


def _choices(raw) -> list[int | str] | None:
    if isinstance(raw, str):
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            return None
        raw = [int(p) for p in parts]
    if not isinstance(raw, (list, YList)) or not all(
        (isinstance(c, int) and not isinstance(c, bool) and c >= 1) or (isinstance(c, str) and c.strip()) for c in raw
    ):
        return None
    return list(raw)


def run_playtest(story: Story, test: Playtest, catalog=None) -> Outcome:
    """Play the test's choices through the runtime and check what it expects."""
    state = None
    if test.start is not None or test.sets:
        state = GameState(test.start or story.start, story.initial_vars())
        for var, value in test.sets.items():
            state.vars[var] = story.variables[var].clamp(value)
    rt = Runtime(story, state)
    visited: list[str] = []
    step = 0

    def option_text(event: ChoiceEvent) -> list[str]:
        texts = [catalog.option(event.node, o) if catalog is not None else o.text for o in event.options]
        return [f"{n}) {text}" for n, text in enumerate(texts, 1)]

    def fail(message: str, **extra) -> Outcome:
        return Outcome(test, False, message, visited=visited, final_vars=dict(rt.state.vars), **extra)

    ended = None
    try:
        for _ in range(MAX_EVENTS):
            event = rt.advance()
            if isinstance(event, LineEvent):
                continue
            if isinstance(event, EnterEvent):
                visited.append(event.node)
                continue
            if isinstance(event, ChoiceEvent):
                if step == len(test.choices):
                    if test.ending is not None:
                        return fail(f"the {step} choice(s) ran out at node '{event.node}' before the ending '{test.ending}'; "
                                    f"the options there are {'; '.join(option_text(event))}",
                                    step=step + 1, node=event.node, options=option_text(event))
                    break
                pick = wanted = test.choices[step]
                step += 1
                if isinstance(pick, str):  # a choice's id (or identity): where it is shown now
                    pick = next((n for n, o in enumerate(event.options, 1) if o.key == pick), len(event.options) + 1)
                if pick > len(event.options):
                    shown = option_text(event)
                    return fail(f"step {step}: at node '{event.node}' ({story.nodes[event.node].loc.display()}) choice {wanted} is not "
                                f"available; the options were {'; '.join(shown)}", step=step, node=event.node, options=shown)
                rt.choose(event.options[pick - 1].index)
                continue
            if isinstance(event, EndEvent):
                ended = event.ending
                if step < len(test.choices):
                    return fail(f"the story ended ('{ended}') at node '{event.node}' after step {step}, "
                                f"with {len(test.choices) - step} choice(s) left over", step=step, node=event.node, ending=ended)
                break
            if isinstance(event, StuckEvent):
                return fail(f"after step {step} the story is stuck at node '{event.node}': no option is open", step=step, node=event.node)
        else:
            return fail(f"after step {step} the story goes on for {MAX_EVENTS} events without a choice or an end", step=step)
    except StoryRuntimeError as exc:
        return fail(f"after step {step}: {exc}", step=step)
    problems = []
    if test.ending is not None and ended != test.ending:
        problems.append(f"reached no ending, expected '{test.ending}'" if ended is None
                        else f"ended in '{ended}', expected '{test.ending}'")
    missing = [n for n in test.visits if n not in visited]
    if missing:
        problems.append("never visited " + ", ".join(f"'{n}'" for n in missing))
    for var, want in test.vars.items():
        got = rt.state.vars[var]
        if got != want:
            problems.append(f"{var} is {_text(got)}, expected {_text(want)}")
    if problems:
        changed = {k: v for k, v in rt.state.vars.items() if story.variables[k].start != v}
        final = ", ".join(f"{k}={_text(v)}" for k, v in changed.items()) or "all at their start values"
        return fail("; ".join(problems) + f" (at the end: {final})", ending=ended)
    return Outcome(test, True, ending=ended, visited=visited, final_vars=dict(rt.state.vars))


def lint_playtests(path: Path, story: Story, text: str | None = None) -> list[Diagnostic]:
    """What `her lint` says about a playtests file: its problems, and each walkthrough choice that
    is not available where it is played (pointing at that number in the list)."""
    tests, problems = load_playtests(path, story, text)
    for test in tests:
        outcome = run_playtest(story, test)
        step = outcome.step
        if not outcome.ok and step is not None and step <= len(test.choices) and outcome.options \
                and test.choices[step - 1] > len(outcome.options):
            problems.append(error(test.choice_locs[step - 1], f"playtest '{test.name}': {outcome.message}", "playtest"))
    return problems


def _near(word, pool) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), sorted(pool), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
