"""Placeholders and markup a translation must carry over from its source text.

`{name}` / `{0}` (str.format), `%s` / `%(name)s` (printf style), tags like `<i>` and
`</i>`, and a leading or trailing newline. Pure functions on text; used by extraction
(format flags), by `her i18n check`, and at run time to drop entries that would break.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from string import Formatter

BRACE = re.compile(r"(?<!\{)\{(?:[A-Za-z_][A-Za-z0-9_]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
PERCENT = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+#0]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FILL = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, values: Mapping[str, object]) -> str:
    """`template.format(**values)` made safe for text a translator wrote.

    Only `{name}` with a plain name among `values` is replaced, and `{{`/`}}` become one
    brace; every other form `str.format` would interpret (`{name.attr}`, `{name[0]}`,
    `{name!x}`, `{0}`, `{}`, a lone `{`) stays as written. Never an attribute or index
    access, never an exception.
    """

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return str(values[name]) if name in values else match.group(0)

    return _FILL.sub(one, template)


def brace_fields(text: str) -> list[str] | None:
    """Every `{...}` field `str.format` would interpret in `text`, as written; None when its
    braces do not balance (format would raise)."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        return None
    out = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return out


def _plain(field: str) -> bool:
    return PLAIN.fullmatch(field[1:-1]) is not None


def _percent(text: str) -> list[str]:
    return PERCENT.findall(text.replace("%%", ""))


def placeholders(text: str) -> Counter[str]:
    """Every placeholder and tag in `text`, counted."""
    return Counter(BRACE.findall(text) + _percent(text) + TAG.findall(text))


def format_flags(msgid: str, plural: str | None = None) -> list[str]:
    """The gettext format flags xgettext would give this source text."""
    both = msgid + "\n" + (plural or "")
    flags = []
    if BRACE.search(both):
        flags.append("python-brace-format")
    if _percent(both):
        flags.append("python-format")
    return flags


def mismatches(source: str, translation: str, *, plural_form: bool = False, also: str | None = None) -> list[str]:
    """What the translation got wrong, in words (empty list: fine).

    `also` is the other source text of a plural entry; a plural form may leave out a
    placeholder (Korean says "한 개" without the number) but may not invent one.
    """
    problems: list[str] = []
    problems += _brace_problems(source, translation)
    want = placeholders(source)
    allowed = want | placeholders(also) if also else want
    got = placeholders(translation)
    unknown = sorted(set(got) - set(allowed))
    if unknown:
        problems.append(f"placeholder or tag not in the source: {', '.join(unknown)}")
    if not plural_form:
        missing = sorted(set(want) - set(got))
        if missing:
            problems.append(f"missing placeholder or tag: {', '.join(missing)}")
        counted = sorted(k for k in want if k in got and got[k] != want[k])
        if counted:
            problems.append(f"placeholder or tag used a different number of times: {', '.join(counted)}")
    positional = [p for p in _percent(source) if not p.startswith("%(")]
    if len(positional) > 1 and [p for p in _percent(translation) if not p.startswith("%(")] != positional:
        problems.append("positional %-placeholders must keep their order (use %(name)s to reorder)")
    return problems


def _brace_problems(source: str, translation: str) -> list[str]:
    """Brace fields as the runtime fills them (see `fill`): a field the translation adds that is
    not a plain name of the source would show as written, and unbalanced braces in a text that
    is filled are wrong."""
    source_fields = brace_fields(source) or []
    if not source_fields:
        return []  # never filled: braces are plain characters
    fields = brace_fields(translation)
    if fields is None:
        return ["unbalanced '{' or '}' (write '{{' or '}}' for a brace)"]
    odd = sorted({f for f in fields if not _plain(f) and f not in source_fields})
    if odd:
        return [f"placeholder is not a plain name and would be shown as written: {', '.join(odd)}"]
    return []


def breaks_at_run_time(source: str, translation: str, *, plural_form: bool = False, also: str | None = None) -> bool:
    """True when showing the translation could fail or lose information: use English instead."""
    return bool(mismatches(source, translation, plural_form=plural_form, also=also))


def newline_mismatch(source: str, translation: str) -> list[str]:
    problems = []
    if source.startswith("\n") != translation.startswith("\n"):
        problems.append("leading newline differs from the source")
    if source.endswith("\n") != translation.endswith("\n"):
        problems.append("trailing newline differs from the source")
    return problems
