"""Reading and writing gettext files with polib, with one-line errors and no churn.

Every problem a translator can cause surfaces as a `PoError` that names the file and, where
polib knows it, the line; callers print it (`PATH:LINE: error: MESSAGE`) and go on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import polib

import game
from game.i18n.languages import native_name, nplurals, plural_forms
from game.i18n.poparse import MAX_PO_BYTES
from game.storage import write_atomic

WRAP = 78
PROJECT = f"Her {game.__version__}"
BUGS = "https://github.com/her-game/her/issues"
_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?", re.S)


def display(path: Path | str) -> str:
    """A path as a person should read it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class Finding:
    """One problem in a translation file: `PATH:LINE: error: MESSAGE`."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def format(self) -> str:
        from game.engine.controls import escape_controls

        where = f"{display(self.path)}:{self.line}" if self.line else display(self.path)
        return escape_controls(f"{where}: {self.severity}: {self.message}")


class PoError(Exception):
    def __init__(self, path: Path | str, line: int, message: str):
        self.finding = Finding(str(path), line, message)
        super().__init__(self.finding.format())


def po_text(path: Path, data: bytes | None = None) -> str:
    """The text of a .po/.pot file (a regular file, bounded, UTF-8, no NUL); PoError otherwise."""
    from game.storage import DamagedFile, read_regular

    if data is None:
        try:
            data = read_regular(path, MAX_PO_BYTES)
        except FileNotFoundError:
            raise PoError(path, 0, "file not found") from None
        except DamagedFile as exc:
            raise PoError(path, 0, str(exc)) from None
        except OSError as exc:
            raise PoError(path, 0, f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PoError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    if "\x00" in text:
        raise PoError(path, text[: text.index("\x00")].count("\n") + 1, "contains a NUL character")
    return text


def read_po(path: Path, *, check_duplicates: bool = True) -> polib.POFile:
    """Parse a .po/.pot file; any problem becomes a PoError naming the file and line."""
    text = po_text(path)
    if os.path.isfile(text):  # polib would take the text for a file name
        raise PoError(path, 1, "not a gettext catalog")
    try:
        po = polib.pofile(text, wrapwidth=WRAP, encoding="utf-8")
    except OSError as exc:  # polib reports syntax errors as IOError("... (line N): detail")
        match = _LINE.search(str(exc))
        if match:
            detail = (match.group(2) or "").strip()
            raise PoError(path, int(match.group(1)), f"syntax error{': ' + detail if detail else ''}") from None
        raise PoError(path, 0, f"cannot parse: {exc}") from None
    except Exception as exc:  # polib has many failure modes on hostile input; all end here
        raise PoError(path, 0, f"cannot parse ({type(exc).__name__}: {exc})") from None
    po.fpath = str(path)
    if check_duplicates:
        seen: dict[tuple[str, str], int] = {}
        for entry in po:
            if entry.obsolete:
                continue
            key = entry_key(entry)
            if key in seen:
                raise PoError(path, entry.linenum or 0, f"duplicate entry {_describe(entry)} (first at line {seen[key]})")
            seen[key] = entry.linenum or 0
    return po


def _describe(entry: polib.POEntry) -> str:
    short = entry.msgid if len(entry.msgid) < 40 else entry.msgid[:37] + "..."
    ctx = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{ctx}{short!r}"


def entry_key(entry: polib.POEntry) -> tuple[str, str]:
    """What identifies an entry in gettext: its context and its source text."""
    return (entry.msgctxt or "", entry.msgid)


def render(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically, only when the bytes differ. True when the file changed."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def template_metadata(domain: str, plural: bool, creation_date: str) -> dict[str, str]:
    meta = {
        "Project-Id-Version": PROJECT,
        "Report-Msgid-Bugs-To": BUGS,
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Domain": domain,
    }
    if plural:
        meta["Plural-Forms"] = "nplurals=INTEGER; plural=EXPRESSION;"
    return meta


def catalog_metadata(lang: str, domain: str, template: polib.POFile, old: polib.POFile | None) -> dict[str, str]:
    """A language file's header: the template's facts, the translators' own fields kept."""
    meta = {
        "Project-Id-Version": PROJECT,
        "Report-Msgid-Bugs-To": BUGS,
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": f"{native_name(lang)} <LL@li.org>",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang),
        "X-Domain": domain,
    }
    if old is not None:
        for key in ("PO-Revision-Date", "Last-Translator", "Language-Team", "Plural-Forms"):
            value = old.metadata.get(key, "").strip()
            if value and (key != "Plural-Forms" or nplurals(value)):
                meta[key] = value
        for key, value in old.metadata.items():  # tool headers (X-Generator, X-Poedit-...) stay
            if key not in meta:
                meta[key] = value
    return meta
