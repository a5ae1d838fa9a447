"""The live reader's collector: when a summary is handed over, and what it keeps back."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from summaryaudit import Summary, api, live, sources
from summaryaudit.sources import Line, text_lines

from .conftest import FIXTURES, SEEDS, WILD, WILD2, need

ROOT = Path(__file__).resolve().parents[1]
FIRST = (ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt").read_text("utf-8")
SECOND = (ROOT / "fixtures/real/keras2.2.4/big_dense.txt").read_text("utf-8")


def _lines(text: str, first: int = 1) -> list[Line]:
    return [Line(first + i, t) for i, t in enumerate(text.rstrip("\n").split("\n"))]


def _collector() -> live.Collector:
    return live.Collector(lambda lines: api.summaries_from_lines(lines, "<stdin>"))


def test_a_summary_is_handed_over_when_the_next_line_is_not_its_own() -> None:
    collector = _collector()
    first = _lines(FIRST)
    for line in first:
        collector.add(line)
        if line is not first[-1]:
            assert not collector.ready(0)
    assert not collector.ready(0)  # totals are in, but more of them could follow
    assert collector.ready(1)  # the writer paused after `Non-trainable params`: done
    second = _lines(SECOND, len(first) + 1)
    collector.add(second[0])  # the next summary's first line (a rule) could be the totals' own
    assert not collector.ready(0)
    collector.add(second[1])  # its header is not part of the first summary
    assert collector.ready(0)
    (summary,) = collector.take()
    for line in second[2:]:
        collector.add(line)
    (later,) = collector.take(final=True)
    # exactly what reading the whole text at once gives
    assert [summary, later] == api.parse_text(FIRST + SECOND, "<stdin>")
    assert summary.start_line == 1 and len(later.layers) == 3


def test_a_table_starting_on_the_last_held_line_is_kept_back() -> None:
    collector = _collector()
    first = _lines(FIRST)
    second = _lines(SECOND, len(first) + 1)
    for line in first + second[:2]:
        collector.add(line)
    assert [s.start_line for s in collector.take()] == [1]
    for line in second[2:]:
        collector.add(line)
    (later,) = collector.take(final=True)
    assert later.totals.total is not None and later.totals.total.value == 16822282


def test_lines_far_from_any_table_are_not_kept() -> None:
    collector = _collector()
    for number in range(1, 10_001):
        collector.add(Line(number, f"step {number}: loss 0.1"))
    assert collector.take(final=True) == []
    # a log that only mentions `Layer` is read once MAX_HELD lines are held
    collector.add(Line(1, "Layer (type) was mentioned"))
    for number in range(2, live.MAX_HELD + 3):
        collector.add(Line(number, "x"))
    assert collector.ready(0)


class _FakePipe:
    """A pipe that hands over a log in pieces, pausing after each (as a training run prints)."""

    def __init__(self, data: bytes, piece: int) -> None:
        self._pieces = [data[i : i + piece] for i in range(0, len(data), piece)]
        self._pause = False

    def read(self, wait: object) -> object:
        if self._pause and wait is not None:
            self._pause = False
            return b""
        if not self._pieces:
            return None
        self._pause = True
        return self._pieces.pop(0)


def _sparse_log() -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import logs

    return logs.sparse_log(1.0)


def test_a_live_log_gives_the_summaries_of_the_file_holding_only_region_lines() -> None:
    text = _sparse_log()
    held: list[int] = []

    def summaries_of(lines: Iterable[Line]) -> Iterator[Summary]:
        lines = list(lines)
        held.append(len(lines))
        return api.summaries_from_lines(lines, "<stdin>")

    pipe = _FakePipe(text.encode("utf-8"), 1 << 16)
    found = list(live.summaries(pipe, "<stdin>", summaries_of, iter))  # type: ignore[arg-type]
    assert found == api.parse_text(text, "<stdin>")
    assert len(found) == 20
    every = sum(1 for _ in text_lines(text))
    assert max(held) * 50 < every  # the progress bars never become held lines


def _file_read(data: bytes, name: str) -> list[Summary]:
    """The summaries of the bytes read as a file (`summaryaudit check FILE`)."""
    found: list[Summary] = []
    for segment in sources.byte_segments(iter([data])):
        found += api.summaries_from_lines(segment, name)
    return found


def _live_read(data: bytes, name: str, piece: int = 1 << 16) -> list[Summary]:
    """The summaries of the bytes arriving through a pipe in pieces, the writer pausing after
    each (`cat FILE | summaryaudit check`), read as the CLI reads a live pipe."""
    pipe = _FakePipe(data[piece:], piece)
    return list(
        live.summaries(
            pipe,  # type: ignore[arg-type]
            name,
            lambda lines: api.summaries_from_lines(sources.undo_paste_damage(lines), name),
            iter,
            data[:piece],
        )
    )


def test_every_print_and_paste_reads_the_same_through_a_pipe_as_from_a_file() -> None:
    """A summary is handed over only once every line that decides its reading has arrived:
    torchsummary's size lines below the totals (wild/039 was a totals-only Keras summary),
    the next totals line after a Markdown `|:---|` rule (wild2/023 lost two totals), a
    misspelt `Nontrainable params` (wild/054), a totals table printed above its model table
    (wild2/025 was split in two, each with a false SA003)."""
    paths = sorted(FIXTURES.rglob("*.txt"))
    for folder in (WILD, WILD2, SEEDS):
        if folder.is_dir():
            paths += sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".log"})
    differ = []
    for path in paths:
        data = path.read_bytes()
        if live.needs_whole_document(data[:64]):
            continue  # read whole, by the file reader itself
        if _live_read(data, path.name) != _file_read(data, path.name):
            differ.append(path.name)
    assert len(paths) > 400
    assert differ == []


def test_a_summary_is_handed_over_lookahead_lines_after_its_totals_or_at_a_pause() -> None:
    collector = _collector()
    for line in _lines(SECOND + "Epoch 1/2\n"):
        collector.add(line)
    assert not collector.ready(0)  # one line after the totals: more may decide the reading
    assert collector.ready(1)  # the writer paused (training has begun): hand it over
    for number in range(2, live.LOOKAHEAD + 1):
        assert not collector.ready(0)
        collector.add(Line(13 + number, f"Epoch {number}/9"))
    assert collector.ready(0)
    (summary,) = collector.take()
    assert summary.totals.non_trainable is not None


def test_the_size_lines_of_a_paddle_table_arrive_before_it_is_judged() -> None:
    """wild/039: paddle's table (Input Shape column, sizes below the totals) is no Keras
    summary; through a pipe it was reported as a Keras summary holding only totals."""
    data = need(WILD / "039.txt").read_bytes()
    assert _live_read(data, "039.txt") == _file_read(data, "039.txt") == []


def test_totals_printed_above_their_table_are_kept_with_it() -> None:
    """wild2/025 shows the totals table first and the model table below: through a pipe it
    was read as two summaries, each with a false SA003."""
    data = need(WILD2 / "025.md").read_bytes()
    (summary,) = _live_read(data, "025.md")
    assert len(summary.layers) == 155 and summary.totals.present()
    assert summary.totals.total is not None and summary.totals.total.value == 2340228


def test_a_markdown_rule_between_totals_lines_does_not_end_the_summary() -> None:
    """wild2/023: `|Total params| 242,084|`, the `|:---|---:|` rule Markdown needs, then the
    other totals: through a pipe the summary was handed over before them."""
    data = need(WILD2 / "023.md").read_bytes()
    (summary,) = _live_read(data, "023.md")
    assert summary.totals.trainable is not None and summary.totals.trainable.value == 242084
    assert summary.totals.non_trainable is not None and summary.totals.non_trainable.value == 0


def _torchsummary(rows: list[tuple[str, list[int], int]]) -> str:
    """A table as torchsummary's `summary()` prints it (its own format strings)."""
    lines = ["-" * 64, "{:>20}  {:>25} {:>15}".format("Layer (type)", "Output Shape", "Param #")]
    lines.append("=" * 64)
    for name, shape, count in rows:
        lines.append("{:>20}  {:>25} {:>15}".format(name, str([-1, *shape]), f"{count:,}"))
    total = sum(count for _, _, count in rows)
    lines += ["=" * 64, f"Total params: {total:,}", f"Trainable params: {total:,}"]
    lines += ["Non-trainable params: 0", "-" * 64]
    return "\n".join(lines) + "\n"


def test_another_tools_table_reads_as_no_summary_through_a_pipe_too() -> None:
    """Trial 16a's 014: torchsummary's table with eight or more lines after it. From a file it
    is no Keras summary; through a pipe its totals, kept after the table was judged, were read
    again at the end as a Keras summary of totals alone (a false SA003)."""
    table = _torchsummary([("Conv2d-1", [12, 26, 26], 120), ("Linear-2", [10], 1_450)])
    for after in (0, 7, 8, 40):
        data = (table + "".join(f"epoch {i}: loss 0.{i}\n" for i in range(after))).encode()
        assert _file_read(data, "torch.log") == []
        assert _live_read(data, "torch.log", piece=64) == []
        assert _live_read(data, "torch.log") == []
    # a Keras summary after it is still read, through the pipe as from the file
    data = (table + "".join(f"line {i}\n" for i in range(12)) + SECOND).encode()
    assert len(_live_read(data, "mixed.log")) == len(_file_read(data, "mixed.log")) == 1
