"""Unit tests of the block finder, grammars and transformer on small verbatim Keras prints."""

from __future__ import annotations

from summaryaudit import api, blocks, grammar, grammar_build, sources
from summaryaudit.cell_grammar import read_shapes
from summaryaudit.kinds import Layout
from summaryaudit.shapes import normalise_shape_text

# Verbatim program output quoted in ../shared/reference/formats.md (trailing spaces kept).
KERAS1_2 = """\
____________________________________________________________________________________________________
Layer (type)                     Output Shape          Param #     Connected to                     
====================================================================================================
a (InputLayer)                   (None, 3)             0                                            
____________________________________________________________________________________________________
b (InputLayer)                   (None, 3)             0                                            
____________________________________________________________________________________________________
merge_1 (Merge)                  (None, 6)             0           a[0][0]                          
                                                                   b[0][0]                          
____________________________________________________________________________________________________
a_very_long_dense_layer_name_tha (None, 4)             28          merge_1[0][0]                    
____________________________________________________________________________________________________
frozen (Dense)                   (None, 2)             10          a_very_long_dense_layer_name_that
====================================================================================================
Total params: 38
Trainable params: 28
Non-trainable params: 10
____________________________________________________________________________________________________
"""

TF212_WRAPPED = """\
Model: "two_in"
__________________________________________________________________________________________________
 Layer (type)                   Output Shape         Param #     Connected to                     
==================================================================================================
 a (InputLayer)                 [(None, 3)]          0           []                               
                                                                                                  
 b (InputLayer)                 [(None, 3)]          0           []                               
                                                                                                  
 concatenate (Concatenate)      (None, 6)            0           ['a[0][0]',                      
                                                                  'b[0][0]']                      
                                                                                                  
 a_very_long_dense_layer_name_t  (None, 4)           28          ['concatenate[0][0]']            
 hat_overflows (Dense)                                                                            
                                                                                                  
 batch_normalization (BatchNorm  (None, 4)           16          ['a_very_long_dense_layer_name_th
 alization)                                                      at_overflows[0][0]']             
                                                                                                  
==================================================================================================
Total params: 44
Trainable params: 36
Non-trainable params: 8
__________________________________________________________________________________________________
"""

TF215_BIG = """\
Model: "bigp"
__________________________________________________________________________________________________
 Layer (type)                Output Shape                 Param #   Connected to                  
==================================================================================================
 a (InputLayer)              [(None, 1000)]               0         []                            
                                                                                                  
 b (InputLayer)              [(None, 1000)]               0         []                            
                                                                                                  
 cat (Concatenate)           (None, 2000)                 0         ['a[0][0]',                   
                                                                     'b[0][0]']                   
                                                                                                  
 huge (Dense)                (None, 10000)                2001000   ['cat[0][0]']                 
                                                          0                                       
                                                                                                  
==================================================================================================
Total params: 20010000 (76.33 MB)
Trainable params: 20010000 (76.33 MB)
Non-trainable params: 0 (0.00 Byte)
__________________________________________________________________________________________________
"""

TF215_NESTED = """\
Model: "outer"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 inner (Sequential)          (None, 2)                 26        
|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|
| dense_2 (Dense)            (None, 4)                 16       |
|                                                               |
| dense_3 (Dense)            (None, 2)                 10       |
¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯
 dense_4 (Dense)             (None, 1)                 3         
                                                                 
=================================================================
Total params: 29 (116.00 Byte)
Trainable params: 29 (116.00 Byte)
Non-trainable params: 0 (0.00 Byte)
_________________________________________________________________
"""

KERAS3_NARROW = """\
Model: "two_in"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ a (InputLayer)      │ (None, 3)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ b (InputLayer)      │ (None, 3)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ concatenate         │ (None, 6)         │          0 │ a[0][0], b[0][0]  │
│ (Concatenate)       │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ a_very_long_dense_… │ (None, 4)         │         28 │ concatenate[0][0] │
│ (Dense)             │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ batch_normalization │ (None, 4)         │         16 │ a_very_long_dens… │
│ (BatchNormalizatio… │                   │            │                   │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 44 (176.00 B)
 Trainable params: 36 (144.00 B)
 Non-trainable params: 8 (32.00 B)
"""

KERAS3_NESTED_UNBUILT = """\
Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ inner (Sequential)                   │ (None, 2)                   │              26 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│    └ dense_2 (Dense)                 │ (None, 4)                   │              16 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_5 (Dense)                      │ ?                           │     0 (unbuilt) │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 29 (116.00 B)
 Trainable params: 29 (116.00 B)
 Non-trainable params: 0 (0.00 B)
 Optimizer params: 34 (136.00 B)
"""


def _one(text: str):
    summaries = api.parse_text(text)
    assert len(summaries) == 1
    return summaries[0]


def test_keras1_connected_to_continuations_and_cut_names() -> None:
    s = _one(KERAS1_2)
    assert s.dialect == "keras1"
    assert [layer.name for layer in s.layers] == [
        "a",
        "b",
        "merge_1",
        "a_very_long_dense_layer_name_that",
        "frozen",
    ]
    merge = s.layers[2]
    assert merge.connected_to == ("a[0][0]", "b[0][0]")
    cut = s.layers[3]
    assert "name" in cut.truncated and cut.params == 28 and cut.line == 11
    assert s.totals.to_dict() == {
        "total": 38,
        "trainable": 28,
        "non_trainable": 10,
        "optimizer": None,
    }


def test_tf212_wrapped_cells_are_joined() -> None:
    s = _one(TF212_WRAPPED)
    assert s.dialect == "keras2-wrapped" and s.model_name == "two_in"
    names = [layer.name for layer in s.layers]
    assert names[3] == "a_very_long_dense_layer_name_that_overflows"
    bn = s.layers[4]
    assert bn.type == "BatchNormalization" and bn.params == 16
    assert bn.connected_to == ("a_very_long_dense_layer_name_that_overflows[0][0]",)
    assert s.layers[2].connected_to == ("a[0][0]", "b[0][0]")
    assert s.layers[0].output_shape == "[(None, 3)]"


def test_tf215_eight_digit_count_wraps_and_sizes_read() -> None:
    s = _one(TF215_BIG)
    assert s.layers[3].params == 20010000
    assert s.totals.total is not None and s.totals.total.size == "76.33 MB"
    assert s.totals.non_trainable is not None and s.totals.non_trainable.size == "0.00 Byte"


def test_expand_nested_frames_give_depth() -> None:
    s = _one(TF215_NESTED)
    assert [(layer.name, layer.depth) for layer in s.layers] == [
        ("inner", 0),
        ("dense_2", 1),
        ("dense_3", 1),
        ("dense_4", 0),
    ]
    assert [layer.line for layer in s.layers] == [5, 7, 9, 11]


def test_keras3_box_wrapping_and_ellipsis() -> None:
    s = _one(KERAS3_NARROW)
    assert s.dialect == "keras3"
    assert s.layers[2].name == "concatenate" and s.layers[2].type == "Concatenate"
    assert s.layers[2].connected_to == ("a[0][0]", "b[0][0]")
    assert s.layers[3].name == "a_very_long_dense_…" and "name" in s.layers[3].truncated
    assert s.layers[4].type == "BatchNormalization" and "type" in s.layers[4].truncated
    assert s.layers[0].connected_to == ()


def test_keras3_nested_rows_unbuilt_and_optimizer() -> None:
    s = _one(KERAS3_NESTED_UNBUILT)
    assert [layer.depth for layer in s.layers] == [0, 1, 0]
    assert s.layers[1].name == "dense_2"
    assert s.layers[2].params == 0 and s.layers[2].params_note == "unbuilt"
    assert s.layers[2].output_shape == "?"
    assert s.totals.optimizer is not None and s.totals.optimizer.value == 34


def test_damage_prefixes_and_collapsed_spaces() -> None:
    quoted = "\n".join("> " + line for line in KERAS1_2.splitlines())
    s = _one(quoted)
    assert len(s.layers) == 5 and s.layers[4].params == 10
    collapsed = "\n".join(" ".join(line.split()) for line in KERAS1_2.splitlines())
    s = _one(collapsed)
    assert [layer.params for layer in s.layers] == [0, 0, 0, 28, 10]


def test_joined_lines_are_split() -> None:
    joined = " ".join(
        line.strip() for line in TF215_NESTED.splitlines()[:1] + KERAS1_2.splitlines()
    )
    s = _one(joined)
    assert [layer.params for layer in s.layers] == [0, 0, 0, 28, 10]
    assert s.totals.total is not None and s.totals.total.value == 38


def test_notebook_outputs_split_across_parts_keep_file_lines() -> None:
    import json

    lines = TF215_NESTED.splitlines(keepends=True)
    cell = {
        "cell_type": "code",
        "source": ["model.summary()"],
        "outputs": [
            {"output_type": "stream", "name": "stdout", "text": lines[:8]},
            {"output_type": "stream", "name": "stdout", "text": lines[8:]},
        ],
    }
    text = json.dumps({"cells": [cell], "nbformat": 4}, indent=1)
    s = _one(text)
    assert [layer.name for layer in s.layers] == ["inner", "dense_2", "dense_3", "dense_4"]
    file_lines = text.splitlines()
    assert "dense_2 (Dense)" in file_lines[s.layers[1].line - 1]


def test_html_pre_and_ansi_are_undone() -> None:
    html = "<pre>" + KERAS1_2.replace("(None, 3)", "(<span>None</span>, 3)") + "</pre>"
    assert _one(html).layers[0].output_shape == "(None, 3)"
    ansi = KERAS3_NARROW.replace("44", "\x1b[38;5;34m44\x1b[0m")
    assert _one(ansi).totals.total.value == 44  # type: ignore[union-attr]


def test_every_summary_in_a_document_has_its_own_start_line() -> None:
    text = "intro\n\n" + KERAS1_2 + "\nsome prose between\n\n" + KERAS3_NARROW
    found = api.parse_text(text)
    assert [s.dialect for s in found] == ["keras1", "keras3"]
    assert found[0].start_line == 3
    assert found[1].start_line == 3 + KERAS1_2.count("\n") + 3


def test_the_lexer_gives_one_token_per_line_typed_by_its_kind() -> None:
    block = next(blocks.find_blocks(sources.text_lines(TF212_WRAPPED)))
    tokens = list(grammar_build.LineLexer(None).lex(block.lines))
    assert [t.type for t in tokens[:6]] == ["MODEL", "RULE", "HEADER", "RULE_EQ", "ROW", "SPACER"]
    assert all(t.value is item for t, item in zip(tokens, block.lines))
    assert [t.type for t in tokens[-4:]] == ["TOTAL", "TRAINABLE", "NON_TRAINABLE", "RULE"]
    assert grammar_build.parser_for(Layout.FIXED) is grammar_build.parser_for(Layout.COLLAPSED)


def test_grammar_rejects_an_orphan_continuation_line() -> None:
    lines = TF212_WRAPPED.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("=")) + 1
    orphan = " " * 66 + "'b[0][0]']"
    text = "\n".join([*lines[:at], orphan, *lines[at:]])
    block = next(blocks.find_blocks(sources.text_lines(text)))
    assert [block.lines[i].text for i in block.rejected] == [orphan]
    parsed = grammar.parse_block(block)
    assert parsed is not None and parsed.rejected == block.rejected
    s = _one(text)
    assert len(s.layers) == 5 and s.totals.total is not None
    assert s.unreadable == ((at + 1, orphan.strip()),)


def test_the_grammar_decides_where_a_summary_ends() -> None:
    # A tf.keras table whose totals were not pasted, then a blank line and a training log.
    lines = TF212_WRAPPED.splitlines()
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("Total"))]
    text = "\n".join([*table, "", "Epoch 1/10", "1875/1875 [====] - 3s 1ms/step - loss: 0.29"])
    (s,) = api.parse_text(text)
    assert s.end_line == len(table) and len(s.layers) == 5 and not s.unreadable
    # The same table, with its totals after a blank line and a heading: they belong to it.
    text = "\n".join([*table, "", "#### Totals", "", *lines[len(table) :]])
    (s,) = api.parse_text(text)
    assert s.totals.total is not None and s.totals.total.value == 44


def test_every_layout_grammar_is_conflict_free_and_small() -> None:
    for layout in Layout:
        parser = grammar_build.parser_for(layout)
        assert parser.options.parser == "lalr" and parser.options.strict
        # bounded repetitions (`x ~ 1..12`) of a group multiply out: keep start-up fast
        assert len(parser.rules) < 400, (layout, len(parser.rules))


def test_shapes() -> None:
    assert read_shapes("(None, 3)") == ((None, 3),)
    assert read_shapes("[(None, 1), (None, 2)]") == ((None, 1), (None, 2))
    assert read_shapes("(None)") == ((None,),)
    assert read_shapes("(None, 1, 8, 1200, 1") is None
    assert read_shapes("multiple") is None
    assert normalise_shape_text("(None, 1, 8,  1200, 1000)") == "(None, 1, 8, 1200, 1000)"
