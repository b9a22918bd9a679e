"""Placeholders and markup a translation must carry over from its source text.

`{name}` / `{0}` (str.format), `%s` / `%(name)s` (printf style), tags like `<i>` and
`</i>`, and a leading or trailing newline. Pure functions on text; used by extraction
(format flags), by `her i18n check`, and at run time to drop entries that would break.
"""

from __future__ import annotations

import re
from collections import Counter

BRACE = re.compile(r"(?<!\{)\{(?:[A-Za-z_][A-Za-z0-9_]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
PERCENT = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+#0]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


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
