"""A damaged slot says why in the player's language, from the kind of damage storage found."""

import pytest

from game import saves
from game.i18n.catalog import load_catalog
from game.ui.screens.saveload import damage_reason


@pytest.mark.parametrize(
    "content, code, korean",
    [
        (b"", "empty", "파일이 비어 있어요."),
        (b'{"format": "her-save", "version": 1', "garbled", "파일이 손상되어 읽을 수 없어요."),
        (b'{"format": "other", "version": 1}', "wrong-kind", "이 게임의 저장 파일이 아니에요."),
        (b'{"format": "her-save", "version": 9, "min_version": 9}', "newer", "더 새로운 버전의 게임에서 저장한 파일이에요."),
        (b'{"format": "her-save", "version": 1, "min_version": 1}', "no-state", "저장 파일에 게임 진행 상태가 없어요."),
    ],
)
def test_damage_reasons_are_translated(content, code, korean):
    saves.slot_path("4").write_bytes(content)
    info = saves.read_save("4")
    assert info.damaged and info.damaged_code == code
    assert damage_reason(load_catalog("ko"), info) == korean
    english = damage_reason(load_catalog(None), info)
    assert english and english != korean
