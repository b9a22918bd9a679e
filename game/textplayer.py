"""The story in a terminal: `Name: text` lines, numbered options, `ending: <id>` at the end.

The transcript (stdout): `# Chapter title` when a chapter begins, `Name: text` for a line (the
narrator's without a name), `N) text` for each open option and `> text` for the one taken,
and at the end the ending's title and summary, then `ending: <id>`. Prompts and notices go
to stderr, so stdout stays a transcript. Control characters in story or translation text are
shown escaped, never sent to the terminal raw.

It plays through the same game controller as the window (`game.controller.Game`), so it
starts, continues and autosaves by the same rules; it keeps no record of endings or read
lines (that is the window's gallery and skipping).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from game.commands import load_or_report
from game.controller import Game, SaveNote, Session
from game.engine import ChoiceEvent, EndEvent, LineEvent, StuckEvent
from game.engine.controls import escape_controls
from game.engine.model import Story
from game.engine.runtime import EnterEvent, StoryRuntimeError
from game.engine.state import StateError
from game.exhaustive import assert_never
from game.notice import in_language


def _say(message: str) -> None:
    """One line to stderr, control characters escaped (story and file names can carry them)."""
    print(escape_controls(message), file=sys.stderr)


def _out(line: str) -> None:
    print(escape_controls(line))


def _scripted(scripted: str | None) -> list[int] | str:
    """The --choices answers as numbers, or the one line that says which item is not one."""
    out: list[int] = []
    for item in (scripted or "").split(","):
        item = item.strip()
        if not item:
            continue
        if not (item.isascii() and item.isdigit()) or int(item) < 1 or len(item) > 6:
            return f"--choices: '{item[:40]}' is not an option number (1, 2, 3 ...)"
        out.append(int(item))
    return out


def _answers(scripted: list[int]) -> Iterator[str]:
    yield from (str(n) for n in scripted)
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print("> ", end="", flush=True, file=sys.stderr)
        line = sys.stdin.readline()
        if not line:
            return
        yield line.strip()


def play_text(args: argparse.Namespace) -> int:
    scripted = _scripted(args.choices)
    if isinstance(scripted, str):
        _say(f"her: {scripted}")
        return 1
    story = load_or_report(args)
    if story is None:
        return 1
    import gc

    gc.freeze()  # the story's objects live as long as the process: never scanned by the collector again
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
        start = _start(game, args, catalog)
        session = game.play(start, on_chapter=lambda event, chapter: SaveNote(last[0]), report=report,
                            on_enter=_ChapterTitles(story, catalog))
    except (ValueError, StateError) as exc:
        _say(f"her: {exc}")
        return 1
    except OSError as exc:  # --continue with a save folder that cannot be read
        _say(f"her: cannot read the saves in {exc.filename or 'the data folder'}: {exc.strerror or exc}")
        return 1
    try:
        return _play(game, session, story, catalog, _answers(scripted), last)
    except (StoryRuntimeError, StateError) as exc:
        _say(f"her: {exc}")
        return 1
    except KeyboardInterrupt:
        game.autosave(lambda: SaveNote(last[0]))
        return 130


class _ChapterTitles:
    """Prints `# Chapter title` as each chapter begins (and where a game resumes)."""

    def __init__(self, story: Story, catalog):
        self.story, self.catalog = story, catalog

    def __call__(self, event: EnterEvent) -> None:
        if event.new_chapter:
            chapter = self.story.chapter_of(event.node)
            if chapter is not None:
                _out(f"# {self.catalog.chapter_title(chapter)}")


def _play(game: Game, session: Session, story: Story, catalog, answers: Iterator[str], last: list[str]) -> int:
    step = session.start()
    while True:
        event = step.event
        match event:
            case LineEvent():
                text = catalog.line(event)
                name = catalog.character_name(story.characters[event.speaker])
                last[0] = f"{name}: {text}" if name else text
                _out(last[0])
                step = session.advance()
            case ChoiceEvent():
                option = _ask(event, catalog, answers)
                if option is None:  # the end of the input: leave, as closing the window does
                    saved = game.autosave(lambda: SaveNote(last[0]))
                    _say("her: " + (catalog.ui("no more answers; the game is saved (her play --text --continue goes on)")
                                    if saved else catalog.ui("no more answers; nothing was saved")))
                    return 0
                _out(f"> {catalog.option(event.node, option)}")
                step = session.choose(option.index)
            case EndEvent():
                ending = story.endings[event.ending]
                _out(catalog.ending_title(ending))
                _out(catalog.ending_summary(ending))
                _out(f"ending: {event.ending}")
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
            line = catalog.ui("{reason}; starting a new game").format(reason=in_language(catalog, found.notice)) \
                if found.notice else catalog.ui("no save to continue; starting a new game")
            _say(f"her: {line}")
        else:
            if found.notice:
                _say(f"her: {in_language(catalog, found.notice)}")
            for note in found.notes:
                _say(f"her: {note}")
            return found.state
    return game.debug_start(args.from_node, args.sets)


def _ask(event: ChoiceEvent, catalog, answers: Iterator[str]):
    for n, option in enumerate(event.options, 1):
        _out(f"{n}) {catalog.option(event.node, option)}")
    count = len(event.options)
    for answer in answers:
        # ASCII digits only: "²".isdigit() is true but int("²") fails
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= count:
            return event.options[int(answer) - 1]
        _say(catalog.ui("Please answer with a number from 1 to {count}.").format(count=count))  # stdout stays the transcript
    return None
