"""A damaged `.po` only ever gives the project's own one-line error or English: never a traceback."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.i18n import pofiles, poparse
from game.i18n.catalog import Catalog, load_catalog
from game.i18n.check import Fonts, check_language
from game.i18n.coverage import coverage
from game.i18n.update import update_language

SAMPLE = """\
# Korean
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ko\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#. speaker: samantha
#: story/one.yaml:12
msgctxt "office"
msgid "You sound tired."
msgstr "피곤해 보여요."

#, fuzzy
#| msgid "Hi."
msgctxt "office"
msgid "Hello."
msgstr "안녕."

msgctxt "menu"
msgid "{n} ending seen"
msgid_plural "{n} endings seen"
msgstr[0] "엔딩 {n}개"

#~ msgid "Gone."
#~ msgstr "사라짐."
"""

TOKENS = ['"', "\\", "\n", "msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[0] ", "msgstr[7] ", "#, fuzzy\n",
          "#~ ", "#| ", '""', "\x00", "\ufeff", "{", "}", "%s", "nplurals=", "plural=(n", "charset=latin-1", "한"]


@st.composite
def mutated(draw):
    data = bytearray(SAMPLE.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "token", "truncate", "dupe"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at: at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS)).encode("utf-8")
        elif kind == "truncate":
            del data[at:]
        else:
            end = min(len(data), at + draw(st.integers(1, 120)))
            data[at:at] = data[at:end]
    return bytes(data)


FONTS = Fonts()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=mutated())
def test_mutated_po_never_raises(tmp_path, blob):
    locales = tmp_path / "locales"
    shutil.rmtree(locales, ignore_errors=True)
    target = locales / "ko" / "LC_MESSAGES" / "story.po"
    target.parent.mkdir(parents=True)
    target.write_bytes(blob)
    messages: list[str] = []
    cat = load_catalog("ko", locales=locales, report=messages.append)
    assert isinstance(cat, Catalog)
    for text in (cat.text("office", "You sound tired."), cat.text("office", "Hello."),
                 cat.ui_n("{n} ending seen", "{n} endings seen", 3, context="menu"), cat.ui("Quit")):
        assert isinstance(text, str)
    # whatever the runtime's reader keeps of the file (the entries before any damage): a fuzzy
    # or empty entry is never shown translated, and nothing is shown that the file does not hold
    try:
        parsed = poparse.parse(pofiles.po_text(target))
    except pofiles.PoError:
        parsed = None
    if parsed is None:
        assert cat.text("office", "You sound tired.") == "You sound tired.", "an unreadable file is English"
    else:
        shown = cat.text("office", "You sound tired.")
        assert shown == "You sound tired." or any(e.msgstr == shown for e in parsed)
        live = [e for e in parsed if not e.obsolete]
        once = {e.msgid for e in live if sum(1 for o in live if (o.msgctxt, o.msgid) == (e.msgctxt, e.msgid)) == 1}
        for entry in live:
            if entry.msgid not in once or entry.msgctxt != "office" or entry.msgid_plural:
                continue
            if "fuzzy" in entry.flags or not entry.msgstr:
                assert cat.text("office", entry.msgid) == entry.msgid
    for m in messages:
        assert "\n" not in m and "Traceback" not in m and ("story.po" in m or "ko" in m)

    # the tools treat the same file with the same one-line errors
    try:
        pofiles.read_po(target)
    except pofiles.PoError as exc:
        assert "story.po" in exc.finding.format() and "\n" not in exc.finding.format()
    findings, _ = check_language(locales, "ko", boxes=None, fonts=FONTS, use_layoutspec=False)
    for finding in findings:
        assert "\n" not in finding.format() and "story.po" in finding.format()
    for row in coverage(locales, ["ko"]):
        assert row.error == "" or "story.po" in row.error
    (locales / "story.pot").write_text(SAMPLE.replace('"Language: ko\\n"\n', ""), encoding="utf-8")
    try:
        update_language(locales, "ko", "story")
    except pofiles.PoError:
        pass


def test_the_unmutated_sample_is_used(tmp_path):
    target = tmp_path / "ko" / "LC_MESSAGES" / "story.po"
    target.parent.mkdir(parents=True)
    target.write_text(SAMPLE, encoding="utf-8")
    messages: list[str] = []
    cat = load_catalog("ko", locales=tmp_path, report=messages.append)
    assert messages == []
    assert cat.text("office", "You sound tired.") == "피곤해 보여요."
    assert cat.text("office", "Hello.") == "Hello."
    assert cat.text("office", "Gone.") == "Gone."
