"""Write a large synthetic story (default 10,000 nodes) for benchmarking the loader and tools.

Deterministic: the same arguments always give the same files. Every construct of the format
appears (conditions, effects, choices with replies, branches, endings, several chapters).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = ("the letter light city warm quiet voice window morning rain soft hand heart street "
         "evening paper ink river slow bright laugh remember close open walk listen").split()


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(out: Path, nodes: int = 10_000, chapters: int = 10, seed: int = 7) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    per = nodes // chapters
    ids = [f"n{i}" for i in range(per * chapters)]
    manifest = [
        "title: Benchmark",
        "start: n0",
        "characters:",
        "  narrator: {name: \"\"}",
        "  theodore: {name: Theodore, color: \"#f2a36b\"}",
        "  samantha: {name: Samantha, color: \"#ffd9b8\"}",
        "variables:",
        "  warmth: {start: 0, min: 0, max: 5}",
        "  trust: {start: 2, min: 0, max: 4}",
        "  told: false",
        "endings:",
        "  near: {title: Near, summary: Close.}",
        "  far: {title: Far, summary: Apart.}",
        "chapters:",
    ]
    for c in range(chapters):
        manifest.append(f"  - ch{c:02d}.yaml")
        lines = [f"chapter: ch{c}", f"title: Chapter {c}", "nodes:"]
        for i in range(c * per, (c + 1) * per):
            nid = ids[i]
            nxt = ids[i + 1] if i + 1 < len(ids) else None
            lines.append(f"  {nid}:")
            lines.append("    lines:")
            lines.append(f"      - narrator: {sentence(rng)}")
            lines.append(f"      - samantha: {sentence(rng, 9)}")
            lines.append("        if: warmth >= 2 and not told")
            lines.append(f"      - theodore: {sentence(rng, 7)}")
            if nxt is None:
                lines.append("    branch:")
                lines.append("      - if: warmth >= 3")
                lines.append("        goto: end_near")
                lines.append("      - goto: end_far")
            elif i % 3 == 0:
                lines.append("    choices:")
                lines.append(f"      - text: {sentence(rng, 5)}")
                lines.append("        set: warmth += 1")
                lines.append("        lines:")
                lines.append(f"          - samantha: {sentence(rng, 6)}")
                lines.append(f"      - text: {sentence(rng, 5)}")
                lines.append("        if: trust >= 1")
                lines.append("        set: trust -= 1; told = true")
                lines.append(f"    next: {nxt}")
            else:
                lines.append(f"    next: {nxt}")
        if c == chapters - 1:
            for end in ("near", "far"):
                lines += [f"  end_{end}:", "    lines:", f"      - narrator: {sentence(rng)}", f"    ending: {end}"]
        (out / f"ch{c:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--nodes", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.out, args.nodes)


if __name__ == "__main__":
    main()
