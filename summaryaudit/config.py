"""Read `[tool.summaryaudit]` from pyproject.toml (or a file given by --config) with tomllib."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional, Union

from .records import FrozenRecord
from .rules import validate_prefixes

if TYPE_CHECKING:
    from pathlib import Path

# pathlib and tomllib are imported where a file is read: a run without configuration needs neither.


class Key(str, Enum):
    """The keys a configuration table may set, spelled as in TOML."""

    SELECT = "select"
    IGNORE = "ignore"
    EXTEND_SELECT = "extend-select"
    EXTEND_IGNORE = "extend-ignore"
    INCLUDE = "include"
    EXCLUDE = "exclude"
    FORCE_EXCLUDE = "force-exclude"
    FAIL_ON = "fail-on"


class FailOn(str, Enum):
    """The lowest severity that makes a run fail (exit 1)."""

    WARNING = "warning"
    ERROR = "error"


LIST_KEYS = (
    Key.SELECT,
    Key.IGNORE,
    Key.EXTEND_SELECT,
    Key.EXTEND_IGNORE,
    Key.INCLUDE,
    Key.EXCLUDE,
)
CODE_KEYS = (Key.SELECT, Key.IGNORE, Key.EXTEND_SELECT, Key.EXTEND_IGNORE)
KEYS = tuple(k.value for k in Key)
TABLE = "[tool.summaryaudit]"
PYPROJECT = "pyproject.toml"
ALL_CODES = "SA"  # the prefix every code starts with


class ConfigError(Exception):
    """A configuration file that cannot be read, or a value of the wrong type (one line)."""


class Config(FrozenRecord):
    """What one configuration file sets; a list key it does not set is empty."""

    lists: Mapping[Key, tuple[str, ...]]
    force_exclude: bool
    fail_on: FailOn | None
    path: Path | None

    def __init__(
        self,
        lists: Optional[Mapping[Key, tuple[str, ...]]] = None,
        force_exclude: bool = False,
        fail_on: FailOn | None = None,
        path: Path | None = None,
    ) -> None:
        d = self.__dict__
        d["lists"] = {} if lists is None else lists
        d["force_exclude"] = force_exclude
        d["fail_on"] = fail_on
        d["path"] = path

    def get(self, key: Key) -> list[str]:
        """Return a list key's values ([] when the file does not set it)."""
        return list(self.lists.get(key, ()))


class Settings(FrozenRecord):
    """The effective settings of one run: the configuration with the flags applied."""

    select: list[str]
    ignore: list[str]
    include: list[str]
    exclude: list[str]
    force_exclude: bool
    fail_on: FailOn

    def __init__(
        self,
        select: list[str],
        ignore: list[str],
        include: list[str],
        exclude: list[str],
        force_exclude: bool = False,
        fail_on: FailOn = FailOn.WARNING,
    ) -> None:
        d = self.__dict__
        d["select"] = select
        d["ignore"] = ignore
        d["include"] = include
        d["exclude"] = exclude
        d["force_exclude"] = force_exclude
        d["fail_on"] = fail_on


# --------------------------------------------------------------------------- finding the file


def find_config(start: Union[str, Path]) -> Path | None:
    """Return the nearest pyproject.toml at or above `start` holding a [tool.summaryaudit] table."""
    folder = os.path.realpath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        candidate = os.path.join(folder, PYPROJECT)
        if (
            os.path.isfile(candidate)
            and may_configure(candidate)
            and read_table(candidate) is not None
        ):
            from pathlib import Path

            return Path(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_config(start: Union[str, Path]) -> Config:
    """Return the configuration of the nearest configuring pyproject.toml (empty when none)."""
    path = find_config(start)
    return Config() if path is None else load_file(path)


def load_file(path: Path) -> Config:
    """Return the configuration in one file.

    A pyproject.toml configures summaryaudit in its [tool.summaryaudit] table; any other file
    (such as `summaryaudit.toml`) holds the keys at its top level.
    """
    from pathlib import Path

    table = read_table(path)
    if table is None:
        if Path(path).name == PYPROJECT:
            raise ConfigError(f"{path}: has no {TABLE} table")
        table = {}
    return normalise(table, str(path), Path(path))


def may_configure(path: str) -> bool:
    """Tell whether a pyproject.toml may hold a summaryaudit table, without parsing the TOML.

    A table is spelled on a line holding `summaryaudit` that is a table header
    (`[tool.summaryaudit]`), or mentions `tool` (`tool.summaryaudit.ignore = …`, an inline
    table), or is a `summaryaudit` key under `[tool]`. A file with no such line is left
    unparsed (tomllib is not even imported); any other is parsed and judged by tomllib. A file
    that cannot be read is parsed, to report why.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return True
    if b"summaryaudit" not in data:
        return False
    section = b""
    for raw in data.splitlines():
        line = raw.strip()
        if line.startswith(b"["):
            section = line.split(b"]")[0].replace(b" ", b"").replace(b'"', b"").lstrip(b"[")
            if b"summaryaudit" in line:
                return True
            continue
        if b"summaryaudit" not in line:
            continue
        if b"tool" in line:
            return True
        if section == b"tool" and line.lstrip(b"\"'").startswith(b"summaryaudit"):
            return True
    return False


def read_document(path: Union[str, Path]) -> dict[str, Any]:
    """Parse a whole TOML file; every failure becomes one ConfigError line naming the file."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.9 and 3.10
        import tomli as tomllib

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: values nest too deeply to read") from None


def read_table(path: Union[str, Path]) -> dict[str, Any] | None:
    """Return the summaryaudit table of a file (None when a pyproject.toml has none)."""
    document = read_document(path)
    if os.path.basename(path) != PYPROJECT:
        return document
    tool = document.get("tool")
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


def _string_list(key: Key, value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return split_values([value])
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return split_values(value)
    shown = _kind(value)
    if isinstance(value, list):
        shown = "a list holding " + _kind(next(v for v in value if not isinstance(v, str)))
    raise ConfigError(
        f"{where}: {TABLE} {key.value}: expected a list of strings or a comma-separated "
        f"string, got {shown}"
    )


def normalise(table: Mapping[str, Any], where: str, path: Path | None = None) -> Config:
    """Check a raw [tool.summaryaudit] table and return it as a Config."""
    lists: dict[Key, tuple[str, ...]] = {}
    force_exclude = False
    fail_on: FailOn | None = None
    for name, value in table.items():
        try:
            key = Key(name)
        except ValueError:
            raise ConfigError(
                f"{where}: {TABLE} {name}: unknown key (expected one of {', '.join(KEYS)})"
            ) from None
        if key is Key.FORCE_EXCLUDE:
            if not isinstance(value, bool):
                raise ConfigError(
                    f"{where}: {TABLE} {name}: expected true or false, got {_kind(value)}"
                )
            force_exclude = value
            continue
        if key is Key.FAIL_ON:
            choices = ", ".join(f.value for f in FailOn)
            if not isinstance(value, str) or value not in {f.value for f in FailOn}:
                raise ConfigError(f"{where}: {TABLE} {name}: expected one of {choices}")
            fail_on = FailOn(value)
            continue
        values = _string_list(key, value, where)
        if key in CODE_KEYS:
            unknown = validate_prefixes(values)
            if unknown:
                raise ConfigError(
                    f"{where}: {TABLE} {name}: unknown code or prefix: {', '.join(unknown)}"
                )
        lists[key] = tuple(values)
    return Config(lists, force_exclude, fail_on, path)


def resolve(
    config: Config,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    extend_ignore: Iterable[str] | None = None,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    force_exclude: bool | None = None,
    fail_on: FailOn | None = None,
) -> Settings:
    """Apply the command line to a configuration, as flake8 and ruff do.

    `--select`, `--ignore`, `--include` and `--exclude` replace the file's list when given;
    `--extend-select` and `--extend-ignore` add to the selection the file and the flags made.
    Values may be comma-separated.
    """

    def chosen(key: Key, flag: Iterable[str] | None) -> list[str]:
        values = split_values(flag) if flag is not None else []
        return values or config.get(key)

    extra_select = config.get(Key.EXTEND_SELECT) + split_values(extend_select or [])
    base_select = chosen(Key.SELECT, select)
    if extra_select and not base_select:
        base_select = [ALL_CODES]  # extending "everything" keeps everything
    return Settings(
        select=base_select + extra_select,
        ignore=chosen(Key.IGNORE, ignore)
        + config.get(Key.EXTEND_IGNORE)
        + split_values(extend_ignore or []),
        include=chosen(Key.INCLUDE, include),
        exclude=chosen(Key.EXCLUDE, exclude),
        force_exclude=config.force_exclude if force_exclude is None else force_exclude,
        fail_on=fail_on or config.fail_on or FailOn.WARNING,
    )
