"""The story in a terminal: `Name: text` lines, numbered options, `ending: <id>` at the end.

It plays through the same game controller as the window (`game.controller.Game`), so it
starts, continues and autosaves by the same rules; it keeps no record of endings or read
lines (that is the window's gallery and skipping).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from game.commands import load_or_report
from game.controller import Game, LoadError, SaveNote, Session
from game.engine import ChoiceEvent, EndEvent, LineEvent, StuckEvent
from game.engine.controls import escape_controls
from game.engine.model import Story
from game.engine.runtime import StoryRuntimeError
from game.engine.state import StateError
from game.exhaustive import assert_never
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
    from game.i18n.catalog import load_catalog

    catalog = load_catalog(args.lang)
    game = Game(story)
    last = [""]  # the last line printed: what a save shows in the slot list
    failed: list[str] = []

    def report(reason: str) -> None:
        reason = in_language(catalog, reason)
        if reason not in failed:  # said once, not at every chapter
            failed.append(reason)
            _say(f"her: {catalog.ui('could not autosave: {reason}').format(reason=reason)}")

    try:
        session = game.play(_start(game, args, catalog), on_chapter=lambda event, chapter: SaveNote(last[0]), report=report)
    except (ValueError, StateError, LoadError) as exc:
        _say(f"her: {exc}")
        return 1
    except OSError as exc:  # --continue with a save folder that cannot be read
        _say(f"her: cannot read the saves in {exc.filename or 'the data folder'}: {exc.strerror or exc}")
        return 1
    try:
        return _play(game, session, story, catalog, _answers(args.choices), last)
    except (StoryRuntimeError, StateError) as exc:
        _say(f"her: {exc}")
        return 1
    except KeyboardInterrupt:
        game.autosave(lambda: SaveNote(last[0]))
        return 130


def _play(game: Game, session: Session, story: Story, catalog, answers: Iterator[str], last: list[str]) -> int:
    step = session.start()
    while True:
        event = step.event
        match event:
            case LineEvent():
                text = catalog.line(event)
                name = catalog.character_name(story.characters[event.speaker])
                last[0] = f"{name}: {text}" if name else text
                print(escape_controls(last[0]))
                step = session.advance()
            case ChoiceEvent():
                option = _ask(event, catalog, answers)
                if option is None:  # the end of the input: leave, as closing the window does
                    game.autosave(lambda: SaveNote(last[0]))
                    return 0
                step = session.choose(option)
            case EndEvent():
                print(escape_controls(f"ending: {event.ending}"))
                return 0
            case StuckEvent():
                _say(f"her: the story is stuck at node '{event.node}': no option is open")
                return 1
            case _:
                assert_never(event)


def _start(game: Game, args: argparse.Namespace, catalog):
    """The state to play from: Continue's save (`--continue`), a debug start, or the story's start."""
    if args.resume:
        found = game.resume()  # the same choice, and the same one line, as the window's Continue
        if found.state is None:
            line = catalog.ui("{reason}; starting a new game").format(reason=found.notice) if found.notice else \
                catalog.ui("no save to continue; starting a new game")
            _say(f"her: {line}")
        else:
            if found.notice:
                _say(f"her: {in_language(catalog, found.notice)}")
            for note in found.notes:
                _say(f"her: {note}")
            return found.state
    return game.debug_start(args.from_node, args.sets)


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
