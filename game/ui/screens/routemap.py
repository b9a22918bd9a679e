"""The route map: every chapter's scenes and choice points, what any playthrough has seen.

Chapters are bands read left to right, one under the other (game.replay.layout). A scene
seen in some playthrough shows its first words (an ending, its title); one not seen is a
silhouette with no text. The current playthrough's path is drawn brighter. Pan with a drag,
the wheel (Shift or a sideways wheel for left and right) or by moving the focus with the
arrow keys or the gamepad; zoom with + and -, Ctrl+wheel or the shoulder buttons. A
reached choice point offers "Play from here": a new playthrough from the state a
playthrough had when it got there (game.replay.record).
"""

from __future__ import annotations

import pygame

from game.replay.layout import CHOICE, ENDING, MapNode, RouteMap, build_map
from game.ui import fonts
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.screens.confirm import ConfirmScreen
from game.ui.text import ellipsize
from game.ui.voicing import sentences

VIEW = pygame.Rect(40, 132, 1200, 446)  # the map's window on the screen
INFO = pygame.Rect(40, 590, 1200, 112)  # what the focused scene is, and "Play from here"
COL_W, ROW_H, CARD_W, CARD_H = 210, 58, 176, 44
BAND_HEAD, BAND_GAP = 38, 22
ZOOMS = (0.5, 0.7, 1.0, 1.3)
DRAG = 5  # px the mouse must move before a press becomes a drag


def play_from(app, state) -> None:
    """Leave the current playthrough (kept in the autosave) for a new one from `state`."""
    app.autosave()
    app.game.end()
    app.start_game(state)


class RouteMapScreen(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 205)

    def __init__(self, app):
        super().__init__(app)
        self.map: RouteMap = build_map(app.game.story)
        self.zoom_i = 2
        self.band_top: list[int] = []
        y = 0
        for band in self.map.chapters:
            self.band_top.append(y)
            y += BAND_HEAD + band.rows * ROW_H + BAND_GAP
        self.world_h = y
        self.world_w = self.map.cols * COL_W
        path = self.current_path()
        self.path = set(path)
        self.path_edges = set(zip(path, path[1:]))
        here = path[-1] if path else app.game.story.start
        self.focus: str | None = here if here in self.map.nodes else None
        self.cam = [0.0, 0.0]
        self._press: tuple[int, int] | None = None
        self._dragging = False
        self.play_rect: pygame.Rect | None = None
        if self.focus:
            self.center_on(self.focus)

    # --- what the record says -----------------------------------------------------------------
    @property
    def record(self):
        return self.game.routes

    def current_path(self) -> list[str]:
        """The nodes this playthrough went through, in order (from the play screen's history)."""
        play = self.app.play_screen()
        if play is None:
            return []
        state = play.session.runtime.state
        out: list[str] = []
        for entry in state.history_list():
            if not out or out[-1] != entry.node:
                out.append(entry.node)
        if not out or out[-1] != state.node:
            out.append(state.node)
        return out

    def seen(self, node: str) -> bool:
        return node in self.record.seen or node in self.path

    def label(self, node_id: str) -> str:
        """A seen scene's name on the map: an ending's title, else its first words."""
        story, catalog = self.game.story, self.app.catalog
        node = story.nodes[node_id]
        if node.ending and node.ending in story.endings:
            return catalog.ending_title(story.endings[node.ending])
        for line in node.lines:
            if line.text:
                return catalog.text(node_id, line.text)
        for choice in node.choices:
            return catalog.text(node_id, choice.text)
        return ""

    # --- geometry --------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return ZOOMS[self.zoom_i]

    def world_rect(self, n: MapNode) -> pygame.Rect:
        return pygame.Rect(n.col * COL_W, self.band_top[n.band] + BAND_HEAD + n.row * ROW_H, CARD_W, CARD_H)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        return round(VIEW.x + (x - self.cam[0]) * self.zoom), round(VIEW.y + (y - self.cam[1]) * self.zoom)

    def screen_rect(self, n: MapNode) -> pygame.Rect:
        r = self.world_rect(n)
        x, y = self.to_screen(r.x, r.y)
        return pygame.Rect(x, y, round(r.w * self.zoom), round(r.h * self.zoom))

    def node_at(self, pos: tuple[int, int]) -> str | None:
        if not VIEW.collidepoint(pos):
            return None
        return next((n.id for n in self.map.nodes.values() if self.screen_rect(n).collidepoint(pos)), None)

    def clamp_camera(self) -> None:
        vw, vh = VIEW.w / self.zoom, VIEW.h / self.zoom
        self.cam[0] = max(0.0, min(self.cam[0], max(0.0, self.world_w - vw)))
        self.cam[1] = max(0.0, min(self.cam[1], max(0.0, self.world_h - vh)))

    def center_on(self, node_id: str) -> None:
        r = self.world_rect(self.map.nodes[node_id])
        self.cam = [r.centerx - VIEW.w / self.zoom / 2, r.centery - VIEW.h / self.zoom / 2]
        self.clamp_camera()

    def keep_in_view(self, node_id: str) -> None:
        r = self.screen_rect(self.map.nodes[node_id])
        if not VIEW.contains(r):
            self.center_on(node_id)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by screen pixels."""
        self.cam[0] += dx / self.zoom
        self.cam[1] += dy / self.zoom
        self.clamp_camera()

    def set_zoom(self, step: int, around: tuple[int, int] | None = None) -> bool:
        i = max(0, min(len(ZOOMS) - 1, self.zoom_i + step))
        if i == self.zoom_i:
            return False
        ax, ay = around if around and VIEW.collidepoint(around) else VIEW.center
        wx, wy = self.cam[0] + (ax - VIEW.x) / self.zoom, self.cam[1] + (ay - VIEW.y) / self.zoom
        self.zoom_i = i
        self.cam = [wx - (ax - VIEW.x) / self.zoom, wy - (ay - VIEW.y) / self.zoom]
        self.clamp_camera()
        return True

    def move_focus(self, action: str) -> bool:
        """The nearest scene in the arrow's direction (within the same band first for left/right)."""
        if self.focus is None:
            self.focus = next(iter(self.map.nodes), None)
            return self.focus is not None
        here = self.world_rect(self.map.nodes[self.focus]).center
        dx, dy = {inp.LEFT: (-1, 0), inp.RIGHT: (1, 0), inp.UP: (0, -1), inp.DOWN: (0, 1)}[action]
        best, best_d = None, None
        for n in self.map.nodes.values():
            c = self.world_rect(n).center
            along = (c[0] - here[0]) * dx + (c[1] - here[1]) * dy
            if along <= 0:
                continue
            across = abs((c[0] - here[0]) * dy) + abs((c[1] - here[1]) * dx)
            d = along + 2.5 * across
            if best_d is None or d < best_d:
                best, best_d = n.id, d
        if best is None:
            return False
        self.focus = best
        self.keep_in_view(best)
        return True

    # --- input -------------------------------------------------------------------------------------
    def handle(self, event, action) -> None:
        changed = False
        if action in (inp.BACK, inp.MENU) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.app.audio.sound("back")
            self.app.pop(self)
            return
        if action in (inp.LEFT, inp.RIGHT, inp.UP, inp.DOWN):
            changed = self.move_focus(action)
        elif action == inp.CONFIRM and event.type != pygame.MOUSEBUTTONUP:
            changed = self.play_from_here()
        elif action == inp.PREV_TAB:
            changed = self.set_zoom(-1)
        elif action == inp.NEXT_TAB:
            changed = self.set_zoom(1)
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            changed = self.set_zoom(1)
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            changed = self.set_zoom(-1)
        elif event.type == pygame.MOUSEWHEEL:
            if pygame.key.get_mods() & pygame.KMOD_CTRL:
                changed = self.set_zoom(1 if event.y > 0 else -1, pygame.mouse.get_pos())
            elif pygame.key.get_mods() & pygame.KMOD_SHIFT:
                self.pan(-event.y * 80, 0)
                changed = True
            else:
                self.pan(event.x * 80, -event.y * 80)
                changed = True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._press, self._dragging = event.pos, False
        elif event.type == pygame.MOUSEMOTION and self._press is not None and event.buttons[0]:
            if self._dragging or abs(event.pos[0] - self._press[0]) + abs(event.pos[1] - self._press[1]) > DRAG:
                self._dragging = True
                self.pan(-event.rel[0], -event.rel[1])
                changed = True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            was_drag, self._press, self._dragging = self._dragging, None, False
            if not was_drag:
                if self.play_rect is not None and self.play_rect.collidepoint(event.pos):
                    changed = self.play_from_here()
                else:
                    hit = self.node_at(event.pos)
                    if hit is not None and hit != self.focus:
                        self.focus = hit
                        changed = True
        if changed:
            self.invalidate()

    # --- play from here ----------------------------------------------------------------------------
    def can_play_from(self, node_id: str | None):
        if node_id is None or self.map.nodes[node_id].kind != CHOICE:
            return None
        return self.record.state_at(node_id, self.game.story)

    def play_from_here(self) -> bool:
        state = self.can_play_from(self.focus)
        if state is None:
            return False
        catalog = self.app.catalog
        self.app.push(ConfirmScreen(
            self.app, catalog.ui("Play from this choice? A new playthrough begins here; your place is kept in the autosave."),
            catalog.ui("Play from here"), lambda: play_from(self.app, state), safe_default=False))
        return True

    def spoken(self) -> tuple[str, str]:
        """The map's title and counts; the focused scene: its chapter, its words or that it is locked."""
        catalog = self.app.catalog
        context = sentences(catalog.ui("Route map"), self._counts())
        if self.focus is None:
            return context, ""
        chapter = catalog.chapter_title(self.game.story.chapters[self.map.nodes[self.focus].band])
        if not self.seen(self.focus):
            return context, sentences(chapter, catalog.ui("Not seen yet"))
        extra = catalog.ui("Play from here") if self.can_play_from(self.focus) is not None else ""
        return context, sentences(chapter, self.label(self.focus), extra)

    def _counts(self) -> str:
        catalog, story = self.app.catalog, self.game.story
        total = len(self.map.nodes)
        seen = sum(1 for n in self.map.nodes if self.seen(n))
        endings = self.game.endings_reached()
        return "  ·  ".join((
            catalog.ui_n("{count} of {total} scene", "{count} of {total} scenes", total).format(count=seen, total=total),
            catalog.ui_n("{count} of {total} ending reached", "{count} of {total} endings reached", len(story.endings)).format(
                count=len(endings), total=len(story.endings)),
        ))

    # --- drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.heading(surface, self.app.catalog.ui("Route map"), self._counts())
        surface.blit(W.panel(VIEW.size, (40, 14, 18, 120), 14, (255, 226, 206, 40), 1), VIEW)
        prev_clip = surface.get_clip()
        surface.set_clip(VIEW)
        self._bands(surface)
        self._edges(surface)
        self._cards(surface)
        surface.set_clip(prev_clip)
        self._info(surface)

    def _bands(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        f = W.ui_font(max(11, round(T.UI_SMALL * min(1.0, self.zoom + 0.2))))
        for band, top in zip(self.map.chapters, self.band_top):
            x, y = self.to_screen(0, top)
            if y > VIEW.bottom or y + (BAND_HEAD + band.rows * ROW_H) * self.zoom < VIEW.y:
                continue
            chapter = self.game.story.chapters[band.index]
            count = catalog.ui_n("{count} of {total} scene", "{count} of {total} scenes", len(band.node_ids)).format(
                count=sum(1 for n in band.node_ids if self.seen(n)), total=len(band.node_ids))
            text = f"{band.index + 1}. {catalog.chapter_title(chapter)}  ·  {count}"
            W.label(surface, text, f, T.PEACH, (max(x, VIEW.x) + 14, y + round(8 * self.zoom)))

    def _center(self, node_id: str, side: str) -> tuple[int, int]:
        r = self.screen_rect(self.map.nodes[node_id])
        return r.midright if side == "out" else r.midleft

    def _edges(self, surface: pygame.Surface) -> None:
        for e in self.map.edges:
            a, b = self.map.nodes[e.source], self.map.nodes[e.target]
            if a.band != b.band:
                continue  # chapters follow each other; the bands say so
            ra, rb = self.screen_rect(a), self.screen_rect(b)
            if not VIEW.colliderect(ra.union(rb)):
                continue
            on_path = (e.source, e.target) in self.path_edges
            taken = e.choice is not None and self.record.was_taken(e.source, self.game.story.nodes[e.source].choices[e.choice].key)
            known = self.seen(e.source) and self.seen(e.target) and (e.choice is None or taken or on_path)
            color = (*T.PEACH, 255) if on_path else ((236, 190, 170, 150) if known else (236, 190, 170, 45))
            width = max(1, round((3 if on_path else 2 if known else 1) * self.zoom))
            start, end = (ra.midright, rb.midleft) if not e.back else (ra.midbottom, rb.midbottom)
            if e.back:
                mid = ((start[0] + end[0]) // 2, max(start[1], end[1]) + round(22 * self.zoom))
                pygame.draw.lines(surface, color, False, [start, mid, end], width)
            else:
                pygame.draw.line(surface, color, start, end, width)

    def _cards(self, surface: pygame.Surface) -> None:
        size = max(9, round(14 * self.zoom))
        f = fonts.font(F.current().text, size)
        for n in self.map.nodes.values():
            r = self.screen_rect(n)
            if not VIEW.colliderect(r):
                continue
            focused = n.id == self.focus
            border = (*T.FOCUS, 235) if focused else ((*T.PEACH, 220) if n.id in self.path else None)
            radius = max(4, round((CARD_H // 2 if n.kind == CHOICE else 10) * self.zoom))
            if not self.seen(n.id):
                surface.blit(W.panel(r.size, (255, 226, 206, 22), radius, border or (255, 226, 206, 40), 2 if focused else 1), r)
                self._lock(surface, r)
                continue
            fill = (150, 62, 48, 225) if n.kind == ENDING else (110, 44, 40, 215)
            surface.blit(W.panel(r.size, fill, radius, border, 2 if border else 1), r)
            if self.zoom >= 0.7:
                text = ellipsize(self.label(n.id), f, r.w - round(24 * self.zoom))
                W.label(surface, text, f, T.CREAM, r.center, "center")

    def _lock(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        """A small padlock: the scene exists, nothing more is told."""
        s = max(6, round(9 * self.zoom))
        body = pygame.Rect(0, 0, 2 * s, round(1.5 * s))
        body.center = (r.centerx, r.centery + s // 3)
        pygame.draw.rect(surface, (236, 190, 170, 90), body, border_radius=max(2, s // 4))
        pygame.draw.arc(surface, (236, 190, 170, 90), pygame.Rect(body.x + s // 3, body.y - s, body.w - 2 * (s // 3), 2 * s),
                        0, 3.1416, max(1, s // 4))

    def _info(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        self.play_rect = None
        surface.blit(W.panel(INFO.size, (72, 26, 30, 170), 14), INFO)
        x, y = INFO.x + 24, INFO.y + 16
        if self.focus is None:
            return
        node = self.map.nodes[self.focus]
        chapter = self.game.story.chapters[node.band]
        small = W.ui_font(T.UI_SMALL)
        W.label(surface, catalog.chapter_title(chapter), small, T.PEACH, (x, y))
        if not self.seen(node.id):
            W.label(surface, catalog.ui("Not seen yet"), W.ui_font(T.UI_SIZE), T.CREAM_DIM, (x, y + 30))
            return
        body = fonts.font(F.current().text, 20)
        W.label(surface, ellipsize(self.label(node.id), body, INFO.w - 330), body, T.CREAM, (x, y + 28))
        story_node = self.game.story.nodes[node.id]
        if story_node.choices:
            taken = sum(1 for c in story_node.choices if self.record.was_taken(node.id, c.key))
            text = catalog.ui_n("{count} of {total} option taken", "{count} of {total} options taken",
                                len(story_node.choices)).format(count=taken, total=len(story_node.choices))
            W.label(surface, text, small, T.CREAM_DIM, (x, y + 62))
        if self.can_play_from(node.id) is not None:
            f = W.ui_font(T.UI_SIZE)
            text = catalog.ui("Play from here")
            self.play_rect = pygame.Rect(0, 0, f.size(text)[0] + 60, 48)
            self.play_rect.midright = (INFO.right - 24, INFO.centery)
            surface.blit(W.panel(self.play_rect.size, (150, 62, 48, 235), 24, (*T.FOCUS, 220), 2), self.play_rect)
            W.label(surface, text, f, T.FOCUS, self.play_rect.center, "center")
