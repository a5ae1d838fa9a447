"""Give back to its row the word a reflow of the text pulled up onto the rule above it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Optional

from .patterns import lazy
from .records import LineT, with_text

# A rule of a print's width, then one word a converter's reflow joined onto it (88e's 008, a
# page run through pandoc: `=====… conv2d` over `(Conv2D) (None, 28, 28, 2) 56`, and `=====…
# Total` over `params: 67,523 Trainable params: …`)
_RULE_THEN_WORD = lazy(r"(?P<rule>[ \t]*(?:=|\\?_){20,})[ \t]+(?P<word>[A-Za-z][\w./-]*)[ \t]*")


def _word_goes_on(word: str, text: str) -> bool:
    """Tell whether the line under the rule goes on from the word: a row's class after its
    name (`(Conv2D) …`), or `params:` after `Total`."""
    rest = text.lstrip()
    if word == "Total":
        return rest.startswith("params:")
    return rest[:1] == "(" and rest[1:2].isalpha()


def give_back_rule_words(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Put a word the reflow left after a rule back at the start of the line below, which goes
    on from it; the rule keeps its line number, and so does the row. Only a line of a rule and
    a word waits for the next one (a live pipe is not kept waiting)."""
    held: Optional[LineT] = None
    word = rule = ""
    for line in lines:
        if held is not None:
            if _word_goes_on(word, line.text):
                yield with_text(held, rule)
                yield with_text(line, f"{word} {line.text.lstrip()}")
                held = None
                continue
            yield held
            held = None
        text = line.text
        # (a cheap first test: the line ends in a word's last character or a blank, as no
        # rule does)
        last = text[-1:]
        if (last.isalnum() or last in (" ", "\t")) and (
            "=====" in text or "_____" in text or "\\_\\_" in text
        ):
            found = _RULE_THEN_WORD.fullmatch(text)
            if found is not None:
                held, word, rule = line, found.group("word"), found.group("rule")
                continue
        yield line
    if held is not None:
        yield held
