"""SA203: Non-trainable params against the moving statistics and the frozen layers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Optional

from ..dialects import TRAINABLE_COUNT_ERAS
from ..formulas.frozen import FrozenSearch
from ..records import Count, Finding, Severity
from .analysis import Analysis, once_per_analysis
from .bn_statistics import (
    application_holders,
    bn_note,
    non_trainable_floor,
    non_trainable_holders,
)
from .frozen_layers import frozen_home, frozen_names, frozen_search, whole_model
from .input_chain import children, is_model_row
from .layer_range_slices import slice_evidence
from .registry import check, finding
from .row_non_trainable import layer_non_trainable
from .rows import (
    BATCH_NORMALIZATION,
    gaps,
    leaves,
    names_listed,
    optimizer,
    plural,
    rows_complete,
    rows_sum,
    split_adds_up,
    split_counts,
    top_indexes,
)
from .totals import total_vs_rows


@once_per_analysis
def frozen_by_column(analysis: Analysis) -> Optional[int]:
    """Non-trainable as the printed Trainable column says it must be (None without the column)."""
    layers = analysis.layers
    if all([layer.trainable is None for layer in layers]):  # (a list: no generator to resume)
        return None
    per_layer = layer_non_trainable(analysis)
    frozen_rows: set[int] = set()
    for i, layer in enumerate(layers):
        if layer.trainable is False:
            frozen_rows.add(i)
            frozen_rows.update(children(layers, i))
    total = 0
    for i in leaves(analysis):
        if i in frozen_rows:
            total += layers[i].params or 0
        elif per_layer[i] is None:
            return None
        else:
            total += per_layer[i] or 0
    return total


def _below_the_applications_statistics(
    analysis: Analysis, stated: int, floor: int
) -> Optional[Finding]:
    """Non-trainable params below the moving statistics of the keras.applications models the
    rows show (71b's 010: `Non-trainable params: 0` under a ResNet50V2 whose count is shown)."""
    apps = application_holders(analysis)
    held = sum(count for _, count in apps)
    if not apps or stated >= floor + held:
        return None
    more = f"; the BatchNormalization rows shown hold {floor:,} more" if floor else ""
    if len(apps) == 1:
        holder = (
            f"{apps[0][0].name}, a keras.applications model by its count, holds {held:,} "
            "moving statistics in its BatchNormalization layers by default"
        )
    else:
        holder = (
            f"{names_listed([layer.name for layer, _ in apps], 4)} (keras.applications models "
            f"by their counts) hold {held:,} moving statistics in their BatchNormalization "
            "layers by default"
        )
    return finding(
        analysis,
        "SA203",
        f"Non-trainable params says {stated:,}, but {holder}, which stay non-trainable even "
        f"when the model trains{more}: a count or the Non-trainable line was edited",
        analysis.summary.totals.non_trainable.line,  # type: ignore[union-attr]
    )


def _other_holders(analysis: Analysis) -> str:
    """Name the rows other than BatchNormalization whose derivations hold non-trainable weights
    (`balanced_norm (Normalization) 13`), BatchNormalization's summed; '' when there are none."""
    named: list[str] = []
    bn_held = 0
    for layer, count in non_trainable_holders(analysis):
        if BATCH_NORMALIZATION in layer.type:
            bn_held += count
        else:
            named.append(f"{layer.name} ({layer.type}) {count:,}")
    if not named:
        return ""
    if bn_held:
        named.append(f"the BatchNormalization rows' moving statistics {bn_held:,}")
    return ", ".join(named)


@check("SA203")
def non_trainable_vs_bn(analysis: Analysis) -> Iterator[Finding]:
    """Non-trainable params against BatchNormalization's moving statistics and frozen layers."""
    summary = analysis.summary
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None or not summary.layers:
        return
    if summary.generation in TRAINABLE_COUNT_ERAS:
        return
    floor, bn = non_trainable_floor(analysis)
    if stated.value < floor:
        counted = sum(layer.params or 0 for layer in bn)
        others = _other_holders(analysis)
        if others:
            # 28c's 010: a Normalization layer's mean, variance and count, no BatchNormalization
            yield finding(
                analysis,
                "SA203",
                f"Non-trainable params says {stated.value:,}, but the rows shown already hold "
                f"{floor:,} weights that training leaves alone ({others}): a count or the "
                "Non-trainable line was edited",
                stated.line,
            )
            return
        share = "half of their" if 2 * floor == counted else "of their"
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the moving mean and variance of "
            f"the {plural(len(bn), 'BatchNormalization row', 'BatchNormalization rows')} "
            f"shown already hold {floor:,} ({share} {counted:,} parameters): a count or the "
            "Non-trainable line was edited",
            stated.line,
        )
        return
    below = _below_the_applications_statistics(analysis, stated.value, floor)
    if below is not None:
        yield below
        return
    per_layer = layer_non_trainable(analysis)
    top = top_indexes(analysis)
    if gaps(analysis) or slice_evidence(analysis):
        return  # only the lower bound is decided (said in the coverage)
    unknown = [i for i in top if per_layer[i] is None]
    by_column = frozen_by_column(analysis)
    if unknown and by_column is None:
        yield from _frozen_nested_models(analysis, stated, per_layer, top, unknown)
        return  # only the lower bound is decided (said in the coverage)
    expected = sum([per_layer[i] or 0 for i in top])
    if by_column is not None:
        marked = [layer.name for layer in summary.layers if layer.trainable is False]
        # rows whose own non-trainable part is unknown count whole when marked N (45b's 008: a
        # VGG16 base marked N, its whole count Non-trainable)
        frozen_unknown = all(summary.layers[i].trainable is False for i in unknown)
        if stated.value == by_column and stated.value != expected and marked and frozen_unknown:
            whole = [summary.layers[i].name for i in unknown]
            rows = (
                f"the rows other than {names_listed(whole)} by default hold"
                if whole  # (their defaults unknown: 40d's 010, an Xception base's 54,528)
                else "the rows by default hold"
            )
            yield finding(
                analysis,
                "SA203",
                f"the Trainable column marks {names_listed(marked)} as frozen "
                f"(trainable=False): Non-trainable params is {stated.value:,}, where {rows} "
                f"{expected:,} {bn_note(analysis)}, and "
                f"{'its' if len(marked) == 1 else 'their'} weights make up the difference "
                "exactly",
                stated.line,
                severity=Severity.INFO,
            )
        elif stated.value != by_column:
            yield finding(
                analysis,
                "SA203",
                f"Non-trainable params says {stated.value:,}, but the Trainable column makes it "
                f"{by_column:,} (every weight of the rows marked N, plus the moving statistics "
                "of the BatchNormalization rows marked Y): a count, a Y/N mark or the "
                "Non-trainable line was edited",
                stated.line,
            )
        return
    if stated.value == expected:
        return
    gap = stated.value - expected
    defaults = bn_note(analysis)
    if _split_blames_non_trainable(analysis, expected):
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
            f"{defaults}, a difference of {gap:,}; frozen layers cannot explain it, as freezing "
            "moves weights from Trainable to Non-trainable and keeps their sum, and Total and "
            "Trainable agree with the rows: the Non-trainable line was edited",
            stated.line,
        )
        return
    if _rows_short_of_total(analysis):
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
            f"{defaults}, a difference of {gap:,}; the rows also fall short of Total params, "
            "so rows are missing from the paste (or edited) and frozen layers cannot be told "
            "apart from the missing rows",
            stated.line,
        )
        return
    search = frozen_gap_search(analysis)
    found = search.found or () if search is not None else ()
    home = frozen_home(analysis, found) if found else None
    names = home[0] if home is not None else frozen_names(analysis, found)
    if home is not None:
        shown = f"{names_listed(names)} in {home[1]}"
    else:
        shown = whole_model(analysis, found) or names_listed(names)
    if search is not None and search.several:
        example = f" (one is {shown})" if names else ""
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
            f"{defaults}, a difference of {gap:,}. Frozen layers could account for it, but "
            f"several different sets of layers have trainable weights adding up to exactly "
            f"{gap:,}{example}, so the print does not show which layers were frozen, or whether "
            "the Non-trainable line was edited instead: this total is not verified",
            stated.line,
            severity=Severity.WARNING,
        )
        return
    if search is not None and search.found is not None:
        yield finding(
            analysis,
            "SA203",
            f"The counts fit {shown} frozen (trainable=False): "
            f"Non-trainable params is {stated.value:,}, where the rows by default hold "
            f"{expected:,} {defaults}, and the difference {gap:,} is exactly the weights "
            + ("it would train if it were" if len(names) == 1 else "they would train if they were")
            + " not frozen"
            + (" — the only set of layers that adds up to it" if search.how == "subset" else ""),
            stated.line,
            severity=Severity.INFO,
        )
        return
    if search is not None and search.reachable:
        yield finding(
            analysis,
            "SA203",
            f"The counts fit a set of layers frozen (trainable=False): Non-trainable params is "
            f"{stated.value:,}, where the rows by default hold {expected:,} {defaults}, and the "
            f"difference {gap:,} is the trainable weights of a set of layers (an exact search "
            "found one, too large to name here)",
            stated.line,
            severity=Severity.INFO,
        )
        return
    tried = "; ".join(search.tried) if search is not None else "none: the difference is negative"
    yield finding(
        analysis,
        "SA203",
        f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
        f"{defaults}, a difference of {gap:,} that no set of frozen layers explains (tried: "
        f"{tried}): a count or the Non-trainable line was edited",
        stated.line,
    )


@once_per_analysis
def frozen_gap_search(analysis: Analysis) -> Optional[FrozenSearch]:
    """The frozen-layer search on the gap between Non-trainable and the rows' defaults.

    None unless the rows decide everything else: every row's default is known, no rows are
    hidden or sliced off, no Trainable column marks the frozen rows, rows are not missing,
    and Non-trainable is larger than the defaults.
    """
    summary = analysis.summary
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None or summary.generation in TRAINABLE_COUNT_ERAS:
        return None
    if not analysis.layers or gaps(analysis) or slice_evidence(analysis):
        return None
    per_layer = layer_non_trainable(analysis)
    top = top_indexes(analysis)
    defaults = [per_layer[i] for i in top]
    if None in defaults or frozen_by_column(analysis) is not None:
        return None
    gap = stated.value - sum(defaults)  # type: ignore[arg-type]  # (no None)
    if gap <= 0 or _rows_short_of_total(analysis):
        return None
    return frozen_search(analysis, gap)


def _frozen_nested_models(
    analysis: Analysis,
    stated: Count,
    per_layer: Sequence[Optional[int]],
    top: list[int],
    unknown: list[int],
) -> Iterator[Finding]:
    """Name the nested models whose every weight makes up the rest of Non-trainable."""
    layers = analysis.layers
    if not all(is_model_row(layers[i]) for i in unknown) or stated.value is None:
        return
    rest = stated.value - sum(per_layer[i] or 0 for i in top if i not in unknown)
    whole = sum(layers[i].params or 0 for i in unknown)
    names = ", ".join(layers[i].name for i in unknown)
    if stated.value == whole and rest < whole:
        yield _nothing_left_for_the_statistics(analysis, stated, whole - rest, names)
        return
    if rest != whole or not whole:
        return
    yield finding(
        analysis,
        "SA203",
        f"Non-trainable params is {stated.value:,}: the other rows hold {stated.value - rest:,} "
        f"{bn_note(analysis)}, and the remaining {rest:,} are every weight of {names}, which "
        f"fits {'that nested model' if len(unknown) == 1 else 'those nested models'} "
        f"frozen (trainable=False); {'its' if len(unknown) == 1 else 'their'} inner rows are "
        "not printed, so this is not verified row by row",
        stated.line,
        severity=Severity.INFO,
    )


def _split_blames_non_trainable(analysis: Analysis, expected: int) -> bool:
    """Tell whether Trainable + Non-trainable miss a Total that, with Trainable, agrees with
    the rows: a frozen layer moves weights from one line to the other and keeps their sum, so
    the Non-trainable line was edited (SA202 says so too) and is no sign of frozen layers."""
    counts = split_counts(analysis)
    if counts is None:
        return False
    total, trainable, _ = counts
    weights = total - optimizer(analysis.summary)
    return (
        not split_adds_up(analysis)
        and rows_complete(analysis)
        and rows_sum(analysis) == weights
        and trainable == weights - expected
    )


def _rows_short_of_total(analysis: Analysis) -> bool:
    """Tell whether rows are missing: the rows fall short of a Total that agrees with its split.

    When Trainable + Non-trainable (+ Optimizer) = Total but the rows add up to less (an SA201
    error), the rows, not the Total line, lost weights; when the split disagrees too, the Total
    line itself was edited (SA202) and the rows may well be whole.
    """
    counts = split_counts(analysis)
    if counts is None or not split_adds_up(analysis):
        return False
    return rows_sum(analysis) < counts[0] - optimizer(analysis.summary) and any(
        f.severity is Severity.ERROR for f in total_vs_rows(analysis)
    )


def _nothing_left_for_the_statistics(
    analysis: Analysis, stated: Count, others: int, names: str
) -> Finding:
    """Non-trainable is exactly the nested models' whole count, leaving nothing for the other
    rows' moving statistics (83h's 009: a frozen MobileNetV2's 2,257,984, the head's
    BatchNormalization counted trainable whole). An info: a nested model that keeps exactly
    that many weights trainable gives the same split (a real Keras 3 print does)."""
    trainable, whole = analysis.summary.totals.trainable, stated.value or 0
    frozen_whole = (
        f"Trainable {trainable.value - others:,} and Non-trainable {whole + others:,}"
        if trainable is not None and trainable.value is not None
        else f"Non-trainable {whole + others:,}"
    )
    return finding(
        analysis,
        "SA203",
        f"Non-trainable params is {whole:,}, exactly every weight of {names}, which leaves "
        f"nothing for the {others:,} the other rows hold {bn_note(analysis)}; Keras never "
        f"counts those as trainable. The split fits only if {names} keeps exactly {others:,} "
        f"of its weights trainable; frozen whole, Keras prints {frozen_whole}. If {names} is "
        "frozen whole, the split was worked out by hand, counting the moving statistics as "
        "trainable",
        stated.line,
        severity=Severity.INFO,
    )
