"""`her new DIR`: a new story folder that lints clean and plays, to start writing from.

It holds a manifest, one chapter with a choice and two endings, a playtest walking to each
ending, a README for the writer, and a copy of the JSON Schemas in DIR/schema/: every file's
`$schema` line is relative to the folder itself, so it keeps working wherever DIR is moved.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

SCHEMA_LINE = "# yaml-language-server: $schema=schema/{kind}.schema.json\n"

MANIFEST = """\
title: {title}
start: first_night
characters:
  narrator: {{name: ""}}
  theodore: {{name: Theodore, color: "#f2a36b"}}
  samantha: {{name: Samantha, color: "#ffd9b8"}}
variables:
  # Set by the first choice; the branch after it reads it.
  answered: false
endings:
  first_words:
    title: First Words
    summary: He answers the voice, and the night is a little less quiet.
  quiet_night:
    title: A Quiet Night
    summary: He lets the voice go unanswered, and the apartment keeps its silence.
chapters:
  - 01_beginning.yaml
"""

CHAPTER = """\
chapter: beginning
title: The Beginning
nodes:

  first_night:
    scene: apartment_night
    music: lonely
    lines:
      - narrator: It is late. The city hums below the window.
      - samantha: Hello? Is anyone there?
      - theodore: Should I answer?
        style: thought
    choices:
      - text: Say hello back.
        set: answered = true
        goto: after_the_call
      - text: Stay quiet.
        goto: after_the_call

  after_the_call:
    branch:
      - if: answered
        goto: ending_first_words
      - goto: ending_quiet_night

  ending_first_words:
    lines:
      - theodore: Hi. I'm here.
      - samantha: Oh, good. I was hoping you were.
    ending: first_words

  ending_quiet_night:
    lines:
      - narrator: The voice waits, then goes still. The hum of the city comes back.
    ending: quiet_night
"""

PLAYTESTS = """\
# `her test --story .` plays each walkthrough and checks where it ends.
first_words:
  choices: [1]
  ending: first_words
  vars: {answered: true}

quiet_night:
  choices: [2]
  ending: quiet_night
  vars: {answered: false}
"""

README = """\
# {title}

A story for the *Her* engine. Start here:

- `story.yaml` is the manifest: title, first node, characters, variables, endings, chapters.
- `01_beginning.yaml` is the first chapter; add chapters and list them in `story.yaml`.
- `playtests.yaml` holds walkthroughs that must keep reaching their endings.
- `schema/` holds the JSON Schemas the files name on their first line (relative to this
  folder, so the folder can be moved or copied anywhere).

From this folder:

    her lint --strict --story .          # every problem, as FILE:LINE:COL
    her play --text --story .            # play it in the terminal (or without --text, in the window)
    her test --story .                   # replay the walkthroughs
    her explore --story .                # prove every ending reachable
    her i18n extract --story .           # translation templates, written to ./locales

For checks as you type, completion, go to definition and rename, start `her lsp` from your
editor (the game's docs/editors.md). The story format is described in the game's docs/authoring.md.
"""

SCHEMAS = ("story", "chapter", "playtests")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="DIR", help="the new story folder (must not exist, or be empty)")
    parser.add_argument("--title", default=None, help="the story's title (default: from the folder's name)")


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"her new: {folder} is not empty; choose a new folder", file=sys.stderr)
        return 1
    title = args.title or folder.resolve().name.replace("_", " ").replace("-", " ").strip().title() or "A New Story"
    try:
        write_story(folder, title)
    except OSError as exc:
        print(f"her new: cannot write {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"her new: wrote {folder} ('{title}'); try: her play --text --story {folder}")
    return 0


def write_story(folder: Path, title: str) -> None:
    from game.paths import PACKAGE_DIR

    (folder / "schema").mkdir(parents=True, exist_ok=True)
    for kind in SCHEMAS:
        shutil.copyfile(PACKAGE_DIR / "schema" / f"{kind}.schema.json", folder / "schema" / f"{kind}.schema.json")
    quoted = title.replace('"', "'")
    files = {
        "story.yaml": SCHEMA_LINE.format(kind="story") + MANIFEST.format(title=f'"{quoted}"'),
        "01_beginning.yaml": SCHEMA_LINE.format(kind="chapter") + CHAPTER,
        "playtests.yaml": SCHEMA_LINE.format(kind="playtests") + PLAYTESTS,
        "README.md": README.format(title=title),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
