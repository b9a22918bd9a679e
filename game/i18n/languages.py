"""What the translation code knows about languages: codes, native names, plural rules, paths.

Pure and light (no polib, no pygame): the settings screen and `her stats` use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOMAINS = ("story", "ui")
SOURCE_LANG = "en"
PSEUDO = "qps"  # the pseudo-locale (qps is the code Microsoft and others reserve for it)

# A language code as used for folder names: ko, pt_BR, zh_Hant, sr_Latn_RS ...
CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}$")

NATIVE_NAMES = {
    "en": "English",
    "ko": "한국어",
    "ja": "日本語",
    "zh": "中文",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "pt_BR": "Português (Brasil)",
    "nl": "Nederlands",
    "sv": "Svenska",
    "pl": "Polski",
    "cs": "Čeština",
    "ru": "Русский",
    "uk": "Українська",
    "tr": "Türkçe",
    "vi": "Tiếng Việt",
    "th": "ไทย",
    "id": "Bahasa Indonesia",
    PSEUDO: "Pseudo [qps]",
}

# gettext Plural-Forms per language (the values the GNU gettext manual and CLDR give).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ko": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
    "th": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    PSEUDO: "nplurals=2; plural=(n != 1);",
}
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def normalize(code: str) -> str:
    """`ko-KR` -> `ko_KR`; the folder spelling."""
    return code.strip().replace("-", "_")


def valid_code(code: str) -> bool:
    return bool(CODE.match(code))


def candidates(code: str) -> list[str]:
    """Folders to try for a requested language, most specific first: ko_KR, then ko."""
    code = normalize(code)
    out = [code]
    parts = code.split("_")
    for i in range(len(parts) - 1, 0, -1):
        out.append("_".join(parts[:i]))
    return out


def plural_forms(lang: str) -> str:
    for code in candidates(lang):
        if code in PLURAL_FORMS:
            return PLURAL_FORMS[code]
    return DEFAULT_PLURAL_FORMS


def nplurals(forms: str) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", forms or "")
    return int(match.group(1)) if match else None


def native_name(lang: str) -> str:
    for code in candidates(lang):
        if code in NATIVE_NAMES:
            name = NATIVE_NAMES[code]
            return name if code == normalize(lang) else f"{name} ({lang})"
    return lang


def template_path(locales: Path, domain: str) -> Path:
    return locales / f"{domain}.pot"


def po_path(locales: Path, lang: str, domain: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


def locale_codes(locales: Path) -> list[str]:
    """The languages that have a folder with at least one catalog, sorted."""
    if not locales.is_dir():
        return []
    out = []
    for child in sorted(locales.iterdir()):
        if child.is_dir() and valid_code(child.name) and any(po_path(locales, child.name, d).is_file() for d in DOMAINS):
            out.append(child.name)
    return out


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, for the settings screen


def available_languages(locales: Path, current: str | None = None) -> list[Language]:
    """English, then every language with a catalog under `locales`, with their native names.

    The pseudo-locale (a translators' tool) is offered only while it is in use (`current`).
    """
    codes = {SOURCE_LANG}
    try:
        codes.update(locale_codes(locales))
    except OSError:
        pass
    if current == PSEUDO:
        codes.add(PSEUDO)
    else:
        codes.discard(PSEUDO)
    return [Language(c, native_name(c)) for c in sorted(codes, key=lambda c: (c != SOURCE_LANG, c))]
