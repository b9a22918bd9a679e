"""Helpers for the authoring-tool tests: paths, running `her` in a subprocess, random stories.

A module with its own name (not conftest) so test files import it unambiguously.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"
SHIPPED = ROOT / "story"


def her(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m game ARGS` from the checkout; stdin is empty unless given."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          input=stdin if stdin is not None else "", env=env, timeout=timeout)


def replay(story: Path, choices: list[int] | str, *extra: str) -> subprocess.CompletedProcess:
    """The terminal player, answering from `choices` (then end of input)."""
    text = choices if isinstance(choices, str) else ",".join(map(str, choices))
    args = ["play", "--text", "--story", str(story), *extra]
    if text:
        args += ["--choices", text]
    return her(*args)


def random_story(folder: Path, seed: int, format2: bool = False) -> Path:
    """A small, lint-clean story with conditions, effects, branches, loops and dead ends, from a seed.

    With `format2`, also once-only choices, visits()/seen() of random nodes in conditions and
    effects, and ids (a version-1 story of the same seed is unchanged)."""
    rng = random.Random(seed)
    n = rng.randint(3, 9)
    ids = [f"n{i}" for i in range(n)]
    extra = random.Random(seed * 7919 + 1)  # a second stream: version-1 stories stay as they were
    endings = ["e1", "e2"] if rng.random() < 0.8 else ["e1", "e2", "e3"]
    conds = ["a >= 1", "a >= 2", "a < 2", "not b", "b", "c == 0", "c >= 1 and b", "a + c >= 3", "a == c",
             "b or a == 3", "not (a > 1 and c < 2)", "a >= 1 and a <= 0"]
    effects = ["a += 1", "a -= 1", "a += 2", "b = true", "b = false", "c += 1", "c -= 1", "a = 0",
               "b = not b", "c = a", "a += 1; c -= 1", "b = a >= 2"]
    end_nodes = {}
    lines = ["chapter: one", "title: One", "nodes:"]
    body: dict[str, list[str]] = {}

    def memory() -> str:
        node = extra.choice(ids)
        return extra.choice([f"visits({node}) >= {extra.randint(1, 3)}", f"visits({node}) == {extra.randint(0, 2)}",
                             f"seen({node})", f"not seen({node})", f"visits({node}) < 2 and b"])

    def cond() -> str:
        picked = rng.choice(conds)
        return memory() if format2 and extra.random() < 0.35 else picked

    def effect() -> str:
        picked = rng.choice(effects)
        return f"b = {memory()}" if format2 and extra.random() < 0.15 else picked

    def steps(indent: str) -> list[str]:
        out = []
        for _ in range(rng.randint(0, 3)):
            if rng.random() < 0.4:
                out.append(f"{indent}- set: {effect()}")
            else:
                out.append(f"{indent}- n: Line {rng.randint(0, 99)}.")
            if rng.random() < 0.4:
                out.append(f"{indent}  if: {cond()}")
        return out

    for i, nid in enumerate(ids):
        out = [f"  {nid}:"]
        st = steps("      ")
        if st:
            out.append("    lines:")
            out.extend(st)
        kind = rng.random()
        if i >= n - 2 or (i > 0 and kind < 0.2):
            eid = endings[n - 1 - i] if i >= n - 2 else rng.choice(endings)
            end_nodes.setdefault(eid, nid)
            out.append(f"    ending: {eid}")
        elif kind < 0.65:
            out.append("    choices:")
            has_next = rng.random() < 0.6
            for k in range(rng.randint(1, 3)):
                out.append(f"      - text: Option {k} of {nid}.")
                if format2 and extra.random() < 0.4:
                    out.append("        once: true")
                if format2 and extra.random() < 0.2:
                    out.append(f"        id: opt_{k}")
                if rng.random() < 0.4:
                    out.append(f"        if: {cond()}")
                if rng.random() < 0.5:
                    out.append(f"        set: {effect()}")
                if rng.random() < 0.3:
                    out.append("        lines:")
                    out.extend(steps("          ") or ["          - n: Reply."])
                if not has_next or rng.random() < 0.6:
                    out.append(f"        goto: {rng.choice(ids)}")
            if has_next:
                out.append(f"    next: {rng.choice(ids)}")
        elif kind < 0.85:
            out.append("    branch:")
            for _ in range(rng.randint(0, 2)):
                out.append(f"      - if: {cond()}")
                out.append(f"        goto: {rng.choice(ids)}")
            out.append(f"      - goto: {rng.choice(ids)}")
        else:
            out.append(f"    next: {rng.choice(ids)}")
        body[nid] = out
    for nid in ids:
        lines.extend(body[nid])
    manifest = [
        "title: Random", "start: n0", "characters:", '  n: {name: ""}', "variables:",
        f"  a: {{start: {rng.randint(0, 1)}, min: 0, max: 3}}", f"  b: {rng.choice(['false', 'true'])}",
        "  c: {start: 1, min: 0, max: 2}", "endings:",
        *[f"  {e}: {{title: {e.upper()}, summary: Ending {e}.}}" for e in endings],
        "chapters:", "  - one.yaml",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (folder / "one.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
