"""The story in a terminal: `Name: text` lines, numbered options, `ending: <id>` at the end."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from game.commands import load_or_report
from game.engine import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StuckEvent
from game.engine.controls import escape_controls
from game.engine.debug import debug_state
from game.engine.runtime import StoryRuntimeError
from game.engine.state import StateError
from game.notice import in_language


def _say(message: str) -> None:
    """One line to stderr, control characters escaped (story and file names can carry them)."""
    print(escape_controls(message), file=sys.stderr)


def _answers(scripted: str | None) -> Iterator[str]:
    if scripted:
        for item in scripted.split(","):
            if item.strip():
                yield item.strip()
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return
        yield line.strip()


def play_text(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    import gc

    gc.freeze()  # the story's objects live as long as the process: never scanned by the collector again
    from game import saves
    from game.i18n.catalog import load_catalog

    catalog = load_catalog(args.lang)
    try:
        runtime = _start(story, args, saves, catalog)
    except (ValueError, StateError) as exc:
        _say(f"her: {exc}")
        return 1
    except OSError as exc:  # --continue with a save folder that cannot be read
        _say(f"her: cannot read the saves in {exc.filename or 'the data folder'}: {exc.strerror or exc}")
        return 1
    answers = _answers(args.choices)
    last_line = ""
    failed: list[str] = []

    def autosave() -> None:
        try:
            saves.write_save("auto", story, runtime.snapshot(), last_line)
        except (OSError, ValueError) as exc:
            reason = in_language(catalog, getattr(exc, "strerror", None) or str(exc))
            if reason not in failed:  # said once, not at every chapter
                failed.append(reason)
                _say(f"her: {catalog.ui('could not autosave: {reason}').format(reason=reason)}")

    try:
        while True:
            event = runtime.advance()
            if isinstance(event, EnterEvent):
                if event.new_chapter:
                    autosave()  # after arriving, so the save names the chapter it resumes in
                continue
            if isinstance(event, LineEvent):
                text = catalog.line(event)
                name = catalog.character_name(story.characters[event.speaker])
                last_line = f"{name}: {text}" if name else text
                print(escape_controls(last_line))
                continue
            if isinstance(event, ChoiceEvent):
                option = _ask(event, catalog, answers)
                if option is None:
                    autosave()
                    return 0
                runtime.choose(option)
                continue
            if isinstance(event, EndEvent):
                print(escape_controls(f"ending: {event.ending}"))
                autosave()
                return 0
            if isinstance(event, StuckEvent):
                _say(f"her: the story is stuck at node '{event.node}': no option is open")
                return 1
    except StoryRuntimeError as exc:
        _say(f"her: {exc}")
        return 1
    except KeyboardInterrupt:
        autosave()
        return 130


def _start(story, args, saves, catalog) -> Runtime:
    if args.resume:
        found = saves.resume(story)  # the same choice, and the same one line, as the window's Continue
        if found.state is None:
            line = catalog.ui("{reason}; starting a new game").format(reason=found.notice) if found.notice else \
                catalog.ui("no save to continue; starting a new game")
            _say(f"her: {line}")
        else:
            if found.notice:
                _say(f"her: {in_language(catalog, found.notice)}")
            for note in found.notes:
                _say(f"her: {note}")
            return Runtime(story, found.state)
    return Runtime(story, debug_state(story, args.from_node, args.sets))


def _ask(event: ChoiceEvent, catalog, answers: Iterator[str]) -> int | None:
    for n, option in enumerate(event.options, 1):
        print(escape_controls(f"{n}) {catalog.option(event.node, option)}"))
    count = len(event.options)
    for answer in answers:
        # ASCII digits only: "²".isdigit() is true but int("²") fails
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= count:
            return event.options[int(answer) - 1].index
        print(f"Please answer with a number from 1 to {count}.", file=sys.stderr)  # stdout stays the transcript
    return None
