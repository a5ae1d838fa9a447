"""Tests for reading [tool.summaryaudit] from pyproject.toml and merging it with flags."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summaryaudit.config import (
    KEYS,
    Config,
    ConfigError,
    FailOn,
    Key,
    find_config,
    load_config,
    may_configure,
    read_table,
    resolve,
)

from .test_cli import run
from .test_parsing import KERAS1_2


def _lists(config: Config) -> dict[str, list[str]]:
    return {key.value: config.get(key) for key in Key if key.value in KEYS[:6]}


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
    assert _lists(load_config(tmp_path)) == {
        "select": ["SA1", "SA201"],
        "ignore": ["SA901", "SA003"],
        "extend-select": [],
        "extend-ignore": [],
        "include": ["*.md", "notes/*.txt"],
        "exclude": [],
    }


def test_missing_keys_and_missing_file_give_empty_lists(tmp_path: Path) -> None:
    _write(tmp_path, '[tool.summaryaudit]\nselect = "SA102"\n')
    loaded = load_config(tmp_path)
    assert loaded.get(Key.SELECT) == ["SA102"] and loaded.get(Key.IGNORE) == []
    assert loaded.force_exclude is False and loaded.fail_on is None
    lonely = tmp_path / "elsewhere"
    lonely.mkdir()
    # walking up from `elsewhere` finds the file above it
    assert load_config(lonely).get(Key.SELECT) == ["SA102"]


def test_nearest_configuring_file_wins(tmp_path: Path) -> None:
    _write(tmp_path, '[tool.summaryaudit]\nignore = ["SA9"]\n')
    _write(tmp_path / "pkg", '[tool.summaryaudit]\nignore = ["SA2"]\n')
    _write(tmp_path / "pkg" / "sub", '[project]\nname = "no config here"\n')
    deep = tmp_path / "pkg" / "sub" / "docs"
    deep.mkdir()
    assert find_config(deep) == (tmp_path / "pkg" / "pyproject.toml").resolve()
    assert load_config(deep).get(Key.IGNORE) == ["SA2"]
    assert load_config(tmp_path).get(Key.IGNORE) == ["SA9"]
    # a file as start means its folder
    doc = deep / "answer.md"
    doc.write_text("x", encoding="utf-8")
    assert load_config(doc).get(Key.IGNORE) == ["SA2"]


def test_no_config_anywhere(tmp_path: Path) -> None:
    start = tmp_path / "a" / "b"
    start.mkdir(parents=True)
    found = find_config(start)
    # a pyproject.toml above tmp_path (outside the test's control) must not configure us
    assert found is None or tmp_path.resolve() not in found.parents
    if found is None:
        assert load_config(start) == Config()


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("[tool.summaryaudit]\nselect = 3\n", "select", "got a number"),
        ('[tool.summaryaudit]\nignore = ["SA1", 2]\n', "ignore", "a list holding a number"),
        ("[tool.summaryaudit]\ninclude = true\n", "include", "got a boolean"),
        ('[tool.summaryaudit]\nselect = ["SA7"]\n', "select", "unknown code or prefix: SA7"),
        ('[tool.summaryaudit]\nexlude = ["x"]\n', "exlude", "unknown key"),
        ('[tool.summaryaudit]\nextend-ignore = ["SA77"]\n', "extend-ignore", "unknown code"),
        ('[tool.summaryaudit]\nforce-exclude = "yes"\n', "force-exclude", "true or false"),
        ('[tool.summaryaudit]\nfail-on = "info"\n', "fail-on", "warning, error"),
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
    _write(tmp_path, '[tool]\nsummaryaudit = "SA1"\n')
    with pytest.raises(ConfigError, match=r"tool\.summaryaudit: expected a table"):
        load_config(tmp_path)


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.summaryaudit]\nselect = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_table(path)


# --------------------------------------------------------------------------- resolve


def test_flags_replace_or_extend_the_configuration() -> None:
    config = Config(
        {
            Key.SELECT: ("SA1",),
            Key.IGNORE: ("SA901",),
            Key.EXTEND_IGNORE: ("SA003",),
            Key.INCLUDE: ("*.md",),
            Key.EXCLUDE: ("build/*",),
        }
    )
    plain = resolve(config)
    assert (plain.select, plain.ignore, plain.include, plain.exclude) == (
        ["SA1"],
        ["SA901", "SA003"],
        ["*.md"],
        ["build/*"],
    )
    assert plain.fail_on is FailOn.WARNING and plain.force_exclude is False
    replaced = resolve(config, select=["SA102,SA2"], exclude=["vendor/*"], ignore=[])
    assert replaced.select == ["SA102", "SA2"] and replaced.exclude == ["vendor/*"]
    assert replaced.ignore == ["SA901", "SA003"]  # an empty flag leaves the file's list
    extended = resolve(config, extend_select=["SA2"], extend_ignore=["SA102"])
    assert extended.select == ["SA1", "SA2"] and extended.ignore == ["SA901", "SA003", "SA102"]
    # extending an empty selection (everything) keeps everything
    assert resolve(Config(), extend_select=["SA102"]).select == ["SA", "SA102"]
    assert resolve(Config(), fail_on=FailOn.ERROR, force_exclude=True).fail_on is FailOn.ERROR


def test_extend_ignore_adds_to_the_config_where_ignore_replaces_it(tmp_path: Path) -> None:
    body = KERAS1_2.replace("Total params: 38", "Total params: 39")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    _write(tmp_path, '[tool.summaryaudit]\nignore = ["SA201"]\n')
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)

        def codes(argv: list[str]) -> set[str]:  # the totals checks this edit touches
            found = {f["code"] for f in json.loads(run(argv)[1])["findings"]}
            return {c for c in found if c in ("SA201", "SA202")}  # SA203: the frozen row (info)

        base = ["check", "--output-format", "json", "a.txt"]
        assert "SA201" not in codes(base) and "SA202" in codes(base)
        assert codes([*base, "--extend-ignore", "SA202"]) == set()
        assert "SA201" in codes([*base, "--ignore", "SA202"])  # replaced: SA201 is back
        assert codes([*base, "--select", "SA2"]) == {"SA202"}  # the file's ignore still holds
        # an exact code in extend-select outweighs the same code in ignore (as in ruff)
        assert codes([*base, "--extend-select", "SA201"]) == {"SA201", "SA202"}
    finally:
        os.chdir(cwd)


def test_config_flag_reads_the_named_file(tmp_path: Path) -> None:
    body = KERAS1_2.replace("Total params: 38", "Total params: 39")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    own = tmp_path / "summaryaudit.toml"
    own.write_text('ignore = ["SA2", "SA9"]\nfail-on = "error"\n', encoding="utf-8")
    code, out, err = run(["check", "--config", str(own), "-q", str(tmp_path / "a.txt")])
    assert (code, out, err) == (0, "", "")
    project = _write(tmp_path / "p", '[tool.summaryaudit]\nselect = ["SA202"]\n')
    code, out, _ = run(["check", "--config", str(project), "-q", str(tmp_path / "a.txt")])
    assert code == 1 and [line.split()[1] for line in out.splitlines()] == ["SA202"]
    empty = _write(tmp_path / "q", '[project]\nname = "x"\n')
    code, _, err = run(["check", "--config", str(empty), str(tmp_path / "a.txt")])
    assert code == 2 and err == f"summaryaudit: {empty}: has no [tool.summaryaudit] table\n"
    code, _, err = run(["check", "--config", str(tmp_path / "missing.toml")])
    assert code == 2 and err.count("\n") == 1 and "missing.toml: cannot read" in err


def test_deeply_nested_toml_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("select = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    code, out, err = run(["check", "--config", str(path)], KERAS1_2.encode())
    assert code == 2 and out == ""
    assert err.startswith(f"summaryaudit: {path}: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_fail_on_error_lets_warnings_pass() -> None:
    body = KERAS1_2.replace("Total params: 38", "Total params: 39")  # SA201/SA202 are errors
    assert run(["check", "-q"], KERAS1_2.encode())[0] == 0
    assert run(["check", "-q", "--fail-on", "error"], body.encode())[0] == 1
    assert run(["check", "-q"], b"no summary here\n")[0] == 1  # SA002 is a warning
    assert run(["check", "-q", "--fail-on", "error"], b"no summary here\n")[0] == 0
    assert run(["check", "--fail-on", "info"])[0] == 2


def test_stdin_filename_names_stdin_in_findings() -> None:
    code, out, _ = run(["check", "-q", "--stdin-filename", "docs/answer.md"], b"nothing\n")
    assert code == 1 and out.startswith("docs/answer.md: SA002 no-summary [warning]")


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    (build / "copy.md").write_text("nothing\n", encoding="utf-8")
    named = str(build / "copy.md")
    assert run(["check", "-q", "--exclude", "build/*", named])[0] == 1  # named: read anyway
    assert run(["check", "-q", "--exclude", "build/*", "--force-exclude", named]) == (0, "", "")
    assert run(["check", "-q", "--exclude", "copy.md", "--force-exclude", named])[0] == 0
    assert run(["check", "-q", "--exclude", "other/*", "--force-exclude", named])[0] == 1


# --------------------------------------------------------------------------- pre-commit hook


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    from summaryaudit.cli import build_parser

    hooks_file = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
    hooks = yaml.safe_load(hooks_file.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["summaryaudit"]
    hook = hooks[0]
    assert hook["entry"] == (
        "summaryaudit check --allow-no-summary --output-format concise --force-exclude"
    )
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert {"markdown", "jupyter"} <= set(hook["types_or"]) and hook["description"]
    args = build_parser().parse_args([*hook["entry"].split()[1:], "README.md", "nb.ipynb"])
    assert args.command == "check" and args.paths == ["README.md", "nb.ipynb"]
    assert args.allow_no_summary  # files without a summary must not fail the hook
    assert args.format == "concise" and args.force_exclude


MAY_CONFIGURE = [
    ('[tool.summaryaudit]\nignore = ["SA1"]\n', True),
    ('[tool]\nsummaryaudit = { ignore = ["SA1"] }\n', True),
    ('tool.summaryaudit.ignore = ["SA1"]\n', True),
    ('[ tool . "summaryaudit" ]\nignore = ["SA1"]\n', True),
    ("[tool] # tools\n'summaryaudit'.ignore = [\"SA1\"]\n", True),
    ('tool = { summaryaudit = { ignore = ["SA1"] } }\n', True),
    ('[tool.summaryaudit.per-file-ignores]\n"a.md" = ["SA1"]\n', True),
    ('[project]\nname = "summaryaudit"\n[project.scripts]\nsummaryaudit = "x:main"\n', False),
    ('[tool.ruff]\nextend-exclude = ["summaryaudit/generated.py"]\n', False),
    ("[tool.black]\nline-length = 100\n", False),
]


@pytest.mark.parametrize("text, expected", MAY_CONFIGURE)
def test_a_pyproject_is_parsed_only_when_it_may_configure_summaryaudit(
    tmp_path: Path, text: str, expected: bool
) -> None:
    """The pre-check never hides a table tomllib would find; a file without one stays unparsed."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert may_configure(str(path)) is expected
    has_table = read_table(path) is not None
    assert not has_table or expected  # never a table the pre-check missed
    assert (find_config(tmp_path) is not None) is has_table


def test_a_broken_pyproject_that_does_not_mention_summaryaudit_is_not_ours_to_judge(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black\nline-length = 100\n", "utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.summaryaudit\nignore = 1\n", "utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config(tmp_path)
