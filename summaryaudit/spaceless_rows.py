"""Layer rows whose every blank a PDF's text layer lost (`dense_3(Dense)(None,256)512`)."""

from __future__ import annotations

from typing import Optional

from .patterns import lazy

# A row without a blank (33b's 006, 35c's 004), then maybe the next: a name starts with a
# letter, so a count ends where one does
_SPACELESS_ROW = lazy(
    r"([A-Za-z_][\w.\-/]*)\((\w+)\)(\[?\((?:None|\d+)(?:,(?:None|\d+))*,?\)\]?)(\d[\d,]*)"
)


def spaceless_rows(text: str, alone: bool = False) -> Optional[list[str]]:
    """Cut rows joined without a blank back into rows set out as Keras sets them, after the
    comment marks the line starts with; None unless the rest of the line is two such rows or
    more (or one, `alone`)."""
    core = text.strip()
    marks = core[: len(core) - len(core.lstrip("#>"))]
    core = core[len(marks) :]
    found = list(_SPACELESS_ROW.finditer(core))
    if len(found) < (1 if alone else 2) or "".join(m.group(0) for m in found) != core:
        return None
    lead = f"{marks} " if marks else ""
    return [
        f"{lead}{m.group(1)} ({m.group(2)})  {m.group(3).replace(',', ', ')}  {m.group(4)}"
        for m in found
    ]


# A row whose shape lost its blanks and whose count is glued to it, after its name and class
# (74b's 003: `conv2d_7 (Conv2D)(None,11,11,64)18496`, `max_pooling2d_5 (MaxPooling2 (None,5,5,
# 64)0`): the shape and the count, at the line's end
_SHAPE_GLUED_TO_COUNT = lazy(
    r"(?<=[ )])(\[?\((?:None|\d+)(?:,(?:None|\d+))+,?\)\]?)(\d[\d,]*)[ \t]*$"
)
_GLUED_COUNT_SIGN = lazy(r"\d\)\]?\d")  # `32)320`: a count glued to its shape


def may_hold_glued_count(text: str) -> bool:
    """Tell, cheaply, whether a text may hold a shape whose blanks were lost (`(None,11,11,64)`:
    Keras writes `(None, 11`) with its count glued to it (`…64)18496`)."""
    return (
        "(None," in text
        and text.count("(None,") > text.count("(None, ")
        and _GLUED_COUNT_SIGN.search(text) is not None
    )


def spaceless_row(text: str) -> str:
    """A line that is one row without a blank (`#input_4(InputLayer)(None,10)0`), or one
    whose spaceless shape its count is glued to, set out as Keras sets a row; any other line
    as it is."""
    if (")(" not in text and ")[(" not in text) or " " in text.strip():
        glued = _SHAPE_GLUED_TO_COUNT.search(text) if may_hold_glued_count(text) else None
        if glued is None:
            return text
        shape, count = glued.group(1).replace(",", ", "), glued.group(2)
        return f"{text[: glued.start()].rstrip()}  {shape}  {count}"
    rows = spaceless_rows(text, alone=True)
    return rows[0] if rows is not None and len(rows) == 1 else text
