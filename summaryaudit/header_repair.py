"""Write a Keras header back: translated titles in English, or the header a paste cut off."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Optional

from .patterns import lazy

_MODEL_WORDS = ("模型", "模型名", "モデル", "모델", "Modelo", "Modèle", "Modell")
_MODEL_LINE = lazy(
    r"^(?P<lead>\W{0,4}?)(?:" + "|".join(_MODEL_WORDS) + r")[ \t]*[:：][ \t]*(?P<rest>\S.*)$"
)
# A title in the author's language glossed with Keras's own (67b's 010: `| 层 (Layer) | 输出形状
# (Output Shape) | 参数数量 (Param #) |`): words of no ASCII letter, then the English title in
# parentheses.
_GLOSSED = (
    r"[^\x00-\x7f()（）|┃│]{{1,12}}(?:[ \t][^\x00-\x7f()（）|┃│]{{1,12}}){{0,3}}"
    r"\s*[(（]\s*{}\s*[)）]"
)
_GLOSSED_LAYER = _GLOSSED.format(r"Layer(?:\s*\(\s*type\s*\))?")
_GLOSSED_SHAPE = _GLOSSED.format(r"Output\s+[Ss]hape")
_GLOSSED_PARAM = _GLOSSED.format(r"Param\s*#")
_TITLES: dict[str, tuple[str, ...]] = {
    "Layer (type)": (
        _GLOSSED_LAYER,  # first: `层 (Layer)` (67b's 010)
        r"(?:网络|图)?层\s*[(（]\s*类型\s*[)）]",
        r"層\s*[(（]\s*(?:類型|タイプ|型)\s*[)）]",
        r"レイヤー?\s*[(（]\s*(?:タイプ|型|種類)\s*[)）]",
        r"(?:레이어|층)\s*[(（]\s*(?:유형|타입|종류)\s*[)）]",
        r"Capa\s*\(\s*[Tt]ipo\s*\)",  # `Capa (Tipo)` too (17b's 004)
        r"Camada\s*\(\s*[Tt]ipo\s*\)",  # Portuguese (27c's 010-012)
        r"Couche\s*\(\s*[Tt]ype\s*\)",
        r"Schicht\s*\(\s*[Tt]yp\s*\)",
        r"Lớp\s*\(\s*[Ll]oại\s*\)",  # Vietnamese (35c's 001)
        r"Layer \((?: +type *| *type +)\)",  # a highlighter's spacing: `Layer (  type)`
    ),
    "Output Shape": (
        _GLOSSED_SHAPE,  # first: `输出形状 (Output Shape)`
        r"输出(?:形状|尺寸|维度)",
        r"輸出形狀",
        r"出力(?:形状|シェイプ|の形状)",
        r"출력\s*(?:형태|모양|형상|크기)",
        r"Forma\s+de\s+(?:la\s+)?salida",
        r"(?:Formato|Forma|Shape)\s+(?:d[ae]\s+)?[Ss]a[íi]da",
        r"Forme\s+de\s+sortie",
        r"Dimension\s+de\s+[Ss]ortie",  # 35c's 013
        r"Ausgabeform",
        r"Salida|Sa[íi]da|Sortie|Ausgabe",  # one word (17b's 005)
        r"Output\s+[Ss]hape",  # (`Output shape` beside a translated title: 35c's 001)
    ),
    "Param #": (
        _GLOSSED_PARAM,  # first: `参数数量 (Param #)`
        r"参数(?:数量|个数|量|数)?(?:\s*#)?",
        r"參數(?:數量|量)?(?:\s*#)?",
        r"パラメータ(?:数|\s*#)",
        r"(?:파라미터|매개변수)\s*(?:수|#|개수)",
        r"(?:(?:N[º°o]\.?|N[úu]mero)\s*de\s+)?[Pp]ar[áâa]m(?:etros(?:\s*#)?|\.)",  # 35c's 015
        r"Param[èe]tres(?:\s*#)?",
        r"Parameter\s*#",
        r"Tham\s+số",  # Vietnamese (35c's 001)
        r"Param\s+#",
    ),
    "Connected to": (
        r"连接(?:到|至)",
        r"接続先",
        r"연결\s*(?:대상|됨)",
        r"Conectad[oa]\s+a",
        r"Connecté\s+à",
        r"Verbunden\s+mit",
        r"Connected\s+to",
    ),
}
_TITLE_ALTERNATIVES = [
    (english, lazy(pattern)) for english, patterns in _TITLES.items() for pattern in patterns
]
_GLOSSED_PATTERNS = frozenset((_GLOSSED_LAYER, _GLOSSED_SHAPE, _GLOSSED_PARAM))
_GLOSSED_WORDS = {"Layer (type)": "Layer", "Output Shape": "hape", "Param #": "Param"}
_GLOSSED_REACH = 4 * 13 + 8  # four words of twelve characters, blanks and a parenthesis
_GLOSSED_AFTER = 24  # the English title's rest and its closing parenthesis
_LAYER_TITLE_TRANSLATED = lazy(
    "|".join(p for p in _TITLES["Layer (type)"] if p not in _GLOSSED_PATTERNS)
)
_GLOSSED_LAYER_TITLE = lazy(_GLOSSED_LAYER)


def names_a_translated_layer_title(text: str) -> bool:
    """Tell whether a line holds a translated `Layer (type)` title (a glossed one, `层
    (Layer)`, looked for only a few words before its English)."""
    if _LAYER_TITLE_TRANSLATED.search(text) is not None:
        return True
    at = text.find("Layer")
    return at >= 0 and (
        _GLOSSED_LAYER_TITLE.search(text, max(0, at - _GLOSSED_REACH), at + _GLOSSED_AFTER)
        is not None
    )


_TOTALS_WORDS: dict[str, tuple[str, ...]] = {
    "Non-trainable": (
        r"不可训练(?:的)?参数(?:量|数量|数)?",
        r"不可訓練參數",
        r"(?:訓練|学習)不(?:可能|可)な?パラメータ(?:数)?",
        r"(?:훈련|학습)\s*불가능한?\s*(?:파라미터|매개변수)(?:\s*수)?",
        r"[Pp]ar[áa]metros\s+no\s+entrenables",
        r"[Pp]ar[âa]metros\s+n[ãa]o\s+trein[áa]veis",
        r"Total\s+(?:de\s+)?[Pp]ar[âa]metros\s+[Nn][ãa]o[\s-]+[Tt]rein[áa]veis",
        r"(?:[Ss]ố\s+)?[Tt]ham\s+số\s+không\s+(?:thể\s+)?huấn\s+luyện(?:\s+được)?",  # Vietnamese
        # German, French, Italian, Indonesian (96g's 005: a machine-translated TF.js guide)
        r"[Nn]icht[\s-]+trainierbare\s+Parameter",
        r"[Pp]aram[èe]tres\s+non[\s-]+(?:entra[îi]nables|entra[îi]n[ée]s)",
        r"[Pp]arametri\s+non\s+(?:addestrabili|allenabili)",
        r"[Pp]arameter\s+(?:yang\s+)?tidak\s+(?:dapat\s+)?dilatih",
    ),
    "Trainable": (
        r"可训练(?:的)?参数(?:量|数量|数)?",
        r"可訓練參數",
        r"(?:訓練|学習)可能な?パラメータ(?:数)?",
        r"(?:훈련|학습)\s*가능한?\s*(?:파라미터|매개변수)(?:\s*수)?",
        r"[Pp]ar[áa]metros\s+entrenables",
        r"[Pp]ar[âa]metros\s+trein[áa]veis",
        r"Total\s+(?:de\s+)?[Pp]ar[âa]metros\s+[Tt]rein[áa]veis",  # 35c's 012
        r"(?:[Ss]ố\s+)?[Tt]ham\s+số\s+(?:có\s+thể\s+)?huấn\s+luyện(?:\s+được)?",
        r"[Tt]rainierbare\s+Parameter",
        r"[Pp]aram[èe]tres\s+(?:entra[îi]nables|entra[îi]n[ée]s)",
        r"[Pp]arametri\s+(?:addestrabili|allenabili)",
        r"[Pp]arameter\s+(?:yang\s+)?(?:dapat\s+)?dilatih",
    ),
    "Total": (
        r"总参数(?:量|数量|数)?|参数总(?:数|量|数量)",
        r"總參數(?:量)?",
        r"総パラメータ(?:数)?|パラメータ総数|全パラメータ(?:数)?",
        r"(?:총|전체)\s*(?:파라미터|매개변수)(?:\s*수)?",
        r"[Pp]ar[áa]metros\s+totales|Total\s+(?:de\s+)?[Pp]ar[áâa]metros",  # 17b's 003, 004
        # Vietnamese (30b's 006: `| | **Tổng** |`; 35c's 001: `Tổng số lượng tham số`)
        r"Tổng(?:\s+số)?(?:\s+lượng)?\s+tham\s+số|Tổng(?:\s+cộng)?",
        r"Gesamtparameter|Parameter\s+insgesamt|Gesamtzahl\s+der\s+Parameter",
        r"[Pp]aram[èe]tres\s+totaux|Total\s+des\s+param[èe]tres|Nombre\s+total\s+de\s+param[èe]tres",
        r"[Pp]arametri\s+totali|Totale\s+(?:dei\s+)?parametri",
        r"Total\s+parameter|Jumlah\s+(?:total\s+)?parameter",
    ),
    "Optimizer": (
        r"[Pp]ar[áâa]metros\s+d[eo]l?\s+(?:[Oo]ptimi[zs]ador|Optimizer)",  # 30b's 008
        r"优化器参数|優化器參數|オプティマイザ(?:ー)?(?:の)?パラメータ(?:数)?",
    ),
}


def _each_totals_label(before: str, after: str) -> list[tuple[str, re.Pattern[str]]]:
    """(English label, pattern) for each translated totals label, between the given text."""
    return [
        (english, lazy(before + "(?:" + pattern + ")" + after))
        for english, patterns in _TOTALS_WORDS.items()
        for pattern in patterns
    ]


# (a list item's bullet, `- Total de parâmetros: 87,388`, 30b's 008, stays before the label)
_TOTALS_TRANSLATED = _each_totals_label(
    r"^(?P<lead>[ \t]*(?:(?:#>|##?|\||[-+](?=[ \t]))[ \t]*)?(?:\*\*)?)",
    r"(?P<shut>\*\*)?[ \t]*[:：](?P<close>\*\*)?",  # `**總參數**: 105,866` (29b's 011)
)

# One pass that tells whether any translated totals label starts the line (then find which).
_ANY_TOTALS_TRANSLATED = lazy(
    r"^[ \t]*(?:(?:#>|##?|\||[-+](?=[ \t]))[ \t]*)?(?:\*\*)?(?:"
    + "|".join(p for patterns in _TOTALS_WORDS.values() for p in patterns)
    + r")(?:\*\*)?[ \t]*[:：]"
)


_IN_ALL_TOTAL = lazy(
    r"^(?P<lead>[ \t]*(?:(?:#>|##?|[-+](?=[ \t]))[ \t]*)?)(?:总计|總計)[ \t]*[:：][ \t]*"
    r"(?P<rest>\d[\d,]*(?:[ \t]*\([^()]*\))?)[ \t]*$"
)


# A label in the author's language with Keras's own in parentheses (28c's 010: `- **Tổng số
# tham số (Total params):** 2,974`)
_GLOSSED_TOTALS = lazy(
    r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?)[^()\n:：]{1,60}\(\s*"
    r"(?P<label>Total|Trainable|Non-trainable|Optimizer) params\)[ \t]*[:：](?P<close>\*\*)?"
)


# A translated totals label as the first cell of a Markdown row (29b's 012: `| 总参数 |
# 2,407,248 |` under a table's rows); there `总计` (in all) is the Total too (67b's 010: `|
# **总计** | | **2,264,389** |`), not in a sentence (`总计：3 个模型`)
_CELL_BEFORE = r"^(?P<lead>[ \t]*\|(?:[ \t]*\|)*[ \t]*(?:\*\*)?)"
_CELL_AFTER = r"(?=(?:\*\*)?[ \t]*\|)"
_TOTALS_CELL_TRANSLATED = [
    *_each_totals_label(_CELL_BEFORE, _CELL_AFTER),
    ("Total", lazy(_CELL_BEFORE + "(?:总计|總計)" + _CELL_AFTER)),
]


def translate_title_lines(text: str) -> str:
    """Turn a translated `Model:` line or totals line into the English words Keras prints."""
    if text.isascii() and (
        "Mod" not in text and "metros" not in text and "params)" not in text and "arame" not in text
    ):
        return text  # (`arame`: German, Italian and Indonesian labels, 96g's 005)
    if ":" not in text and "：" not in text:
        if text.lstrip()[:1] == "|" and not text.isascii():
            return _translated_totals_cell(text)
        return text  # every other translated label ends with a colon (progress bars never reach)
    match = _MODEL_LINE.match(text)
    if match:
        return f"{match.group('lead')}Model: {match.group('rest')}"
    if "params)" in text:
        glossed = _GLOSSED_TOTALS.match(text)
        if glossed:
            rest = text[glossed.end() :].strip()
            close = glossed.group("close") or ""
            return f"{glossed.group('lead')}{glossed.group('label')} params:{close} {rest}"
    if ("总计" in text or "總計" in text) and (total := _IN_ALL_TOTAL.match(text)):
        # `总计：3,456` (in all) as a translated print's Total line: its count alone after it
        return f"{total.group('lead')}Total params: {total.group('rest')}"
    if not _ANY_TOTALS_TRANSLATED.match(text):
        return text
    for english, pattern in _TOTALS_TRANSLATED:
        found = pattern.match(text)
        if found:
            rest = text[found.end() :].strip()
            if not rest.isascii() and (";" in rest or "；" in rest):
                # the other totals on the same line (95f's 013: `参数总数量: 188,219 ;  可训练参数
                # 数量: 188,219 ;  不可训练参数数量: 0`), each translated
                rest = "".join(map(translate_title_lines, _AFTER_SEMICOLONS.split(rest)))
            # `**Total de parâmetros:** 751,649` (27c's 011), `**總參數**: 105,866`
            close = found.group("shut") or found.group("close") or ""
            return f"{found.group('lead')}{english} params:{close} {rest}"
    return text


_AFTER_SEMICOLONS = lazy(r"(?<=[;；])")


def _translated_totals_cell(text: str) -> str:
    """A Markdown row whose first cell is a translated totals label, the label in English."""
    for english, pattern in _TOTALS_CELL_TRANSLATED:
        found = pattern.match(text)
        if found:
            return f"{found.group('lead')}{english} params{text[found.end() :]}"
    return text


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_SPACED_TITLES = lazy(r"Layer \((?: +type *| *type +)\)")


def is_translated_header(text: str) -> bool:
    """Tell whether a line is a summary header whose titles the author translated, or whose
    titles a code highlighter spaced out of their columns (`Layer (  type)   Output   Shape`)."""
    if "(" not in text and "（" not in text:
        return False  # every translated `Layer (type)` title has its parenthesis
    if (
        not text.isascii()
        or "Capa" in text
        or "Camada" in text
        or "Couche" in text
        or "Schicht" in text
    ):
        return True
    return "Layer" in text and _SPACED_TITLES.search(text) is not None


# what a header's line may hold before its first title (a box's bar too: 86c's 011)
_BEFORE_TITLES = " \t#>/*|`_┃│"
_BETWEEN_TITLES = " \t*|`_┃│"  # and between two titles


def translated_titles(text: str) -> Optional[list[tuple[str, int, int]]]:
    """Return (English title, char start, display start) of each translated header title."""
    if not names_a_translated_layer_title(text):
        return None
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    glossed = False
    for english, pattern in _TITLE_ALTERNATIVES:
        start, end = 0, len(text)
        if pattern.pattern in _GLOSSED_PATTERNS:
            # a glossed title's scan starts a few words before its English (a long line of
            # words in another script is slow to scan from every position)
            at = text.find(_GLOSSED_WORDS[english])
            if at < 0:
                continue
            start, end = max(0, at - _GLOSSED_REACH), at + _GLOSSED_AFTER
        for match in pattern.finditer(text, start, end):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken) or not match.group(0).strip():
                continue
            taken.append(span)
            found.append((english, span[0], _display_width(text[: span[0]])))
            glossed = glossed or pattern.pattern in _GLOSSED_PATTERNS
            break
    found.sort(key=lambda item: item[1])
    titles = [title for title, _, _ in found]
    if titles[:1] != ["Layer (type)"] or len(set(titles)) != len(titles) or len(titles) < 2:
        return None
    if text[: found[0][1]].strip(_BEFORE_TITLES):
        return None  # words before the first title: a sentence quoting a header, no header
    taken.sort()
    if glossed and any(
        text[end:start].strip(_BETWEEN_TITLES) for (_, end), (start, _) in zip(taken, taken[1:])
    ):
        # words between two titles glossed in English: a sentence naming them (`每一层 (Layer)
        # 的输出形状 (Output Shape)…`); a title of the author's own may stand between titles
        # in their language (`层 (类型) 输出大小 参数数量`)
        return None
    return found


def english_title(title: str) -> Optional[str]:
    """The English title Keras prints for a translated header title (`輸出形狀`: Output
    Shape), or None when the title is none of them."""
    for english, pattern in _TITLE_ALTERNATIVES:
        if pattern.fullmatch(title):
            return english
    return None


_BOX_BARS = "┃│|"
_KERAS_POSITIONS = {3: (0.45, 0.85), 4: (0.33, 0.55, 0.67)}


def english_header(text: str, following: list[str]) -> Optional[str]:
    """Rewrite a translated header in English, its titles at the columns the rows below use."""
    titles = translated_titles(text)
    if titles is None:
        return None
    if "\t" in text or any(bar in text for bar in _BOX_BARS):
        # cells set apart by bars or tabs (35c's 001): each title replaced where it stands
        out = text
        for english, start, _ in sorted(titles, key=lambda t: -t[1]):
            for _, pattern in _TITLE_ALTERNATIVES:
                match = pattern.match(out, start)
                if match and match.group(0).strip():
                    out = out[:start] + english + out[match.end() :]
                    break
        return out
    lead = len(text) - len(text.lstrip())
    marks = text[: titles[0][1]]
    if not marks.strip() or marks.strip().strip("#/> "):
        marks = ""  # the comment marks before the titles stay (26c's 009: `#图层(类型)…`)
    lead = max(lead, len(marks))
    rows = [line for line in following if line.strip() and not _is_rule_text(line)][:12]
    displayed = [display for _, _, display in titles]
    candidates = [_snapped(displayed, rows), displayed, [start for _, start, _ in titles]]
    if _SPACED_TITLES.search(text):  # a highlighter spread the titles far from their columns
        candidates.append(_common_starts(rows, len(titles)))
    width = _rule_width(following)
    fractions = _KERAS_POSITIONS.get(len(titles))
    if width and fractions:
        # Keras's own column fractions of the rule's width win a tie
        candidates.insert(0, [lead] + [int(width * f) for f in fractions])
    best = max(candidates, key=lambda starts: _fit(starts[1:], rows))
    placed = _place([english for english, _, _ in titles], [lead, *best[1:]])
    return marks + placed[len(marks) :]


_KERAS_TITLES = {
    3: ("Layer (type)", "Output Shape", "Param #"),
    4: ("Layer (type)", "Output Shape", "Param #", "Connected to"),
}


def cropped_header(rows: list[str], width: int) -> Optional[str]:
    """Write back the header of a fixed-width table whose top the paste cut off: Keras's titles
    at Keras's own column fractions of the rule's width, three or four columns, whichever the
    rows fit (None when neither puts most rows' cells where the titles start)."""
    best: Optional[tuple[int, str]] = None
    lead = 1 if rows and all(row[:1] == " " and row[1:2] != " " for row in rows) else 0
    common = _common_cell_starts(rows)
    widths = [width, *_widths_of_the_starts(common, width)]
    candidates = [
        [lead] + [int(w * f) for f in _KERAS_POSITIONS[n]] for w in widths for n in (3, 4)
    ]
    if len(common) + 1 in _KERAS_TITLES:
        candidates.append([lead, *common])  # columns set with print_summary(positions=…)
    for starts in candidates:
        score = _fit(starts[1:], rows)
        enough = score >= len(rows) * (len(starts) - 1) // 2
        if enough and (best is None or score > best[0]):
            best = (score, _place(list(_KERAS_TITLES[len(starts)]), starts))
    return best[1] if best else None


def _widths_of_the_starts(common: list[int], width: int) -> list[int]:
    """The print widths other than `width` at whose Keras column fractions the common cell
    starts all stand (44f's 007: rows under a rule the paste cut to 13 characters, their
    cells at 33 and 67 of a 100-wide print, the count at 55 after one blank)."""
    found: list[int] = []
    if not common:
        return found
    for fractions in _KERAS_POSITIONS.values():
        for fraction in fractions:
            guess = round(common[0] / fraction)
            places = [int(guess * f) for f in fractions]
            if (
                guess != width
                and guess not in found
                and all(any(abs(p - c) <= 1 for p in places) for c in common)
            ):
                found.append(guess)
    return found


def _common_cell_starts(rows: list[str]) -> list[int]:
    """Return the columns where at least half of the rows start a cell after a run of spaces;
    of two next to each other only the first (tf.keras 2.7–2.12 pushes a cell one column right
    after a class it cut: `bidirectional (Bidirectiona  (None, 40)`, 27a's 002)."""
    seen: Counter[int] = Counter()
    for row in rows:
        seen.update(match.start(1) for match in _CELL_START.finditer(row))
    starts = sorted(p for p, n in seen.items() if n >= max(2, (len(rows) + 1) // 2))
    return [p for i, p in enumerate(starts) if not i or p - starts[i - 1] > 1]


def _snapped(starts: list[int], rows: list[str]) -> list[int]:
    """Move each title start to the nearest column where many rows start a cell."""
    seen: Counter[int] = Counter()
    for row in rows:
        seen.update(match.start(1) for match in _CELL_START.finditer(row))
    common = sorted(p for p, n in seen.items() if n >= max(2, len(rows) // 3))
    out = starts[:1]
    for start in starts[1:]:
        near = [p for p in common if p > out[-1] and abs(p - start) <= _SNAP]
        out.append(min(near, key=lambda p: abs(p - start)) if near else start)
    return out


def _common_starts(rows: list[str], count: int) -> list[int]:
    """Return 0 and the count - 1 columns where the most rows start a cell, left to right."""
    seen = Counter(match.start(1) for row in rows for match in _CELL_START.finditer(row))
    return [0, *sorted(p for p, _ in seen.most_common(count - 1))]


_SNAP = 10
_CELL_START = lazy(r"  (\S)")


def _place(words: list[str], starts: list[int]) -> str:
    out = ""
    for word, start in zip(words, starts):
        if len(out) >= start and out:
            out += " "
        out = out.ljust(start) + word
    return out


def _is_rule_text(text: str) -> bool:
    core = text.strip()
    return len(core) >= 10 and len(set(core) - {" "}) == 1 and core[0] in "_=-━─"


def _rule_width(following: list[str]) -> int:
    for line in following[:2]:
        if _is_rule_text(line):
            return len(line.rstrip())
    return 0


def _fit(starts: list[int], rows: list[str]) -> int:
    """Count the cells of rows that begin exactly at one of starts."""
    score = 0
    for row in rows:
        for start in starts:
            if 0 < start < len(row) and row[start - 1] == " " and row[start] != " ":
                score += 1
    return score
