"""Atomic versioned JSON: round trip, backups, damaged files, and kills while writing."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.storage import DamagedFile, envelope, read_json, write_json

ROOT = Path(__file__).resolve().parents[2]


def test_round_trip_and_backup(tmp_path):
    path = tmp_path / "s.json"
    write_json(path, envelope("thing", 1, 1, value=1))
    write_json(path, envelope("thing", 1, 1, value=2))
    assert read_json(path, "thing", 1)["value"] == 2
    assert read_json(path.with_name("s.json.bak"), "thing", 1)["value"] == 1


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"format": "thing", "version": 1', "damaged"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"[1, 2]", "not a thing file"),
        (b'{"format": "other", "version": 1}', "not a thing file"),
        (b'{"format": "thing"}', "no format version"),
        (b'{"format": "thing", "version": 9, "min_version": 5}', "newer version"),
    ],
)
def test_damaged_files_give_one_line_reasons(tmp_path, content, reason):
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFile) as info:
        read_json(path, "thing", 1)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_is_not_damage(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "nope.json", "thing", 1)


WRITER = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from game.storage import envelope, write_json
path = Path({path!r})
i = int(sys.argv[1])
print("ready", flush=True)
while True:
    i += 1
    write_json(path, envelope("thing", 1, 1, n=i, payload="x" * (20000 + i % 7 * 9000)))
"""


def test_killed_writer_leaves_old_or_new_file(tmp_path):
    """SIGKILL a process at random instants while it rewrites one file: it always stays readable."""
    path = tmp_path / "slot.json"
    write_json(path, envelope("thing", 1, 1, n=0, payload=""))
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT), path=str(path)))
    rng = random.Random(1234)
    kills = 0
    last_n = 0
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, str(script), str(last_n)], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.001, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        data = read_json(path, "thing", 1)  # never DamagedFile, never JSONDecodeError
        assert data["n"] >= last_n
        assert data["payload"] == "x" * len(data["payload"])
        last_n = data["n"]
        json.loads(path.with_name("slot.json.bak").read_text())  # the backup is whole too
    assert kills == 25
    assert last_n > 0, "the writer never completed a write; the test proved nothing"
