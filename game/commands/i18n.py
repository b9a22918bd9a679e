"""`her i18n`: extract, update, stats, pseudo, check: the translation workflow.

Only `check` imports pygame (to measure text with the real fonts).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands import add_story_option


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locales", type=Path, default=None, metavar="DIR", help="locales folder (default: the game's)")
    sub = parser.add_subparsers(dest="i18n_command", metavar="SUBCOMMAND")
    sub.required = True
    p = sub.add_parser("extract", help="write locales/story.pot and locales/ui.pot from the story and the code "
                                       "(with --story DIR: into DIR/locales, unless --locales says where)")
    add_story_option(p)
    p.add_argument("--source", type=Path, default=None, metavar="DIR",
                   help="folder holding the game/ package to scan for interface strings (default: this game's)")
    p = sub.add_parser("update", help="create or merge locales/LANG/LC_MESSAGES/*.po from the templates")
    p.add_argument("lang", metavar="LANG", help="language code, e.g. ko")
    p = sub.add_parser("stats", help="translated / fuzzy / untranslated per language and domain")
    p.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("pseudo", help="write the pseudo-locale qps (accented, longer, [bracketed]) from the templates")
    p = sub.add_parser("check", help="placeholders, glyphs and box overflow of a language's translations")
    p.add_argument("lang", metavar="LANG", help="language code, e.g. ko")
    for p in sub.choices.values():
        p.set_defaults(locales_sub=None)
        p.add_argument("--locales", dest="locales_sub", type=Path, default=None, metavar="DIR", help=argparse.SUPPRESS)


def _locales(args: argparse.Namespace) -> Path:
    """`--locales DIR`; else, for a story given with `--story DIR` that is not the game's own,
    DIR/locales (a story's templates travel with it and never overwrite the game's); else the game's."""
    chosen = args.locales_sub or args.locales
    if chosen is not None:
        return chosen
    from game.paths import locales_dir, story_dir

    story = getattr(args, "story", None)
    if story is not None and Path(story).resolve() != story_dir().resolve():
        return Path(story) / "locales"
    return locales_dir()


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    return {
        "extract": _extract, "update": _update, "stats": _stats, "pseudo": _pseudo, "check": _check,
    }[args.i18n_command](args)


def _lang(args: argparse.Namespace) -> str | None:
    from game.i18n.languages import SOURCE_LANG, normalize, valid_code

    lang = normalize(args.lang)
    if not valid_code(lang):
        _err(f"her i18n: '{args.lang}' is not a language code (like ko or pt_BR)")
        return None
    if lang == SOURCE_LANG:
        _err("her i18n: English is the source language; it has no catalog")
        return None
    return lang


def _extract(args: argparse.Namespace) -> int:
    from game.commands import load_or_report
    from game.i18n.extract import story_messages, ui_messages, write_template
    from game.i18n.languages import template_path
    from game.i18n.pofiles import display
    from game.paths import project_root

    locales = _locales(args)
    status = 0
    story = load_or_report(args)
    if story is None:
        _err("her i18n: story.pot not written: fix the story first")
        status = 1
    else:
        messages = story_messages(story)
        path = template_path(locales, "story")
        changed = _write(write_template, messages, "story", path)
        if changed is None:
            return 1
        print(f"{display(path)}: {len(messages)} strings{' (updated)' if changed else ' (unchanged)'}")
    root = args.source or project_root()
    if not (root / "game").is_dir():  # a mistyped --source must not write an empty template
        _err(f"her i18n: {display(root)} has no game/ folder to scan; ui.pot not written")
        return 1
    messages, problems = ui_messages(root)
    for p in problems:
        _err(p.format())
    if any(p.severity == "error" for p in problems):
        _err("her i18n: ui.pot not written: fix the files above first")
        return 1
    if not messages:
        _err(f"her i18n: found no interface strings in {display(root / 'game')}; ui.pot not written")
        return 1
    path = template_path(locales, "ui")
    changed = _write(write_template, messages, "ui", path)
    if changed is None:
        return 1
    print(f"{display(path)}: {len(messages)} strings{' (updated)' if changed else ' (unchanged)'}")
    return status


def _write(writer, messages, domain: str, path: Path) -> bool | None:
    try:
        return writer(messages, domain, path)
    except OSError as exc:
        _err(f"{path}: error: cannot write: {exc.strerror or exc}")
        return None


def _empty_template_over_translations(locales: Path, lang: str, domain: str) -> bool:
    """True (after saying so) when the template holds nothing but the language file holds
    translations: merging would make every one of them obsolete because an input was missing."""
    from game.i18n.languages import po_path, template_path
    from game.i18n.pofiles import PoError, display, read_po

    try:
        if any(e.msgid for e in read_po(template_path(locales, domain), check_duplicates=False)):
            return False
        target = po_path(locales, lang, domain)
        kept = target.is_file() and any(e.msgid and e.translated() and not e.obsolete for e in read_po(target, check_duplicates=False))
    except PoError:
        return False  # update_language reports a broken file itself
    if kept:
        _err(f"{display(template_path(locales, domain))}: error: the template holds no strings; "
             f"{display(target)} not updated (its translations would all become obsolete); run 'her i18n extract'")
    return kept


def _update(args: argparse.Namespace) -> int:
    from game.i18n.languages import DOMAINS, PSEUDO, po_path, template_path
    from game.i18n.pofiles import PoError, display
    from game.i18n.update import update_language

    lang = _lang(args)
    if lang is None:
        return 1
    if lang == PSEUDO:
        _err(f"her i18n: '{PSEUDO}' is the pseudo-locale; 'her i18n pseudo' writes it")
        return 1
    locales = _locales(args)
    missing = [d for d in DOMAINS if not template_path(locales, d).is_file()]
    if missing:
        _err(f"her i18n: no template for {', '.join(missing)} in {display(locales)}; run 'her i18n extract' first")
        return 1
    status = 0
    for domain in DOMAINS:
        if _empty_template_over_translations(locales, lang, domain):
            status = 1
            continue
        try:
            result, changed = update_language(locales, lang, domain)
        except PoError as exc:
            _err(f"{exc.finding.format()}; not updated")
            status = 1
            continue
        except OSError as exc:
            _err(f"{po_path(locales, lang, domain)}: error: cannot write: {exc.strerror or exc}")
            status = 1
            continue
        state = "updated" if changed else "unchanged"
        print(f"{display(po_path(locales, lang, domain))}: {result.summary()} ({state})")
    return status


def _stats(args: argparse.Namespace) -> int:
    from game.i18n.coverage import coverage
    from game.i18n.pofiles import display

    locales = _locales(args)
    rows = coverage(locales)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"no translations in {display(locales)} yet; start one with 'her i18n update LANG'")
        return 0
    for r in rows:
        print(r.row())
    return 1 if any(r.error for r in rows) else 0


def _pseudo(args: argparse.Namespace) -> int:
    from game.i18n.languages import DOMAINS, PSEUDO, po_path, template_path
    from game.i18n.pofiles import PoError, display, read_po, render, write_if_changed
    from game.i18n.pseudo import pseudo_catalog

    locales = _locales(args)
    status = 0
    for domain in DOMAINS:
        tpath = template_path(locales, domain)
        if not tpath.is_file():
            _err(f"{display(tpath)}: error: no template; run 'her i18n extract' first")
            status = 1
            continue
        try:
            po = pseudo_catalog(read_po(tpath), domain)
        except PoError as exc:
            _err(exc.finding.format())
            status = 1
            continue
        target = po_path(locales, PSEUDO, domain)
        try:
            changed = write_if_changed(target, render(po))
        except OSError as exc:
            _err(f"{target}: error: cannot write: {exc.strerror or exc}")
            status = 1
            continue
        print(f"{display(target)}: {len(po)} strings{' (updated)' if changed else ' (unchanged)'}")
    if status == 0:
        print(f"see it in the game with 'her --lang {PSEUDO}' or 'her capture --lang {PSEUDO} --out DIR'")
    return status


def _check(args: argparse.Namespace) -> int:
    from game.i18n.languages import DOMAINS, po_path
    from game.i18n.pofiles import display

    lang = _lang(args)
    if lang is None:
        return 1
    locales = _locales(args)
    if not any(po_path(locales, lang, d).is_file() for d in DOMAINS):
        _err(f"her i18n: no catalogs for '{lang}' in {display(locales)}; start with 'her i18n update {lang}'")
        return 1
    from game.i18n.check import check_language

    findings, info = check_language(locales, lang)
    for f in findings:
        print(f.format())
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    note = "" if info["layout"] else " (no layout spec found: box sizes not checked)"
    print(f"{lang}: {errors} error(s), {warnings} warning(s) in {info['files']} file(s){note}")
    return 1 if errors else 0
