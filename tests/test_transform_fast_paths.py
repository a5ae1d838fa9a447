"""The transform stage's shortcuts (tidy shapes, cutting plans) answer as the long way does."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summaryaudit import cells, shapes

# --------------------------------------------------------------------------- shapes


def reference_normalise(text: str) -> str:
    """Keras' spacing as the four substitutions give it, with no shortcut."""
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+([)\]])", r"\1", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return text.replace(", )", ",)")


@settings(max_examples=1000, deadline=None)
@given(text=st.text(alphabet="N1 ,()[]\t\n\u00a0?", max_size=16))
def test_a_shape_normalises_as_the_substitutions_say(text: str) -> None:
    assert shapes.normalise_shape_text.__wrapped__(text) == reference_normalise(text)  # type: ignore[attr-defined]


def test_a_tidy_shape_is_returned_as_it_is() -> None:
    for text in ("(None, 3)", "[(None, 1), (None, 2)]", "multiple", "(None, 8, 8, 64)"):
        # the function itself: the memo may hold an equal text read earlier
        assert shapes.normalise_shape_text.__wrapped__(text) is text  # type: ignore[attr-defined]
    assert shapes.normalise_shape_text("(None,  3 )") == "(None, 3)"


# --------------------------------------------------------------------------- fixed columns

_FRAGMENT = re.compile(r"\S+(?: \S+)*")


def reference_split_fixed(
    text: str, columns: tuple[tuple[str, int], ...]
) -> dict[str, tuple[str, ...]]:
    """Cut a line fragment by fragment, each column start and nearest start looked up anew."""
    starts = [start for _, start in columns]
    keys = [key for key, _ in columns]
    out: dict[str, list[str]] = {key: [] for key in keys}
    for match in _FRAGMENT.finditer(text):
        a, b = match.span()
        cuts = [
            s
            for s in starts[1:]
            if a < s < b and (text[s - 1] == " " or text[s] in "([" or text[s - 1] in ")]")
        ]
        listed = text.find(" [", a, b)
        if (
            not cuts
            and any(a < s < b for s in starts[1:])
            and listed > a
            and re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text[a:listed])
        ):
            # a count one character wider than its column (a column starts inside it), its
            # Connected to list after one blank (39a's 013): cut before the list
            cuts = [listed + 1]
        if not cuts:
            # Keras 1.0's count glued to a shape as wide as its column, its `)` cut: the first
            # Param # start with digits on both sides, an open shape before it, digits after
            cuts = [
                s
                for key, s in columns
                if key == "params"
                and a < s < b
                and text[s - 1].isdigit()
                and text[s:b].isdigit()
                and "(" in text[a:s]
                and ")" not in text[a:s]
            ][:1]
        pieces = [a, *cuts, b]
        for lo, hi in zip(pieces, pieces[1:]):
            piece = text[lo:hi].strip()
            if piece:
                out[keys[cells._nearest(starts, lo)]].append(piece)
    return {key: tuple(frags) for key, frags in out.items()}


_KEYS = ("layer", "output_shape", "params", "connected_to", "trainable")


@st.composite
def fixed_columns(draw: st.DrawFn) -> tuple[tuple[str, int], ...]:
    count = draw(st.integers(1, 5))
    keys = draw(st.lists(st.sampled_from(_KEYS), min_size=count, max_size=count))
    starts = draw(st.lists(st.integers(0, 30), min_size=count, max_size=count))
    if draw(st.booleans()):
        starts.sort()
    return tuple(zip(keys, starts))


@settings(max_examples=1000, deadline=None)
@given(columns=fixed_columns(), text=st.text(alphabet="ab  ()[],1", max_size=45))
@example(columns=(("layer", 0), ("params", 3), ("layer", 0)), text="1(11")  # a glued count
@example(
    columns=(("layer", 0), ("output_shape", 7), ("params", 20)), text="c (C)  (None, 13, 132800"
)
@example(columns=(("layer", 0), ("layer", 1)), text="1 [")  # a count, then its list
@example(columns=(("layer", 0),), text="1 [")  # … with no column starting inside
def test_a_fixed_width_line_is_cut_as_fragment_by_fragment(
    columns: tuple[tuple[str, int], ...], text: str
) -> None:
    assert cells.split_fixed(text, columns) == reference_split_fixed(text, columns)


# --------------------------------------------------------------------------- box bars


def reference_split_bars(text: str, bars: str) -> tuple[tuple[str, ...], bool]:
    """A box line cut at every bar by one expression, its cropped end found by another."""
    escaped = re.escape(bars)
    core = text.strip()
    if core and core[0] in bars:
        core = core[1:]
    tail = text.rstrip("\r\n")
    cropped = tail.endswith("  ") and re.search("[" + escaped + "] {2,}$", tail)
    closed = bool(core) and core[-1] in bars and not cropped
    parts = re.split("[" + escaped + "]", core)
    return tuple(parts[:-1] if closed else parts), closed


@settings(max_examples=1000, deadline=None)
@given(
    text=st.text(alphabet="a │┃|\r\n x", max_size=16),
    bars=st.sampled_from(["│┃|", "│┃", "|"]),
)
def test_a_box_line_is_cut_at_its_bars_as_the_expression_cuts_it(text: str, bars: str) -> None:
    assert cells.split_bars.__wrapped__(text, bars) == reference_split_bars(text, bars)  # type: ignore[attr-defined]
