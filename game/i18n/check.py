"""`her i18n check LANG`: what would look wrong on screen, found before a player sees it.

For every translation a player would read (translated, not fuzzy):
- valid gettext: header (Language, UTF-8, Plural-Forms), plural forms, format flags;
- placeholders, tags and leading/trailing newlines as in the source (`game.i18n.markup`);
- every character has a glyph in each font that draws it;
- it fits its box, laid out with the real font and `game.textlayout.break_lines`, at every
  text size (100/125/150%); boxes come from `game.ui.layoutspec.text_boxes(scale)`.

Each finding is one line `locales/ko/LC_MESSAGES/story.po:123: error: ...`. This is the
one translation command that imports pygame (for its font rasteriser's metrics).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from game import styles
from game.engine.controls import CONTROL, escape_controls
from game.i18n import pofiles
from game.i18n.compiled import plural_ok
from game.i18n.coverage import is_translated
from game.i18n.languages import DOMAINS, nplurals, po_path, template_path
from game.i18n.markup import format_flags, mismatches, newline_mismatch
from game.i18n.pofiles import Finding
from game.ui.layoutspec import LABELS

SCALES = (1.0, 1.25, 1.5)
# from the style table: the boxes lines are laid out in (the window pages them; buttons and
# plates are cut), and those in handwriting, whose font never draws titles and summaries
PAGINATED = set(styles.box_kinds())
HANDWRITTEN = {row.box for row in styles.ROWS if row.font == styles.HAND}


@dataclass(frozen=True)
class BoxSpec:
    """What the checks need of a layoutspec Box (a test's own boxes)."""

    kind: str
    font_file: Path
    font_size: int
    width: int
    max_lines: int
    line_height: int = 0  # 0: 1.3 times the font size


BoxSource = Callable[[float], Iterable]


def layout_boxes(lang: str) -> BoxSource:
    """The window's `text_boxes(scale)` in this language's fonts."""
    from game.ui.layoutspec import text_boxes

    return lambda scale: text_boxes(scale, lang=lang)


# --- fonts ----------------------------------------------------------------------------
class Fonts:
    """pygame fonts, opened once per (file, size); glyph coverage per file."""

    def __init__(self) -> None:
        import os

        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame
        import pygame.freetype

        if not pygame.font.get_init():
            pygame.font.init()
        if not pygame.freetype.get_init():
            pygame.freetype.init()
        self._pygame = pygame
        self._sized: dict[tuple[str, int], object] = {}
        self._faces: dict[str, object] = {}
        self._has: dict[tuple[str, str], bool] = {}
        self._widths: dict[tuple[str, int, str], int] = {}

    def font(self, path: Path, size: int):
        key = (str(path), size)
        if key not in self._sized:
            self._sized[key] = self._pygame.font.Font(str(path), size)
        return self._sized[key]

    def measure(self, path: Path, size: int) -> Callable[[str], int]:
        font = self.font(path, size)
        cache = self._widths

        def width(text: str) -> int:
            key = (str(path), size, text)
            if key not in cache:
                cache[key] = font.size(text)[0]
            return cache[key]
        return width

    def has_glyph(self, path: Path, ch: str) -> bool:
        key = (str(path), ch)
        if key not in self._has:
            face = self._faces.get(str(path))
            if face is None:
                face = self._faces[str(path)] = self._pygame.freetype.Font(str(path), 16)
            metrics = face.get_metrics(ch)  # [None] when the font has no glyph: it would draw .notdef
            self._has[key] = bool(metrics) and metrics[0] is not None
        return self._has[key]


# --- the check ------------------------------------------------------------------------
def _kinds(entry: polib.POEntry, template: polib.POEntry | None, domain: str, kinds: set[str]) -> list[str]:
    """Which boxes show this entry (empty: no fixed box, e.g. a chapter title card)."""
    ctx = entry.msgctxt or ""
    comment = (template.comment if template is not None else entry.comment) or ""
    if domain == "ui":
        if ctx in kinds:
            return [ctx]
        return ["menu?"]  # a menu button if its English is one; decided with the font
    if ctx.startswith("character:"):
        return ["name"]
    if ctx.startswith(("chapter:", "ending:")) or ctx == "story":
        return []
    if any(line.startswith("choice ") for line in comment.split("\n")):
        return ["choice"]
    for line in comment.split("\n"):
        if line.startswith("style: "):
            return [styles.box_of(line[7:].strip())]
    return ["line"]


class Checker:
    def __init__(self, boxes: BoxSource | None, fonts: Fonts | None = None):
        self.boxes = boxes
        self.fonts = fonts or Fonts()
        self.by_scale = {}
        if boxes is not None:
            for scale in SCALES:
                self.by_scale[scale] = {b.kind: b for b in boxes(scale)}
        self.unboxed = 0
        self.missing_fonts = sorted({str(b.font_file) for kinds in self.by_scale.values() for b in kinds.values()
                                     if not Path(b.font_file).is_file()})

    def kinds(self) -> set[str]:
        return set(self.by_scale.get(1.0, {}))

    def check_file(self, path: Path, domain: str, template: polib.POFile | None, lang: str) -> list[Finding]:
        try:
            po = pofiles.read_po(path)
        except pofiles.PoError as exc:
            return [exc.finding]
        lines = path.read_text(encoding="utf-8-sig").split("\n")
        findings = self._header(po, path, lang, domain)
        forms = po.metadata.get("Plural-Forms", "")
        slots = nplurals(forms) if plural_ok(forms) else None
        known = {pofiles.entry_key(e): e for e in template or [] if not e.obsolete}
        stale = 0
        for entry in po:
            if entry.obsolete:
                continue
            t = known.get(pofiles.entry_key(entry))
            if template is not None and t is None:
                stale += 1
            at = _msgstr_line(lines, entry.linenum or 0)
            findings += [Finding(str(path), at, m) for m in self._entry(entry, t, slots, domain)]
        if stale:
            findings.append(Finding(str(path), 1, f"{stale} entr{'y is' if stale == 1 else 'ies are'} not in the template "
                                    f"any more; run 'her i18n update {lang}'", "warning"))
        if template is not None:
            have = {pofiles.entry_key(e) for e in po if not e.obsolete}
            missing = sum(1 for k in known if k not in have)
            if missing:
                findings.append(Finding(str(path), 1, f"{missing} template entr{'y is' if missing == 1 else 'ies are'} missing; "
                                        f"run 'her i18n update {lang}'", "warning"))
        return findings

    def _header(self, po: polib.POFile, path: Path, lang: str, domain: str) -> list[Finding]:
        out = []
        meta = po.metadata
        if not meta:
            return [Finding(str(path), 1, "no header entry (msgid \"\")")]
        if meta.get("Language", "").replace("-", "_") != lang:
            out.append(Finding(str(path), 1, f"header Language is {meta.get('Language', '')!r}, the folder says {lang!r}"))
        if "charset=utf-8" not in meta.get("Content-Type", "").lower().replace(" ", ""):
            out.append(Finding(str(path), 1, "header Content-Type must be 'text/plain; charset=UTF-8'"))
        forms = meta.get("Plural-Forms", "")
        if any(e.msgid_plural for e in po) or domain == "ui":
            if not forms:
                out.append(Finding(str(path), 1, "header Plural-Forms is missing"))
            elif not plural_ok(forms):
                out.append(Finding(str(path), 1, f"header Plural-Forms {forms!r} is not valid"))
        return out

    def _entry(self, entry: polib.POEntry, template: polib.POEntry | None, slots: int | None, domain: str) -> list[str]:
        out: list[str] = []
        want_flags = set(format_flags(entry.msgid, entry.msgid_plural))
        have_flags = {f for f in entry.flags if f.endswith("-format") and not f.startswith("no-")}
        if domain == "ui" and want_flags != have_flags:
            out.append(f"format flags {sorted(have_flags) or 'none'} do not match the source text "
                       f"(expected {sorted(want_flags) or 'none'})")
        if entry.msgid_plural:
            if slots is not None and sorted(int(k) for k in entry.msgstr_plural) != list(range(slots)):
                out.append(f"has {len(entry.msgstr_plural)} plural form(s); Plural-Forms says {slots}")
        if "fuzzy" in entry.flags or not is_translated(entry):
            return out  # shown in English: nothing more to check
        texts = [(int(k), v) for k, v in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0]))] \
            if entry.msgid_plural else [(None, entry.msgstr)]
        for index, text in texts:
            source = entry.msgid if not index else entry.msgid_plural
            label = f"msgstr[{index}]: " if index is not None else ""
            problems = mismatches(source, text, plural_form=index is not None, also=entry.msgid_plural if index is not None else None)
            problems += newline_mismatch(source, text)
            control = CONTROL.search(text)
            if control and not CONTROL.search(source):
                problems.append(f"holds the control character {escape_controls(control.group(0))}, which the source does not")
            out += [label + p for p in problems]
            out += [label + p for p in self._layout(entry, template, domain, text)]
        return out

    def _layout(self, entry: polib.POEntry, template: polib.POEntry | None, domain: str, text: str) -> list[str]:
        out: list[str] = []
        kinds = _kinds(entry, template, domain, self.kinds())
        base = self.by_scale.get(1.0, {})
        if kinds == ["menu?"]:
            menu = base.get("menu")
            fits = menu is not None and self._fits(menu, entry.msgid)
            kinds = ["menu"] if fits else []
        if not kinds:
            self.unboxed += 1
        fonts = {base[k].font_file for k in kinds if k in base} or {
            b.font_file for k, b in base.items() if k not in HANDWRITTEN}
        for font in sorted(fonts, key=str):
            if str(font) in self.missing_fonts:
                continue
            missing = sorted({ch for ch in text if ch not in "\n\t" and not self.fonts.has_glyph(font, ch)})
            if missing:
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
                more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
                out.append(f"no glyph in {Path(font).name} for {shown}{more}")
        for kind in kinds:
            for scale in SCALES:
                box = self.by_scale.get(scale, {}).get(kind)
                if box is None or str(box.font_file) in self.missing_fonts:
                    continue
                problem = self._overflow(box, text, entry.msgid)
                if problem:
                    out.append(f"too long for the {LABELS.get(kind, kind)} at {round(scale * 100)}% text size: {problem}")
                    break  # the smallest size it overflows at says enough
        return out

    def _fits(self, box, text: str) -> bool:
        return self.layout(box, text)[0] == 1

    def layout(self, box, text: str) -> tuple[int, int, int]:
        """(pages, lines, font size) the way the window lays it: break with the real font,
        shrink step by step down to the theme's floor keeping the box's height, then pages."""
        from game.textlayout import break_lines

        leading = box.line_height / box.font_size if box.line_height else 1.3
        height = box.max_lines * (box.line_height or round(box.font_size * leading))
        floor = max(8, int(box.font_size * shrink_floor()))
        size = box.font_size
        while True:
            measure = self.fonts.measure(Path(box.font_file), size)
            room = max(1, height // max(1, round(size * leading)))
            lines = break_lines(text, box.width, measure)
            too_wide = any(measure(line) > box.width for line in lines)
            if (len(lines) <= room and not too_wide) or size <= floor:
                break
            size = max(floor, size - max(1, size // 14))
        pages = -(-len(lines) // room) + (1 if too_wide else 0)
        return pages, len(lines), size

    def _overflow(self, box, text: str, source: str) -> str:
        if str(box.font_file) in self.missing_fonts:
            return ""
        pages, lines, size = self.layout(box, text)
        if pages <= 1:
            return ""
        where = f"{Path(box.font_file).stem} {box.font_size}px, {box.width}px wide, {box.max_lines} line(s)"
        if box.kind in PAGINATED:
            english = self.layout(box, source)[0]
            if pages <= english:
                return ""  # the English needs as many pages: the window pages it the same way
            return f"{pages} pages where the English needs {english} ({lines} lines even at {size}px; {where})"
        return f"{lines} lines even shrunk to {size}px, would be cut off ({where})"


def shrink_floor() -> float:
    """How far the window shrinks a font before it pages or cuts (the theme's SHRINK_FLOOR)."""
    from game.ui import theme

    return theme.SHRINK_FLOOR


def _msgstr_line(lines: list[str], start: int) -> int:
    """The line of the entry's msgstr (polib only knows where the entry starts)."""
    for i in range(max(0, start - 1), min(len(lines), start + 400)):
        if lines[i].startswith("msgstr"):
            return i + 1
    return start


def check_language(locales: Path, lang: str, boxes: BoxSource | None = None, fonts: Fonts | None = None,
                   use_layoutspec: bool = True) -> tuple[list[Finding], dict]:
    """Every finding for one language, and a few counts for the summary line."""
    if boxes is None and use_layoutspec:
        boxes = layout_boxes(lang)
    checker = Checker(boxes, fonts)
    findings: list[Finding] = [Finding(f, 0, "font file not found: the texts it draws were not checked")
                               for f in checker.missing_fonts]
    checked = 0
    for domain in DOMAINS:
        path = po_path(locales, lang, domain)
        if not path.is_file():
            continue
        checked += 1
        template = None
        tpath = template_path(locales, domain)
        if tpath.is_file():
            try:
                template = pofiles.read_po(tpath)
            except pofiles.PoError as exc:
                findings.append(exc.finding)
        findings += checker.check_file(path, domain, template, lang)
    info = {"files": checked, "unboxed": checker.unboxed, "layout": boxes is not None}
    return findings, info
