"""The game controller: what both front ends do around the story, written once.

The window and the terminal player both play through a `Game`, so these rules live here:

- what a game starts from: a new game, a debug start (`--from`, `--set`), a save slot, or
  Continue, which resumes the newest usable save;
- when the game autosaves: at every chapter start (a save that arrives at the chapter again,
  so it names that chapter), and when the player leaves (quit, back to the title, end of input,
  an error) unless the story has ended: an ended game keeps its chapter autosave;
- the persistent record: lines read (skipping stops at unread text) and endings reached, and
  the record of routes (scenes entered, options taken, the state at each choice point) that
  the route map shows and "Play from here" starts from; every playthrough is a new route.

No pygame: a front end says how a save is written (the window adds a thumbnail) and what a
chapter-start save shows (its line, its picture), and reports a failed save in its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game import saves
from game.controller.session import Session
from game.engine.debug import debug_state
from game.engine.model import Chapter, Story
from game.engine.runtime import EndEvent, EnterEvent
from game.engine.state import GameState, StateError
from game.persistent import Persistent
from game.replay.record import RouteRecord

AUTO = "auto"


class SaveError(Exception):
    """A save could not be written; the message is the one-line reason (`reason`: as given, a
    `game.notice.Notice` when storage said why, so a front end can say it in the player's language)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class SaveNote:
    """What a save shows besides its state: the line in the slot list and (window) a picture."""

    line: str = ""
    picture: object = None


SaveWriter = Callable[[str, Story, GameState, str, object], object]
ChapterHook = Callable[[EnterEvent, "Chapter | None"], SaveNote]


def write_plain(slot: str, story: Story, state: GameState, line: str, picture: object) -> object:
    """A save without a picture (the terminal player)."""
    return saves.write_save(slot, story, state, line)


class Game:
    def __init__(self, story: Story | None, record: Persistent | None = None, write: SaveWriter = write_plain,
                 routes: RouteRecord | None = None):
        self.story = story  # None while the story cannot be loaded (the window shows why)
        self.record = record  # None: nothing is remembered across playthroughs (the terminal)
        self.routes = routes  # None: no route map (the terminal)
        if story is not None and record is not None:
            record.adopt(story)  # a version-1 record's read marks, by line identity from now on
        self.write = write
        self.session: Session | None = None
        self._on_chapter: ChapterHook = lambda event, chapter: SaveNote()
        self._report: Callable[[str], None] = lambda reason: None
        self._on_enter: Callable[[EnterEvent], None] = lambda event: None

    # --- starting ------------------------------------------------------------------------------
    def debug_start(self, from_node: str | None, sets: list[str]) -> GameState | None:
        """The state `--from NODE --set VAR=VALUE` asks for (None: neither); ValueError when wrong."""
        return debug_state(self._story(), from_node, sets)

    def play(self, state: GameState | None = None, *, on_chapter: ChapterHook | None = None,
             report: Callable[[str], None] | None = None,
             on_enter: Callable[[EnterEvent], None] | None = None) -> Session:
        """A new playthrough from `state` (None: the start); call `start()` on it to see the first step.

        `on_chapter` is told of every chapter start (and says what its autosave shows);
        `report` hears the reason when an autosave could not be written; `on_enter` hears of
        every arrival at a node (the terminal prints chapter titles).
        """
        record, routes = self.record, self.routes
        if routes is not None:
            routes.new_playthrough()
        self.session = Session(self._story(), state,
                               was_read=record.was_read if record else (lambda uid: False),
                               mark_read=record.mark_read if record else (lambda uid: None),
                               on_enter=self._entered,
                               on_choice=(lambda event, at: routes.arrive(event.node, at)) if routes else (lambda e, s: None),
                               on_chose=routes.take if routes else (lambda node, key: None))
        if on_chapter is not None:
            self._on_chapter = on_chapter
        if report is not None:
            self._report = report
        if on_enter is not None:
            self._on_enter = on_enter
        return self.session

    def _story(self) -> Story:
        if self.story is None:
            raise StateError("the story could not be loaded")
        return self.story

    # --- the saves -------------------------------------------------------------------------------
    def slot(self, slot: str) -> saves.SaveInfo | None:
        """The slot's info (possibly damaged, with its reason), or None when the slot is empty."""
        try:
            return saves.read_save(slot)
        except FileNotFoundError:
            return None
        except OSError as exc:  # the saves folder itself: slot_path would fail the same way
            info = saves.SaveInfo(slot, Path(f"{slot}.json"))
            info.damaged, info.damaged_code = exc.strerror or str(exc), "unreadable"
            return info

    def newest_save(self) -> saves.SaveInfo | None:
        """What Continue resumes: the newest usable save. OSError when the saves cannot be read."""
        return saves.newest_save()

    def continue_save(self) -> saves.SaveInfo | None:
        """The newest usable save, or None (also when the saves folder cannot be read)."""
        try:
            return self.newest_save()
        except OSError:
            return None

    def resume(self) -> saves.Resumed:
        """What Continue plays: the newest save that plays (its backup when it is damaged, else
        the next newest), with one line on what could not be used (`game.saves.resume`)."""
        return saves.resume(self._story())

    def open_slot(self, slot: str) -> saves.Resumed:
        """One slot to load: its file, else its backup, with one line when it had to fall back."""
        return saves.open_slot(slot, self._story())

    def save(self, slot: str, note: SaveNote) -> None:
        """Save the current step (loading shows it again); SaveError with the reason."""
        if self.session is None:
            raise SaveError("there is no game to save")
        self._write(slot, self.session.save_state(), note)

    def delete(self, slot: str) -> None:
        saves.delete_save(slot)

    def _write(self, slot: str, state: GameState, note: SaveNote) -> None:
        try:
            self.write(slot, self._story(), state, note.line, note.picture)
        except OSError as exc:
            raise SaveError(exc.strerror or str(exc)) from None
        except ValueError as exc:
            raise SaveError(getattr(exc, "notice", None) or str(exc)) from None

    # --- the autosave policy ----------------------------------------------------------------------
    def may_autosave(self) -> bool:
        """Leaving saves the game, unless there is none or it has ended (the chapter autosave stays)."""
        return self.session is not None and bool(self.session.steps) and \
            not isinstance(self.session.current.event, EndEvent)

    def autosave(self, describe: Callable[[], SaveNote]) -> bool:
        """The autosave on leaving (quit, title, end of input, an error); True if one was written.

        `describe` is asked only when a save is due (the window renders a picture for it).
        """
        if not self.may_autosave():
            return False
        try:
            self.save(AUTO, describe())
        except SaveError as exc:
            self._report(exc.reason)
            return False
        return True

    def _entered(self, event: EnterEvent, before: GameState) -> None:
        self._on_enter(event)
        if self.routes is not None:
            self.routes.enter(event.node)
        if not event.new_chapter or self.session is None:
            return
        chapter = self._story().chapter_of(event.node)
        note = self._on_chapter(event, chapter)
        # the state at the chapter's door: loading it arrives again (and shows the chapter card)
        state = self.session.runtime.snapshot()
        state.entered = False
        try:
            self._write(AUTO, state, note)
        except SaveError as exc:
            self._report(exc.reason)

    # --- the persistent record ----------------------------------------------------------------------
    def reach_ending(self, ending: str) -> bool:
        """Record an ending; True the first time it is reached in any playthrough."""
        if self.routes is not None:
            self.routes.flush()
        return self.record.reach_ending(ending) if self.record is not None else True

    def endings_reached(self) -> set[str]:
        """The endings of this story reached in any playthrough."""
        reached = set(self.record.endings) if self.record is not None else set()
        return reached & set(self.story.endings) if self.story is not None else reached

    def due(self) -> float | None:
        """When the records next want writing (clock time), or None."""
        times = [r.due() for r in (self.record, self.routes) if r is not None]
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def tick(self) -> None:
        for r in (self.record, self.routes):
            if r is not None:
                r.tick()

    def flush(self) -> None:
        """Write what the records hold now (on quitting, on an ending)."""
        for r in (self.record, self.routes):
            if r is not None:
                r.flush()

    # --- a new version of the story ------------------------------------------------------------------
    def reload(self, story: Story) -> list[str]:
        """Play on in an edited story at the same place; notes on what moved.

        StateError when the current game cannot be carried over (nothing changes then).
        """
        notes = self.session.reload(story) if self.session is not None else []
        self.story = story
        if self.record is not None:
            self.record.adopt(story)  # no-op unless the game started without a story
        return notes

    def end(self) -> None:
        """The playthrough is over (back to the title): nothing is left to autosave."""
        self.session = None
