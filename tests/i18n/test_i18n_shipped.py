"""The catalogs that ship with the game: valid gettext, up to date, checked, and Korean complete."""

from __future__ import annotations

import json
import subprocess
import sys

import polib
import pytest

from game.i18n import pofiles
from game.i18n.check import check_language
from game.i18n.compiled import plural_ok
from game.i18n.coverage import coverage
from game.i18n.extract import ui_messages
from game.i18n.languages import DOMAINS, locale_codes, nplurals, po_path, template_path
from game.i18n.markup import format_flags
from game.paths import PACKAGE_DIR, locales_dir

LOCALES = locales_dir()
SHIPPED = [lang for lang in locale_codes(LOCALES) if lang != "qps"]
FILES = [(lang, d) for lang in SHIPPED for d in DOMAINS if po_path(LOCALES, lang, d).is_file()]


def test_korean_ships():
    assert "ko" in SHIPPED


@pytest.mark.parametrize(("lang", "domain"), FILES)
def test_shipped_po_is_valid_gettext(lang, domain):
    path = po_path(LOCALES, lang, domain)
    po = pofiles.read_po(path)  # parses, UTF-8, no duplicate entries
    meta = po.metadata
    assert meta["Language"] == lang
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Content-Transfer-Encoding"] == "8bit"
    assert plural_ok(meta["Plural-Forms"])
    slots = nplurals(meta["Plural-Forms"])
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(slots)), entry.msgid
        have = {f for f in entry.flags if f.endswith("-format")}
        assert have == set(format_flags(entry.msgid, entry.msgid_plural)) or domain == "story", entry.msgid
    # compiles with polib and reads back with gettext's own parser
    import gettext
    import io

    gettext.GNUTranslations(io.BytesIO(po.to_binary()))


@pytest.mark.parametrize("domain", DOMAINS)
def test_templates_are_valid(domain):
    pot = pofiles.read_po(template_path(LOCALES, domain))
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert all(not e.msgstr and not any(e.msgstr_plural.values()) for e in pot)


def test_ui_template_is_up_to_date_with_the_code():
    messages, problems = ui_messages(PACKAGE_DIR.parent)
    assert [p.format() for p in problems if p.severity == "error"] == []
    in_code = {(m.msgctxt or "", m.msgid) for m in messages}
    in_pot = {pofiles.entry_key(e) for e in polib.pofile(str(template_path(LOCALES, "ui")))}
    assert in_code == in_pot, "run 'her i18n extract' (and 'her i18n update ko')"


@pytest.mark.parametrize("lang", SHIPPED)
def test_shipped_catalogs_pass_the_check(lang):
    findings, info = check_language(LOCALES, lang)
    assert info["layout"], "game/ui/layoutspec.py is missing: overflow was not checked"
    assert [f.format() for f in findings if f.severity == "error"] == []


def test_korean_interface_is_complete():
    rows = {r.domain: r for r in coverage(LOCALES, ["ko"])}
    ui = rows["ui"]
    assert ui.error == "" and ui.total > 0
    assert (ui.translated, ui.fuzzy) == (ui.total, 0), f"{ui.untranslated} untranslated, {ui.fuzzy} fuzzy in ko/ui.po"


def _story_keys():
    from game.engine import load_story
    from game.i18n.extract import story_messages
    from game.paths import story_dir

    return [(m.msgctxt or "", m.msgid) for m in story_messages(load_story(story_dir()), locations=False)]


def test_story_template_is_up_to_date_with_the_story():
    in_pot = {pofiles.entry_key(e) for e in polib.pofile(str(template_path(LOCALES, "story")))}
    assert set(_story_keys()) == in_pot, "run 'her i18n extract' (and 'her i18n update ko')"


def test_korean_story_is_complete():
    """Counted against the story the game plays now, not against a possibly older template."""
    story = coverage(LOCALES, ["ko"], templates={"story": _story_keys()})[0]
    assert story.domain == "story" and story.error == ""
    assert (story.translated, story.fuzzy) == (story.total, 0), \
        f"ko story: {story.untranslated} untranslated, {story.fuzzy} fuzzy (her i18n extract; her i18n update ko)"


def test_translation_commands_do_not_import_pygame(tmp_path):
    """extract, update, stats and pseudo run with pygame made unimportable (only check needs it)."""
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        "from game.cli import main\n"
        f"loc = {str(tmp_path / 'loc')!r}\n"
        "assert main(['i18n', '--locales', loc, 'extract']) == 0\n"
        "assert main(['i18n', '--locales', loc, 'update', 'ko']) == 0\n"
        "assert main(['i18n', '--locales', loc, 'pseudo']) == 0\n"
        "assert main(['i18n', '--locales', loc, 'stats']) == 0\n"
        "assert main(['stats']) == 0\n"
        "from game.i18n.catalog import load_catalog\n"
        "assert load_catalog('qps', locales=__import__('pathlib').Path(loc)).lang == 'qps'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE_DIR.parent,
                         env={"HER_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_her_stats_shows_translation_coverage(capsys):
    from game.cli import main

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "translation coverage:" in out and "ko     ui" in out
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ko = [t for t in data["translations"] if t["lang"] == "ko"][0]
    assert ko["name"] == "한국어" and ko["ui"]["total"] > 0 and 0 <= ko["story"]["percent"] <= 100
    assert data["totals"]["nodes"] > 0, "the rest of the stats is still there"


def test_i18n_stats_command(capsys):
    from game.cli import main

    assert main(["i18n", "stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    ko_ui = [r for r in rows if r["lang"] == "ko" and r["domain"] == "ui"][0]
    assert ko_ui["translated"] + ko_ui["fuzzy"] + ko_ui["untranslated"] == ko_ui["total"]


def test_korean_guide_names_real_scenes_and_characters():
    """The translator guide points at scenes by node id; a renamed node must not leave it stale."""
    import re

    from game.engine import load_story
    from game.paths import story_dir

    story = load_story(story_dir())
    guide = (LOCALES / "ko" / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:letters|wake|closer|cath|grow|depart|ending)_[a-z_]+)`", guide))
    assert named, "the guide should point at scenes"
    assert sorted(n for n in named if n not in story.nodes) == []
    for character in story.characters.values():
        if character.name:
            assert f"| {character.name} |" in guide, f"{character.name} missing from the names table"
