"""The compiled story: the validated story and its findings, written once, loaded while nothing
it was built from has changed.

Building a story (reading YAML, checking every node, running the graph checks) is what every
start of the game and every `her lint` paid for again; a compiled artifact answers both in a
fraction of that (see benchmarks/peer.py). It is JSON (never pickle) in the loader's cache
folder, one file per story folder and options, and holds: the engine's version (a hash of the
engine's own source, so a code change is never served an old model), the options, the path
and text hash of every file the build read (chapter files listed but absent as absent), and
the model and findings (game.engine.modelcodec).

Reading trusts nothing: a file that is damaged, truncated, foreign, from another engine, or
whose sources changed is ignored (and rebuilt by the caller), and the model is validated as it
is read. An edit to one chapter makes the artifact stale; the rebuild then re-parses only that
chapter (the parse cache keeps the others' parsed trees).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.engine.diagnostics import Diagnostic
from game.engine.model import Story
from game.engine.modelcodec import CodecError, decode, encode
from game.engine.source import SourceError, read_text

FORMAT = "her-compiled-story"
VERSION = 1
KEEP = 20  # artifacts kept (one per story folder and options); the oldest go first
MAX_BYTES = 256 * 1024 * 1024

Sources = list[tuple[str, "str | None"]]  # (path, sha-256 of its text, or None: it was absent)
UNREADABLE = "unreadable"  # a source that could not be read: never current, built again each time


def asset_listing(assets: Path | None) -> list[str] | None:
    """The asset files a build checked ids against (their names decide findings), or None."""
    if assets is None:
        return None
    try:
        return sorted(str(p.relative_to(assets)) for p in Path(assets).rglob("*") if p.is_file())
    except OSError:
        return [UNREADABLE]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=1)
def engine_version() -> str:
    """The package version and a hash of the engine's source files: what built the model."""
    import game

    digest = hashlib.sha256(game.__version__.encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _built_for(story_dir: Path, options: dict[str, Any]) -> list:
    """What an artifact answers for: this story folder (as given, and where it really is), these options."""
    return [str(Path(story_dir).resolve()), str(story_dir), options]


def artifact_path(cache: Path, story_dir: Path, options: dict[str, Any]) -> Path:
    where = json.dumps(_built_for(story_dir, options), sort_keys=True)
    return cache / "compiled" / f"{hashlib.sha256(where.encode()).hexdigest()[:32]}.json"


def load(cache: Path | None, story_dir: Path, options: dict[str, Any]) -> tuple[Story | None, list[Diagnostic]] | None:
    """The story and findings from the artifact, or None when there is none worth trusting."""
    if cache is None:
        return None
    path = artifact_path(cache, story_dir, options)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_bytes())
        if not _current(data, _built_for(story_dir, options)):
            return None
        story, findings = decode(data["model"])
        return (story, findings) if story is None or _coherent(story) else None
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # CodecError is a ValueError
        return None


def _current(data: Any, built_for: list) -> bool:
    """The artifact is ours, of this engine, for this story and options, and every source is as it was."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return False
    if data.get("engine") != engine_version() or data.get("for") != built_for:
        return False
    sources = data.get("sources")
    if type(sources) is not list or not sources:
        return False
    for entry in sources:
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str:
            return False
        name, digest = entry
        if digest is None:
            if os.path.lexists(name):
                return False
            continue
        try:
            if text_hash(read_text(Path(name))) != digest:
                return False
        except SourceError:
            return False
    return True


def _coherent(story: Story) -> bool:
    """Every name the model uses leads somewhere it has: a well-formed artifact that was
    tampered with still never sends the runtime to a node, ending or speaker that is not there."""
    nodes, endings, speakers = story.nodes, story.endings, story.characters
    if story.start not in nodes or any(n not in nodes for c in story.chapters for n in c.node_ids):
        return False
    for node in nodes.values():
        for way in node.exits():  # every way out (Node.exits), to a node or an ending that exists
            if way.target not in (nodes if way.to_node else endings):
                return False
        lines = [*node.lines, *(line for c in node.choices for line in c.lines)]
        if any(line.speaker is not None and line.speaker not in speakers for line in lines):
            return False
    return True


def save(cache: Path | None, story_dir: Path, options: dict[str, Any], sources: Sources,
         story: Story | None, findings: list[Diagnostic]) -> None:
    """Write the artifact; any problem (an unwritable folder, a model this codec cannot hold)
    only means the next load builds the story again."""
    if cache is None or not sources:
        return
    try:
        model = encode(story, findings)
    except (TypeError, ValueError, CodecError):
        return
    data = {"format": FORMAT, "version": VERSION, "engine": engine_version(), "for": _built_for(story_dir, options),
            "sources": [list(s) for s in sources], "model": model}
    target = artifact_path(cache, story_dir, options)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        _prune(target.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        old.unlink(missing_ok=True)
