"""`her i18n update LANG`: changed text turns fuzzy with its old translation, nothing is lost."""

from __future__ import annotations

import polib

from game.i18n.update import merge


def _po(project, lang="ko", domain="story"):
    return polib.pofile(str(project.po(lang, domain)))


def _find(po, ctx, msgid, obsolete=False):
    hits = [e for e in po if e.msgctxt == ctx and e.msgid == msgid and e.obsolete == obsolete]
    assert len(hits) == 1, f"{ctx}/{msgid!r}: {len(hits)} entries"
    return hits[0]


KO = {
    "The office hums.": "사무실이 웅웅거렸다.",
    "Tell her.": "그녀에게 말한다.",
    "Say nothing.": "아무 말도 하지 않는다.",
    "Night.": "밤.",
    "Hello.": "안녕.",
}


def test_new_language_gets_every_string_empty_with_its_header(project):
    assert project.her("extract") == 0
    assert project.her("update", "ko") == 0
    po = _po(project)
    template = polib.pofile(str(project.locales / "story.pot"))
    assert [(e.msgctxt, e.msgid) for e in po] == [(e.msgctxt, e.msgid) for e in template]
    assert all(e.msgstr == "" for e in po)
    assert po.metadata["Language"] == "ko"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    ui = _po(project, domain="ui")
    plural = _find(ui, None, "{n} ending seen")
    assert list(plural.msgstr_plural) == [0], "Korean has one plural form"


def test_changed_text_is_fuzzy_with_old_translation_and_previous_msgid(project):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    project.translate("ko", "story", KO)

    project.edit_story("one.yaml", "The office hums.", "The office hums quietly.")  # changed
    project.edit_story("one.yaml", "      - text: Say nothing.\n", "")  # removed
    project.edit_story("two.yaml", "      - narrator: Night.\n", "      - narrator: Night.\n      - narrator: Rain.\n")  # new
    assert project.her("extract") == 0 and project.her("update", "ko") == 0

    po = _po(project)
    changed = _find(po, "office", "The office hums quietly.")
    assert "fuzzy" in changed.flags
    assert changed.msgstr == "사무실이 웅웅거렸다."
    assert changed.previous_msgid == "The office hums."
    assert "#| msgid \"The office hums.\"" in project.po("ko", "story").read_text()

    removed = _find(po, "office", "Say nothing.", obsolete=True)
    assert removed.msgstr == "아무 말도 하지 않는다."
    assert "#~ msgid \"Say nothing.\"" in project.po("ko", "story").read_text()

    assert _find(po, "evening", "Rain.").msgstr == ""
    kept = _find(po, "office", "Tell her.")
    assert kept.msgstr == "그녀에게 말한다." and "fuzzy" not in kept.flags
    assert _find(po, "evening", "Night.").msgstr == "밤."

    # nothing changes on a second run (no churn), and the text coming back revives its translation
    before = project.po("ko", "story").read_bytes()
    assert project.her("update", "ko") == 0
    assert project.po("ko", "story").read_bytes() == before
    project.edit_story("one.yaml", "      - text: Hidden.\n", "      - text: Say nothing.\n      - text: Hidden.\n")
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    back = _find(_po(project), "office", "Say nothing.")
    assert back.msgstr == "아무 말도 하지 않는다." and "fuzzy" not in back.flags
    assert not [e for e in _po(project) if e.obsolete and e.msgid == "Say nothing."]


def test_line_moved_to_another_node_keeps_its_translation_as_fuzzy(project):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    project.translate("ko", "story", KO)
    project.edit_story("two.yaml", "      - narrator: Night.\n", "      - narrator: Dusk.\n")
    project.edit_story("two.yaml", "      - narrator: Together.\n", "      - narrator: Night.\n")
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    moved = _find(_po(project), "end_together", "Night.")
    assert moved.msgstr == "밤." and "fuzzy" in moved.flags
    assert moved.previous_msgctxt == "evening"


def test_translator_comments_and_tool_headers_survive(project):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    po = _po(project)
    entry = _find(po, "office", "Tell her.")
    entry.msgstr, entry.tcomment = "말한다.", "check the tone with the editor"
    po.metadata["Last-Translator"] = "Kim <kim@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.save(str(project.po("ko", "story")))
    project.edit_story("one.yaml", "The office hums.", "The office hums again.")
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    po = _po(project)
    assert _find(po, "office", "Tell her.").tcomment == "check the tone with the editor"
    assert po.metadata["Last-Translator"] == "Kim <kim@example.org>"
    assert po.metadata["X-Generator"] == "Poedit 3.4"


def test_an_unrelated_rewrite_is_new_and_the_old_text_obsolete():
    template = polib.POFile()
    template.append(polib.POEntry(msgctxt="n", msgid="Completely different words here."))
    old = polib.POFile()
    old.metadata = {"Language": "ko"}
    old.append(polib.POEntry(msgctxt="n", msgid="Hi.", msgstr="안녕."))
    result = merge(template, old, "ko", "story")
    fresh = [e for e in result.po if not e.obsolete]
    assert fresh[0].msgstr == "" and "fuzzy" not in fresh[0].flags
    assert [e.msgid for e in result.po if e.obsolete] == ["Hi."]
    assert (result.new, result.obsolete, result.fuzzy) == (1, 1, 0)


def test_update_refuses_bad_language_codes_and_missing_templates(project, capsys):
    assert project.her("update", "ko") == 1
    assert "her i18n extract" in capsys.readouterr().err
    assert project.her("extract") == 0
    assert project.her("update", "../../etc") == 1
    assert "not a language code" in capsys.readouterr().err
    assert not (project.root / "etc").exists()
    assert project.her("update", "qps") == 1
    assert "her i18n pseudo" in capsys.readouterr().err


def test_update_reports_a_malformed_po_and_leaves_it_alone(project, capsys):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    path = project.po("ko", "story")
    broken = path.read_text().replace('msgstr ""\n\n#. name', 'msgstr ""\nnonsense here\n\n#. name', 1)
    path.write_text(broken)
    assert project.her("update", "ko") == 1
    err = capsys.readouterr().err
    line = broken.splitlines().index("nonsense here") + 1
    assert f"story.po:{line}: error: syntax error" in err
    assert path.read_text() == broken
