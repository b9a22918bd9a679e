"""Her presence (the warm light) follows `presence: true` in the manifest, not a character's name."""

from __future__ import annotations

import pygame

from game.engine.runtime import LineEvent


def lines_until(app, d, speaker: str):
    """Play on until `speaker` says a line; the play screen then."""
    play = app.play_screen()
    for _ in range(20):
        event = play.step.event
        if isinstance(event, LineEvent) and event.speaker == speaker:
            return play
        d.key(pygame.K_SPACE)
    raise AssertionError(f"{speaker} never spoke")


def test_the_presence_shows_for_the_character_the_manifest_marks(make_app, story_copy):
    story = story_copy()
    manifest = story / "story.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace(', presence: true}', '}').replace(
        'theodore: {name: Theodore, color: "#f2a36b"}', 'theodore: {name: Theodore, color: "#f2a36b", presence: true}'))
    app, d = make_app(story)
    app.start_game()
    d.key(pygame.K_SPACE)  # past the chapter card
    play = lines_until(app, d, "theodore")
    assert play.step.event.style == "letter" and not play.presence_on()  # a letter hides it
    play = lines_until(app, d, "samantha")
    assert not play.presence_on()  # samantha is no longer marked


def test_the_shipped_marking_shows_samanthas_presence(make_app):
    app, d = make_app()
    app.start_game()
    d.key(pygame.K_SPACE)
    play = lines_until(app, d, "samantha")
    assert play.presence_on()
