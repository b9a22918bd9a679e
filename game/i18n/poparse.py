"""A fast, forgiving `.po` reader and `.mo` writer for compiling what the player reads.

polib reads a 200,000-entry catalog in about eight seconds and writes its `.mo` in minutes
(its writer is quadratic); the first start of the game must not wait that long. This reader
takes one pass over the lines and keeps every entry it finished before a problem: a file
cut short or broken in the middle is reported (file and line) and the good entries before
the damage are used. The tools (`her i18n update`, `check`) keep using polib.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

MAX_PO_BYTES = 32 * 1024 * 1024
_ESCAPE = re.compile(r'\\(.)')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "v": "\v", "b": "\b", "f": "\f", "a": "\a"}
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d{1,2})\])?)\s*(".*)$')


@dataclass
class Entry:
    """The fields of one entry compile_po needs (the names polib uses)."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    obsolete: bool = False
    linenum: int = 0
    has_msgstr: bool = False


@dataclass
class Parsed:
    entries: list[Entry]
    metadata: dict[str, str]
    problem: tuple[int, str] | None = None  # (line, message) of the damage, when there was any

    def __iter__(self):
        return iter(self.entries)


class _Stop(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _string(text: str, line: int) -> str:
    """The value of one quoted string (the whole of `text`), escapes resolved."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"' or text.endswith('\\"') and not text.endswith('\\\\"'):
        raise _Stop(line, "a string without its closing quote (is the file cut short?)")
    inner = text[1:-1]
    if re.search(r'(?<!\\)(?:\\\\)*"', inner):
        raise _Stop(line, "a quote inside a string must be written \\\"")
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), inner) if "\\" in inner else inner


_Q = r'"((?:[^"\\\n]|\\.)*)"'
# The shape nearly every entry has (one-line strings, comments first): read by one regex match.
_FAST = re.compile(rf'((?:#[^\n]*\n)*)(?:msgctxt {_Q}\n)?msgid {_Q}\nmsgstr {_Q}\n?')


def _value(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text) if "\\" in text else text


def parse(text: str) -> Parsed:
    """Every entry up to the first problem, the header's fields, and the problem (line, message).

    Entries are the blocks between blank lines; most match one regular expression, the rest
    (the header, plurals, multi-line strings, obsolete entries) are read line by line."""
    entries: list[Entry] = []
    problem = None
    number = 1
    fast = _FAST.fullmatch
    try:
        for block in text.split("\n\n"):
            match = fast(block)
            if match is not None and "#~" not in match.group(1):
                comments, ctxt, msgid, msgstr = match.groups()
                entry = Entry(_value(msgid), None if ctxt is None else _value(ctxt), msgstr=_value(msgstr), has_msgstr=True,
                              linenum=number + comments.count("\n"))
                if "#," in comments:
                    entry.flags = [f.strip() for line in comments.split("\n") if line.startswith("#,") for f in line[2:].split(",")]
                entries.append(entry)
            elif block.strip():
                _lines(block, number, entries)
            number += block.count("\n") + 2
        if text and not text.endswith("\n") and entries:
            problem = (text.count("\n") + 1, "the file ends in the middle of a line (cut short?); its last entry is not used")
            entries.pop()
    except _Stop as stop:
        problem = (stop.line, stop.message)
    header = next((e for e in entries if not e.msgid and not e.msgctxt and not e.obsolete), None)
    return Parsed([e for e in entries if e is not header], _metadata(header.msgstr) if header else {}, problem)


def _lines(block: str, first: int, entries: list[Entry]) -> None:
    """Read one block line by line, appending its entries; _Stop at the first problem."""
    current = Entry()
    target: tuple[str, int | None] | None = None  # the field a continuation line extends
    flags: list[str] = []
    started = False
    for number, raw in enumerate(block.split("\n"), first):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#,"):
            flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            if target is None:
                raise _Stop(number, "a string that continues nothing")
            _extend(current, target, _string(line, number))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise _Stop(number, f"cannot read this line: {raw[:40]!r}")
        keyword, index, value = match.group(1), match.group(2), _string(match.group(3), number)
        if keyword in ("msgctxt", "msgid") and (current.has_msgstr or (keyword == "msgctxt" and started and current.msgctxt is not None)):
            entries.append(current)
            current, started = Entry(), False
        if keyword in ("msgctxt", "msgid") and not started:
            current.flags, current.obsolete, current.linenum, flags, started = flags, obsolete, number, [], True
        if keyword.startswith("msgstr") and not started:
            raise _Stop(number, "msgstr without msgid")
        target = (keyword if index is None else "msgstr_plural", None if index is None else int(index))
        _extend(current, target, value, new=True)
    if started and not current.has_msgstr:
        raise _Stop(first + block.count("\n"), "the entry has no msgstr (is the file cut short?)")
    if started:
        entries.append(current)


def _extend(entry: Entry, target: tuple[str, int | None], value: str, new: bool = False) -> None:
    name, index = target
    if name == "msgstr_plural":
        entry.msgstr_plural[index] = ("" if new else entry.msgstr_plural.get(index, "")) + value
        entry.has_msgstr = True
        return
    if name == "msgctxt":
        entry.msgctxt = ("" if new or entry.msgctxt is None else entry.msgctxt) + value
        return
    setattr(entry, name, ("" if new else getattr(entry, name)) + value)
    if name == "msgstr":
        entry.has_msgstr = True


def _metadata(header: str) -> dict[str, str]:
    out = {}
    for line in header.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    return out


def write_mo(messages: dict[str, str]) -> bytes:
    """GNU `.mo` bytes for {key: value} (keys already joined: `ctxt\\x04id`, `id\\x00plural`)."""
    keys = sorted(messages, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    count = len(keys)
    start = 7 * 4 + 16 * count
    table_ids, table_strs = [], []
    offset = start
    for data in ids:
        table_ids += [len(data), offset]
        offset += len(data) + 1
    for data in strs:
        table_strs += [len(data), offset]
        offset += len(data) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, start)
    body = b"".join(d + b"\0" for d in ids) + b"".join(d + b"\0" for d in strs)
    return head + struct.pack(f"<{4 * count}I", *table_ids, *table_strs) + body
