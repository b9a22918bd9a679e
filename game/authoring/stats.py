"""Counts a writer and a producer care about: nodes, choices, endings, words."""

from __future__ import annotations

from collections import Counter

from game.engine.model import Story


def words(text: str | None) -> int:
    return len(text.split()) if text else 0


def story_stats(story: Story) -> dict:
    per_character: Counter[str] = Counter()
    chapters = []
    for chapter in story.chapters:
        nodes = [story.nodes[n] for n in chapter.node_ids]
        total = 0
        for node in nodes:
            for line in node.lines:
                n = words(line.text)
                total += n
                if line.speaker:
                    per_character[line.speaker] += n
            for choice in node.choices:
                total += words(choice.text)
                per_character["(choices)"] += words(choice.text)
                for line in choice.lines:
                    n = words(line.text)
                    total += n
                    if line.speaker:
                        per_character[line.speaker] += n
        chapters.append({
            "id": chapter.id,
            "title": chapter.title,
            "nodes": len(nodes),
            "choice_points": sum(1 for n in nodes if any(e.costs_choice for e in n.exits())),
            "choices": sum(e.costs_choice for n in nodes for e in n.exits()),
            "words": total,
        })
    totals = {
        "chapters": len(story.chapters),
        "nodes": len(story.nodes),
        "choice_points": sum(c["choice_points"] for c in chapters),
        "choices": sum(c["choices"] for c in chapters),
        "endings": len(story.endings),
        "words": sum(c["words"] for c in chapters),
    }
    result = {"title": story.title, "totals": totals, "chapters": chapters, "characters": dict(per_character.most_common())}
    # translation coverage per locale (polib only; no pygame)
    from game.i18n.coverage import story_coverage

    translations = story_coverage(story)
    result["translations"] = translations["locales"]
    result.setdefault("sections", []).append(translations["section"])
    return result
