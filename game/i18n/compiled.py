"""Catalogs compiled once: `.po` -> `.mo` in the user's cache, read with `gettext`.

Parsing a `.po` with polib takes a noticeable fraction of a second for the whole story; the
compiled `.mo` loads in milliseconds. The cache file is named after a hash of the `.po`'s
bytes (and of this compiler's version), so editing a `.po` invalidates it by itself.
Only entries a player should see go into the `.mo`: translated, not fuzzy, not obsolete,
with the source's placeholders. Everything else falls back to English.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import struct
from collections.abc import Callable
from pathlib import Path

from game.i18n.languages import DEFAULT_PLURAL_FORMS
from game.storage import write_atomic

COMPILER_VERSION = "1"  # bump when what goes into a .mo changes: old caches then miss
GENERATED_VERSION = "pseudo-1"  # bump when the pseudo-locale generator changes
Report = Callable[[str], None]


def cache_dir() -> Path:
    from game.paths import user_data_dir

    return user_data_dir() / "cache" / "i18n"


def _digest(data: bytes, salt: str) -> str:
    h = hashlib.sha256()
    h.update(f"her-mo-{COMPILER_VERSION}-{salt}\0".encode())
    h.update(data)
    return h.hexdigest()[:24]


def load_translations(po: Path, lang: str, domain: str, report: Report,
                      make_po: Callable[[], object] | None = None) -> gettext.GNUTranslations | None:
    """The compiled translations of `po` (compiling and caching on first use), or None.

    `make_po` builds the catalog in memory instead of reading `po` (the pseudo-locale from
    its template); `po` then names the file whose bytes key the cache.
    """
    from game.i18n.poparse import MAX_PO_BYTES
    from game.storage import DamagedFile, read_regular

    try:
        data = read_regular(po, MAX_PO_BYTES)
    except (OSError, DamagedFile) as exc:
        report(f"{po}: error: cannot read: {getattr(exc, 'strerror', None) or exc}; using English")
        return None
    key = _digest(data, f"{lang}/{domain}/{GENERATED_VERSION if make_po else 'po'}")
    try:
        folder = cache_dir()
    except OSError:
        folder = None  # no usable data folder: compiled every start, used all the same
    cached = folder / f"{lang}-{domain}-{key}.mo" if folder is not None else None
    if cached is not None:
        try:
            trans = _checked(_read_mo(read_regular(cached, MAX_PO_BYTES)), lang)
        except (OSError, DamagedFile):
            trans = None  # missing, unreadable or damaged: compiled again below
        if trans is not None:
            return trans
    mo = compile_po(po, lang, domain, report, make_po, data)
    if mo is None:
        return None
    if cached is not None:
        _store(folder, cached, mo, f"{lang}-{domain}-")
    return _read_mo(mo, report, po)


def _checked(trans: gettext.GNUTranslations | None, lang: str) -> gettext.GNUTranslations | None:
    """A cached catalog only if it is one we compiled for this language (never trusted blindly)."""
    if trans is None or trans.info().get("language") != lang:
        return None
    return trans


def _read_mo(mo: bytes, report: Report | None = None, origin: Path | None = None) -> gettext.GNUTranslations | None:
    try:
        return gettext.GNUTranslations(io.BytesIO(mo))
    except (OSError, ValueError, LookupError, UnicodeError, KeyError, IndexError, SyntaxError, RecursionError,
            struct.error, MemoryError, OverflowError) as exc:
        if report is not None:
            report(f"{origin}: error: cannot use the compiled catalog ({exc}); using English")
        return None


def _store(folder: Path, target: Path, mo: bytes, prefix: str) -> None:
    """Write the compiled catalog atomically and drop older ones of the same language/domain."""
    try:
        write_atomic(target, mo)
        for old in folder.glob(f"{prefix}*.mo"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only cache only costs speed: the compiled bytes are used directly


def compile_po(po_path: Path, lang: str, domain: str, report: Report,
               make_po: Callable[[], object] | None = None, data: bytes | None = None) -> bytes | None:
    """The `.mo` bytes of what a player should see from `po_path`, or None (report said why).

    A file damaged part way (cut short, a broken line) is reported with its line, and the
    entries before the damage are used (`game.i18n.poparse`)."""
    from game.i18n import pofiles, poparse
    from game.i18n.languages import nplurals

    try:
        source = make_po() if make_po is not None else poparse.parse(pofiles.po_text(po_path, data))
    except pofiles.PoError as exc:
        report(f"{exc.finding.format()}; using English")
        return None
    problem = getattr(source, "problem", None)
    if problem is not None:
        line, message = problem
        kept = sum(1 for _ in source)
        report(f"{pofiles.display(po_path)}:{line}: error: {message}; using the {kept} entries before it, English for the rest")
    forms = (source.metadata.get("Plural-Forms") or "").strip()
    if forms and not plural_ok(forms):
        report(f"{pofiles.display(po_path)}: error: bad Plural-Forms header {forms!r}; "
               "using English for texts with numbers")
        forms = ""
    slots = nplurals(forms) if forms else None
    header = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang, "Plural-Forms": forms or DEFAULT_PLURAL_FORMS}
    messages = {"": "".join(f"{k}: {v}\n" for k, v in header.items())}
    dropped = 0
    for entry in source:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        parts = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            if slots is None:
                continue
            key += "\x00" + entry.msgid_plural
            plural = entry.msgstr_plural
            values = [plural.get(i, plural.get(str(i), "")) for i in range(slots)]
            if not all(values) or key in messages:
                continue
            if any(_breaks(entry.msgid, v, True, entry.msgid_plural) for v in values) or _unencodable(*parts, *values):
                dropped += 1
                continue
            messages[key] = "\x00".join(values)
        else:
            if not entry.msgstr or key in messages:
                continue
            if _breaks(entry.msgid, entry.msgstr) or _unencodable(*parts, entry.msgstr):
                dropped += 1
                continue
            messages[key] = entry.msgstr
    if dropped:
        report(f"{pofiles.display(po_path)}: warning: {dropped} translation(s) with wrong placeholders shown in English; "
               f"run 'her i18n check {lang}'")
    try:
        return poparse.write_mo(messages)
    except (ValueError, UnicodeError, OverflowError, struct.error) as exc:
        report(f"{pofiles.display(po_path)}: error: cannot compile ({exc}); using English")
        return None


_MARKUP = frozenset("{}%<>")


def _breaks(source: str, translation: str, plural_form: bool = False, also: str | None = None) -> bool:
    """`markup.breaks_at_run_time`, skipped for the many texts with no placeholder or tag at all."""
    if _MARKUP.isdisjoint(source) and _MARKUP.isdisjoint(translation) and (also is None or _MARKUP.isdisjoint(also)):
        return False
    from game.i18n.markup import breaks_at_run_time

    return breaks_at_run_time(source, translation, plural_form=plural_form, also=also)


def _unencodable(*texts: str) -> bool:
    for text in texts:
        if "\x00" in text or "\x04" in text:
            return True
        try:
            text.encode("utf-8")
        except UnicodeError:
            return True
    return False


def plural_ok(forms: str) -> bool:
    """Whether Python's gettext accepts the header (it compiles it to a function itself)."""
    from game.i18n.languages import nplurals

    if not nplurals(forms) or nplurals(forms) > 10:
        return False
    try:
        plural = forms.split("plural=", 1)[1].split(";", 1)[0].strip()
        func = gettext.c2py(plural)
        return all(isinstance(func(n), int) and 0 <= func(n) < nplurals(forms) for n in (0, 1, 2, 5, 11, 21, 101))
    except (IndexError, ValueError, SyntaxError, RecursionError, OverflowError, ZeroDivisionError, TypeError):
        return False
