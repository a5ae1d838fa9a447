"""The per-block row readers (`cells.FixedColumns`, `cells.KeyedColumns`) cut every real row
exactly as the per-row readers they replaced did (kept here as the reference)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from summaryaudit import api, cells
from summaryaudit.kinds import Classified

from .conftest import FIXTURES, SEEDS, WILD, WILD2

# --------------------------------------------------------------------------- the reference


def reference_read_fixed(lines: list[Classified], header: str, wrapped: bool) -> cells.RowCells:
    """A fixed-width row read fragment by fragment, each joined onto its cell as it comes."""
    columns = cells.fixed_columns(header)
    row = cells.RowCells(depth=lines[0].depth)
    width = dict(columns)
    layer_width = width.get("output_shape", 0)
    for index, item in enumerate(lines):
        parts = cells.split_fixed(cells._strip_frame(item.text, item.depth), columns)
        for key, frags in parts.items():
            for frag in frags:
                _add_fixed(row, key, frag, wrapped)
        if index == 0 and not wrapped and layer_width:
            raw = item.text[: layer_width - 1].rstrip()
            # (a cell running on past its column with its `)`, a retyped table's, is whole)
            whole = row.layer.rstrip().endswith(")")
            if len(raw) >= layer_width - 2 and not raw.endswith(")") and not whole:
                # (a name two characters short of the edge is whole: only the class was cut)
                name_cut = "(" not in raw and len(raw) >= layer_width - 1
                row.cut.add("name" if name_cut else "type")
            shape_end = width.get("params")
            if shape_end:
                shape_raw = item.text[layer_width : shape_end - 1].rstrip()
                if len(shape_raw) >= shape_end - layer_width - 2 and cells.unbalanced(shape_raw):
                    row.cut.add("output_shape")
    if wrapped and row.connected:
        row.connected = [" ".join(row.connected)]
    return row


def _add_fixed(row: cells.RowCells, key: str, frag: str, wrapped: bool) -> None:
    if key == "connected_to":
        if wrapped:
            joined = cells.join_wrapped(row.connected[-1] if row.connected else "", frag)
            if row.connected:
                row.connected[-1] = joined
            else:
                row.connected.append(joined)
        else:
            row.connected.append(frag)
        return
    current = getattr(row, key)
    if wrapped:
        setattr(row, key, cells.join_wrapped(current, frag))
    else:
        setattr(row, key, (current + " " + frag).strip() if current else frag)


def reference_read_by_keys(
    lines: Sequence[Classified], keys: list[str], pipe: bool
) -> tuple[cells.RowCells, bool]:
    """A box or pipe row read into a dict of columns, then each field joined."""
    bars = "|" if pipe else "│┃|"
    columns: dict[str, list[str]] = {k: [] for k in keys}
    closed_all = True
    position = 0
    for item in lines:
        raw: Sequence[str]
        if pipe:
            raw = cells.pipe_cells(item.text)
            closed = True
        else:
            raw, closed = cells.split_bars(item.text, bars)
            closed = closed or len(raw) > len(keys)
        closed_all = closed_all and closed
        if pipe and len(lines) > 1 and len(cells.pipe_cells(lines[0].text)) < len(keys):
            for cell in raw:
                if position < len(keys):
                    columns[keys[position]].append(cell)
                position += 1
            continue
        for key, cell in zip(keys, raw):
            columns[key].append(cell)
    row = cells.RowCells()
    layer_parts = columns.get("layer", [])
    if layer_parts:
        first = layer_parts[0]
        lead = first[1:] if first.startswith(" ") else first
        marker = lead.lstrip(" ")
        if marker.startswith("└"):
            row.depth = max(1, (len(lead) - len(marker)) // 3)
            layer_parts[0] = marker.lstrip("└ ")
    for key, parts in columns.items():
        texts = [cells._clean_markup(p) for p in parts if p.strip()]
        if key == "connected_to":
            # an entry ended without its comma (Keras 2's lists retyped in a table) is one
            separated = [text + "," if text.endswith("]") else text for text in texts[:-1]]
            joined = " ".join([*separated, *texts[-1:]]).strip()
            row.connected = [joined] if joined else []
        elif key in ("layer", "output_shape", "params", "trainable"):
            setattr(row, key, " ".join(texts))
    return row, closed_all


def reference_groups(lines: list[Classified], keys: list[str]) -> list[list[Classified]]:
    """A box row split into layers, each line's cells looked up by key."""
    if len(lines) == 1 or ("params" not in keys and "output_shape" not in keys):
        return [lines]
    groups: list[list[Classified]] = []
    for item in lines:
        raw, _ = cells.split_bars(item.text, "│┃|")
        if "params" in keys:
            count = cells._cell_of(raw, keys, "params")
            # (a narrow column wraps `0 (unbuilt)`: its `(unbuilt)` line starts no layer)
            starts = bool(count) and count not in ("(unbuilt)", "(unused)")
        else:
            name = cells._cell_of(raw, keys, "layer").lstrip("└ ")
            shape = cells._cell_of(raw, keys, "output_shape")
            starts = bool(name) and name[0] != "(" and shape[:1] in "([?{m"
        if groups and not starts:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


# --------------------------------------------------------------------------- every real row


def _inputs() -> Iterator[Path]:
    suffixes = {".txt", ".md", ".ipynb", ".py", ".html", ".log", ".rst"}
    yield from sorted(FIXTURES.rglob("*.txt"))
    for folder in (WILD, WILD2, SEEDS):
        if folder.is_dir():
            yield from sorted(p for p in folder.iterdir() if p.suffix in suffixes)


@pytest.fixture(scope="module")
def every_row() -> dict[str, list[Any]]:
    """Each row every reader was given while checking every fixture, paste and seed."""
    seen: dict[str, list[Any]] = {"fixed": [], "keyed": [], "groups": []}
    patch = pytest.MonkeyPatch()
    fixed_read, keyed_read, keyed_groups = (
        cells.FixedColumns.read,
        cells.KeyedColumns.read,
        cells.KeyedColumns.groups,
    )

    def record_fixed(self: cells.FixedColumns, lines: list[Classified]) -> cells.RowCells:
        seen["fixed"].append((self, list(lines)))
        return fixed_read(self, lines)

    def record_keyed(self: cells.KeyedColumns, lines: list[Classified]) -> Any:
        seen["keyed"].append((self, list(lines)))
        return keyed_read(self, lines)

    def record_groups(self: cells.KeyedColumns, lines: list[Classified]) -> Any:
        seen["groups"].append((self, list(lines)))
        return keyed_groups(self, lines)

    patch.setattr(cells.FixedColumns, "read", record_fixed)
    patch.setattr(cells.KeyedColumns, "read", record_keyed)
    patch.setattr(cells.KeyedColumns, "groups", record_groups)
    headers: dict[int, str] = {}
    fixed_init = cells.FixedColumns.__init__

    def record_header(self: cells.FixedColumns, header: str, wrapped: bool) -> None:
        headers[id(self)] = header
        fixed_init(self, header, wrapped)

    patch.setattr(cells.FixedColumns, "__init__", record_header)
    try:
        for path in _inputs():
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            api.check_text(text, source=path.name)
    finally:
        patch.undo()
    seen["fixed"] = [(reader, headers[id(reader)], lines) for reader, lines in seen["fixed"]]
    return seen


def test_fixed_width_rows_read_as_fragment_by_fragment(every_row: dict[str, list[Any]]) -> None:
    rows = every_row["fixed"]
    assert len(rows) > 1000 and any(reader.wrapped for reader, _, _ in rows)
    assert any(len(lines) > 1 for _, _, lines in rows)
    for reader, header, lines in rows:
        expected = reference_read_fixed(lines, header, reader.wrapped)
        assert reader.read(lines) == expected, [item.text for item in lines]
        assert cells.read_fixed(lines, header, reader.wrapped) == expected


def test_box_and_pipe_rows_read_as_column_by_column(every_row: dict[str, list[Any]]) -> None:
    rows = every_row["keyed"]
    assert len(rows) > 1000
    # pipe tables come from the Markdown pastes of ../shared (no fixture is one): without that
    # material (a checkout on its own) only the box rows are compared
    assert any(reader.pipe for reader, _ in rows) or not (WILD.is_dir() or WILD2.is_dir())
    assert any(len(lines) > 1 for _, lines in rows)
    for reader, lines in rows:
        expected = reference_read_by_keys(lines, reader.keys, reader.pipe)
        assert reader.read(lines) == expected, [item.text for item in lines]
        assert cells.read_cells_by_keys(lines, reader.keys, reader.pipe) == expected
        generic = cells.KeyedColumns(reader.keys, reader.pipe)
        generic.single = False  # the path a header naming a field twice takes, on every row
        assert generic.read(lines) == expected, [item.text for item in lines]


def test_a_field_named_twice_collects_both_columns_line_by_line() -> None:
    keys = ["layer", "params", "output_shape", "params", "?"]
    texts = ["│ a (Dense) │ 1 │ (None, 2) │ 3 │ x │", "│ └ b │ _4_ │ │ 5 │ y", "│ c"]
    lines = [Classified(None, text, None) for text in texts]  # type: ignore[arg-type]
    reader = cells.KeyedColumns(keys, pipe=False)
    assert not reader.single
    for count in (1, 2, 3):
        expected = reference_read_by_keys(lines[:count], keys, False)
        assert reader.read(lines[:count]) == expected
    assert reader.read(lines)[0].params == "1 3 4 5"


def test_box_rows_split_into_layers_as_line_by_line(every_row: dict[str, list[Any]]) -> None:
    rows = every_row["groups"]
    assert len(rows) > 100
    for reader, lines in rows:
        expected = reference_groups(lines, reader.keys)
        assert reader.groups(lines) == expected, [item.text for item in lines]
        assert cells.box_row_groups(lines, reader.keys) == expected
