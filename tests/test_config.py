"""Tests for reading [tool.summaryaudit] from pyproject.toml and merging it with flags."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summaryaudit.config import (
    KEYS,
    ConfigError,
    empty_config,
    find_config,
    load_config,
    merge,
    parse_table_fallback,
    read_table,
)

FULL = """\
[project]
name = "demo"
select = "not ours"

[tool.summaryaudit]
select = ["SA1", "SA201"]
ignore = "SA901, SA003"   # a comment
include = [
    "*.md",  # Markdown
    'notes/*.txt',
]
exclude = []

[tool.other]
select = ["SA999"]
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_config_reads_every_key(tmp_path: Path) -> None:
    _write(tmp_path, FULL)
    assert load_config(tmp_path) == {
        "select": ["SA1", "SA201"],
        "ignore": ["SA901", "SA003"],
        "include": ["*.md", "notes/*.txt"],
        "exclude": [],
    }


def test_missing_keys_and_missing_file_give_empty_lists(tmp_path: Path) -> None:
    _write(tmp_path, '[tool.summaryaudit]\nselect = "SA102"\n')
    assert load_config(tmp_path) == {**empty_config(), "select": ["SA102"]}
    assert list(empty_config()) == list(KEYS) == ["select", "ignore", "include", "exclude"]
    lonely = tmp_path / "elsewhere"
    lonely.mkdir()
    # walking up from `elsewhere` finds the file above it
    assert load_config(lonely)["select"] == ["SA102"]


def test_nearest_configuring_file_wins(tmp_path: Path) -> None:
    _write(tmp_path, '[tool.summaryaudit]\nignore = ["SA9"]\n')
    _write(tmp_path / "pkg", '[tool.summaryaudit]\nignore = ["SA2"]\n')
    _write(tmp_path / "pkg" / "sub", '[project]\nname = "no config here"\n')
    deep = tmp_path / "pkg" / "sub" / "docs"
    deep.mkdir()
    assert find_config(deep) == (tmp_path / "pkg" / "pyproject.toml").resolve()
    assert load_config(deep)["ignore"] == ["SA2"]
    assert load_config(tmp_path)["ignore"] == ["SA9"]
    # a file as start means its folder
    doc = deep / "answer.md"
    doc.write_text("x", encoding="utf-8")
    assert load_config(doc)["ignore"] == ["SA2"]


def test_no_config_anywhere(tmp_path: Path) -> None:
    start = tmp_path / "a" / "b"
    start.mkdir(parents=True)
    found = find_config(start)
    # a pyproject.toml above tmp_path (outside the test's control) must not configure us
    assert found is None or tmp_path.resolve() not in found.parents
    if found is None:
        assert load_config(start) == empty_config()


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("[tool.summaryaudit]\nselect = 3\n", "select", "got a number"),
        ('[tool.summaryaudit]\nignore = ["SA1", 2]\n', "ignore", "a list holding a number"),
        ("[tool.summaryaudit]\ninclude = true\n", "include", "got a boolean"),
        ('[tool.summaryaudit]\nselect = ["SA7"]\n', "select", "unknown code or prefix: SA7"),
        ('[tool.summaryaudit]\nexlude = ["x"]\n', "exlude", "unknown key"),
    ],
)
def test_wrong_types_name_file_and_key(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message and f" {key}:" in message and fragment in message


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, '[tool.summaryaudit]\nselect = ["SA1"\nignore = \n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_table_of_wrong_type(tmp_path: Path) -> None:
    if sys.version_info < (3, 11):
        pytest.skip("dotted `tool.summaryaudit = …` needs tomllib")
    _write(tmp_path, '[tool]\nsummaryaudit = "SA1"\n')
    with pytest.raises(ConfigError, match=r"tool\.summaryaudit: expected a table"):
        load_config(tmp_path)


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.summaryaudit]\nselect = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_table(path)


# --------------------------------------------------------------------------- merge


def test_flags_override_config_values_when_given() -> None:
    config = {"select": ["SA1"], "ignore": ["SA901"], "include": ["*.md"], "exclude": ["build/*"]}
    assert merge(config) == config
    assert merge(config) is not config
    merged = merge(config, cli_select=["SA102,SA2"], cli_exclude=["vendor/*"], cli_ignore=[])
    assert merged == {
        "select": ["SA102", "SA2"],
        "ignore": ["SA901"],
        "include": ["*.md"],
        "exclude": ["vendor/*"],
    }
    assert merge(empty_config(), cli_include=["*.ipynb"])["include"] == ["*.ipynb"]
    assert merge({}, cli_ignore=[" "])["ignore"] == []


# --------------------------------------------------------------------------- fallback parser


@pytest.mark.parametrize(
    "text",
    [
        FULL,
        '[tool.summaryaudit]\nselect = "SA1"\n',
        "[ tool . summaryaudit ]\nignore=['SA9']  # c\n",
        '[tool."summaryaudit"]\nselect = ["a\\"b", "\\u00e9"]\n',
        "[tool.summaryaudit]\nselect = [\n  # only a comment\n]\n",
        '[tool.summaryaudit]\nselect = ["x",] # trailing comma\n[[tool.other]]\nselect = 1\n',
        '[project]\nname = "x"\n',
        "",
    ],
)
def test_fallback_agrees_with_tomllib(text: str) -> None:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib needed as the reference")
    import tomllib

    expected = tomllib.loads(text).get("tool", {}).get("summaryaudit")
    assert parse_table_fallback(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[tool.summaryaudit]\nselect = 3\n", "select: expected a list of strings"),
        ('[tool.summaryaudit]\nselect = ["a" "b"]\n', "expected ',' or ']'"),
        ('[tool.summaryaudit]\nselect = ["a",\n', "select: unterminated value"),
        ('[tool.summaryaudit]\nselect = "a\nb"\n', "unterminated string"),
        ('[tool.summaryaudit]\nselect = "a" x\n', "unexpected text after the value"),
        ('[tool.summaryaudit]\nselect = "a"\nselect = "b"\n', "select: defined twice"),
        ("[tool.summaryaudit]\nx.y = 1\n", "line 2: cannot read"),
        ("[tool.summaryaudit]\n[tool.summaryaudit]\n", "defined twice"),
        ('[tool.summaryaudit]\nselect = """a"""\n', "multi-line strings"),
    ],
)
def test_fallback_rejects_what_it_cannot_read(text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_table_fallback(text, "p/pyproject.toml")
    assert str(info.value).startswith("p/pyproject.toml: ")
    assert fragment in str(info.value)


def test_fallback_is_used_before_python_311(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summaryaudit.config as config

    _write(tmp_path, FULL)
    expected = load_config(tmp_path)
    monkeypatch.setattr(config, "HAVE_TOMLLIB", False)
    monkeypatch.setattr(config, "_table_tomllib", None)  # calling it would fail
    assert config.load_config(tmp_path) == expected


# --------------------------------------------------------------------------- pre-commit hook


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    from summaryaudit.cli import build_parser

    hooks_file = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
    hooks = yaml.safe_load(hooks_file.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["summaryaudit"]
    hook = hooks[0]
    assert hook["entry"] == "summaryaudit check --allow-no-summary"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert {"markdown", "jupyter"} <= set(hook["types_or"]) and hook["description"]
    args = build_parser().parse_args([*hook["entry"].split()[1:], "README.md", "nb.ipynb"])
    assert args.command == "check" and args.paths == ["README.md", "nb.ipynb"]
    assert args.allow_no_summary  # files without a summary must not fail the hook
