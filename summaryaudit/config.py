"""Read `[tool.summaryaudit]` (select, ignore, include, exclude) from the nearest pyproject.toml."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .rules import validate_prefixes

KEYS = ("select", "ignore", "include", "exclude")
TABLE = "[tool.summaryaudit]"
PYPROJECT = "pyproject.toml"
HAVE_TOMLLIB = sys.version_info >= (3, 11)

_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*(?:summaryaudit|\"summaryaudit\"|'summaryaudit')\s*\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"\\]*\"|'[^']*')\s*=\s*")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class ConfigError(Exception):
    """A pyproject.toml that cannot be read, or a `[tool.summaryaudit]` value of the wrong type."""


def empty_config() -> dict[str, list[str]]:
    """Return the configuration used when no file configures summaryaudit."""
    return {key: [] for key in KEYS}


# --------------------------------------------------------------------------- finding the file


def find_config(start: Path) -> Path | None:
    """Return the nearest pyproject.toml at or above `start` holding a [tool.summaryaudit] table."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file() and read_table(candidate) is not None:
            return candidate
    return None


def load_config(start: Path) -> dict[str, list[str]]:
    """Return select/ignore/include/exclude from the nearest configuring pyproject.toml.

    Every key is present; a key the file does not set is an empty list. Raises ConfigError
    (one line, naming the file and key) for unreadable TOML or values of the wrong type.
    """
    path = find_config(start)
    return empty_config() if path is None else load_file(path)


def load_file(path: Path) -> dict[str, list[str]]:
    """Return the normalised [tool.summaryaudit] table of one pyproject.toml."""
    table = read_table(path)
    return empty_config() if table is None else normalise(table, str(path))


def read_table(path: Path) -> dict[str, Any] | None:
    """Return the raw [tool.summaryaudit] table of a pyproject.toml, or None when it has none."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8") from None
    if HAVE_TOMLLIB:
        return _table_tomllib(text, path)
    return parse_table_fallback(text, path)


def _table_tomllib(text: str, path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "summaryaudit" not in tool:
        return None
    table = tool["summaryaudit"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.summaryaudit: expected a table, got {_kind(table)}")
    return table


# --------------------------------------------------------------------------- values


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def split_values(values: Iterable[str]) -> list[str]:
    """Split comma-separated entries, strip them and drop empty ones, keeping the order."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def normalise(table: Mapping[str, Any], where: str) -> dict[str, list[str]]:
    """Check a raw [tool.summaryaudit] table and return every key as a list of strings."""
    config = empty_config()
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(
                f"{where}: {TABLE} {key}: unknown key (expected one of {', '.join(KEYS)})"
            )
        if isinstance(value, str):
            items = [value]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            items = value
        else:
            shown = _kind(value)
            if isinstance(value, list):
                shown = "a list holding " + _kind(next(v for v in value if not isinstance(v, str)))
            raise ConfigError(
                f"{where}: {TABLE} {key}: expected a list of strings or a comma-separated "
                f"string, got {shown}"
            )
        config[key] = split_values(items)
        if key in ("select", "ignore"):
            unknown = validate_prefixes(config[key])
            if unknown:
                raise ConfigError(
                    f"{where}: {TABLE} {key}: unknown code or prefix: {', '.join(unknown)}"
                )
    return config


def merge(
    config: Mapping[str, list[str]],
    cli_select: Iterable[str] | None = None,
    cli_ignore: Iterable[str] | None = None,
    cli_include: Iterable[str] | None = None,
    cli_exclude: Iterable[str] | None = None,
) -> dict[str, list[str]]:
    """Return the effective settings: each flag given on the command line replaces its key.

    A flag counts as given when it holds at least one non-empty value; otherwise the config
    value (or an empty list) stays. Flag values may be comma-separated.
    """
    merged = {key: list(config.get(key, [])) for key in KEYS}
    for key, flag in zip(KEYS, (cli_select, cli_ignore, cli_include, cli_exclude)):
        values = split_values(flag) if flag is not None else []
        if values:
            merged[key] = values
    return merged


# --------------------------------------------------------------------------- Python < 3.11


def parse_table_fallback(text: str, path: Any = PYPROJECT) -> dict[str, Any] | None:
    """Read just the [tool.summaryaudit] table without tomllib (Python 3.9 and 3.10).

    Understands `key = "a,b"`, `key = 'a'` and `key = ["a", "b"]` (arrays may span lines and
    hold comments); any other value in the table is a ConfigError. Other tables are skipped.
    """
    lines = text.splitlines()
    table: dict[str, Any] | None = None
    inside = False
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if _ANY_HEADER.match(line):
            inside = bool(_HEADER.match(line)) and not line.lstrip().startswith("[[")
            if inside:
                if table is not None:
                    raise ConfigError(f"{path}: invalid TOML: {TABLE} is defined twice")
                table = {}
            continue
        if not inside or not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY.match(line)
        if match is None:
            raise ConfigError(f"{path}: line {i}: cannot read {line.strip()!r} in {TABLE}")
        key = match.group(1).strip("\"'")
        rest = line[match.end() :]
        start_line = i
        while True:
            try:
                value, tail = _value(rest)
            except _Incomplete:
                if i >= len(lines):
                    raise ConfigError(
                        f"{path}: line {start_line}: {TABLE} {key}: unterminated value"
                    ) from None
                rest += "\n" + lines[i]
                i += 1
                continue
            except ValueError as exc:
                raise ConfigError(f"{path}: line {start_line}: {TABLE} {key}: {exc}") from None
            break
        if _strip_comment(tail):
            raise ConfigError(
                f"{path}: line {start_line}: {TABLE} {key}: unexpected text after the value"
            )
        assert table is not None  # inside is only set after the table's header
        if key in table:
            raise ConfigError(f"{path}: line {start_line}: {TABLE} {key}: defined twice")
        table[key] = value
    return table


class _Incomplete(Exception):
    """The value continues on the next line."""


def _strip_comment(text: str) -> str:
    text = text.strip()
    return "" if text.startswith("#") else text


def _value(text: str) -> tuple[Any, str]:
    """Parse one string or array of strings at the start of text; return it and the rest."""
    text = text.lstrip()
    if not text:
        raise ValueError("missing value")
    if text[0] in "\"'":
        return _string(text)
    if text[0] != "[":
        word = re.split(r"[\s#,\]]", text, maxsplit=1)[0]
        raise ValueError(
            f"expected a list of strings or a comma-separated string, got {word or text[:10]!r}"
        )
    items: list[str] = []
    rest = text[1:]
    while True:
        rest = rest.lstrip(" \t\r\n")
        if rest.startswith("#"):
            newline = rest.find("\n")
            if newline < 0:
                raise _Incomplete
            rest = rest[newline + 1 :]
            continue
        if not rest:
            raise _Incomplete
        if rest[0] == "]":
            return items, rest[1:]
        if rest[0] not in "\"'":
            word = re.split(r"[\s#,\]]", rest, maxsplit=1)[0]
            raise ValueError(f"expected a list of strings, got an item {word!r}")
        item, rest = _string(rest)
        items.append(item)
        rest = rest.lstrip(" \t\r\n")
        while rest.startswith("#"):
            newline = rest.find("\n")
            if newline < 0:
                raise _Incomplete
            rest = rest[newline + 1 :].lstrip(" \t\r\n")
        if not rest:
            raise _Incomplete
        if rest[0] == ",":
            rest = rest[1:]
        elif rest[0] != "]":
            raise ValueError("expected ',' or ']' in the list")


def _string(text: str) -> tuple[str, str]:
    """Parse a one-line basic ("…") or literal ('…') TOML string at the start of text."""
    quote = text[0]
    if text.startswith(quote * 3):
        raise ValueError("multi-line strings are not supported here")
    out: list[str] = []
    i = 1
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            break
        if ch == quote:
            return "".join(out), text[i + 1 :]
        if ch == "\\" and quote == '"':
            nxt = text[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt in ("u", "U"):
                size = 4 if nxt == "u" else 8
                digits = text[i + 2 : i + 2 + size]
                if len(digits) == size and all(c in "0123456789abcdefABCDEF" for c in digits):
                    out.append(chr(int(digits, 16)))
                    i += 2 + size
                    continue
            raise ValueError(f"invalid escape \\{nxt} in a string")
        out.append(ch)
        i += 1
    raise ValueError("unterminated string")
