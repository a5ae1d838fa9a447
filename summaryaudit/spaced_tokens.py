"""Join the tokens a syntax highlighter spaced out (`( None , 10 )`, `= =`, `params :`)."""

from __future__ import annotations

import re

from .patterns import lazy

_SPACED_SIGNS = lazy(
    r"\( ?None ,|Layer \( (?:type|name) \)|(?:[=_-] ){4,}|\d , \d{3}(?!\d)|Non - trainable|params :"
    r"|\w \( [A-Za-z]\w* [)(]|\w \[ \d+ \] \[|(?:¯ ){3,}|^\W{0,4}Model :"
)
# Signs that prove nothing alone but, next to a spaced line, are the rest of a spaced cell.
# (`' ,`: the quote and comma a narrow Connected to column wrapped onto their own line)
_SPACED_NEARBY = lazy(
    r"\w \)(?:\s|$)|\[' \w|\w '(?:,|\]|$)|' \]|\d \]|\w \[ \d+ \]|\w' :|\) \}|^[ \t]*' ,"
    r"|\w \[$"  # an entry cut after its `[` (`tf_op_layer_l2_normalize_1 / Rsqrt [`)
    # a hyphenated name alone on its line, a row's second entry (`Encoder - 10 - FeedForward`)
    r"|^[ \t]*\w+(?: - \w+)+[ \t]*$"
)
SPACED_REACH = 3
SPACED_PIECES = ("( ", " , ", "= =", "_ _", "- -", "params :", "Model :", "Non - ", "[ ", "¯ ¯")
# (`-`: Keras 0.3's rules)
_SPACED_RULE = lazy(r"(?:[=_━─¯-] ){3,}[=_━─¯-]")
_SPACED_QUOTED = lazy(r'"\s+([^"]*?)\s+"')


_ANY_SPACED_PIECE = lazy("|".join(re.escape(piece) for piece in SPACED_PIECES))


def _has_spaced_piece(text: str) -> bool:
    return _ANY_SPACED_PIECE.search(text) is not None


def unspace_tokens(text: str, near_spaced: bool = False) -> str:
    """Undo a code highlighter that spaced every token (`( None , 30 )`, `288 , 006`)."""
    if near_spaced:
        if not (_SPACED_SIGNS.search(text) or _SPACED_NEARBY.search(text)):
            return text
    elif not _has_spaced_piece(text) or not _SPACED_SIGNS.search(text):
        return text
    text = _SPACED_RULE.sub(lambda m: m.group(0).replace(" ", ""), text)
    # (a `(` the column cut before its dims, `( 144 [ 'input_1[0][0]' ]`, keeps its blank: the
    # number after it is the row's count)
    text = re.sub(
        r"\[[ \t]+|\([ \t]+(?!\(|\d[\d,]*[ \t]+\[|\d[\d,]*[ \t]*$)",
        lambda m: m.group(0)[0],
        text,
    )
    text = re.sub(r"[ \t]+([)\]])", r"\1", text)
    text = re.sub(r"\][ \t]+\[", "][", text)
    text = re.sub(r"(\w)[ \t]+\[(\d+)\]", r"\1[\2]", text)
    if text.endswith("["):  # an entry the column cut after its `[`
        text = re.sub(r"(?<=\w)[ \t]+\[$", "[", text)
    text = re.sub(r"Non - trainable", "Non-trainable", text)
    text = re.sub(r"\b(params|Model)[ \t]+:", r"\1:", text)
    if " . " in text:  # a dotted op name (`tf . math . reduce_mean`)
        text = re.sub(r"(?<=\w) \. (?=\w)", ".", text)
    if " / " in text:  # a name in a scope (`encoder_0 / multiheadattention`)
        text = re.sub(r"(?<=\w) / (?=\w)", "/", text)
    if " - " in text:  # a hyphenated name (`Encoder - 10 - FeedForward`, keras-bert's)
        text = re.sub(r"(?<=\w) - (?=\w)", "-", text)
    if " _" in text:  # a number split from the name after it (`mobilenetv2_1 . 00 _96`)
        text = re.sub(r"(?<=\d) _(?=\w)", "_", text)
    text = _SPACED_QUOTED.sub(r'"\1"', text)
    text = re.sub(r"(^|[\s\[])' (?=\w)", r"\1'", text)
    text = re.sub(r"(?<=[\w\]]) '(?=,|\]|$)", "'", text)
    if (
        "{" in text or "}" in text or "' :" in text
    ):  # a dict of outputs (`{ 'pooled_output' : ( None`)
        text = re.sub(r"\{[ \t]+'", "{'", text)
        text = re.sub(r"'[ \t]+:", "':", text)
        text = re.sub(r"[ \t]+\}", "}", text)
    return _join_spaced_counts(re.sub(r"[ \t]+,", ",", text))


def _join_spaced_counts(text: str) -> str:
    """Join `288, 006` into `288,006` outside brackets (inside them it is a shape)."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif (
            char == ","
            and depth == 0
            and text[i + 1 : i + 2] == " "
            and i > 0
            and text[i - 1].isdigit()
            and re.match(r"\d{3}(?!\d)", text[i + 2 : i + 6])
        ):
            out.append(",")
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)
