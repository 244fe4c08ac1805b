"""Configuration: ``.quoteverify.toml`` or ``[tool.quoteverify]`` in ``pyproject.toml``.

The nearest folder (the current one, then each parent) that has either file
decides; in one folder ``.quoteverify.toml`` wins over ``pyproject.toml`` (a
``pyproject.toml`` without a ``[tool.quoteverify]`` table is passed over).
``--config FILE`` names one explicitly. Only one file is read: settings are
never merged across files.

Precedence, strongest first: the command line (or an option's environment
variable), the configuration file, the built-in default. Every value remembers
where it came from (``Config.origins``) so that ``quoteverify config`` can say.

Paths in a configuration file are relative to the folder of that file; paths on
the command line are relative to the current folder.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError
from .judge import Thresholds
from .model import VERDICTS

CONFIG_NAME = ".quoteverify.toml"
PYPROJECT_NAME = "pyproject.toml"
APPROVED_NAME = ".quoteverify-approved.toml"
DEFAULT_LIBRARY = "sources"

DEFAULT = "default"
COMMAND_LINE = "command line"

_FAIL_ON_DEFAULT: tuple[str, ...] = ("altered", "misattributed")


@dataclass(frozen=True)
class Config:
    """The effective settings of a run and where each came from.

    ``library``: a folder of saved originals; ``False`` when switched off; ``None``
    when there is none (the default is ``./sources`` when that folder exists).
    ``origins`` maps each key (kebab-case, as in the file; thresholds as
    ``thresholds.locate`` …) to ``"default"``, ``"command line"``,
    ``"environment (NAME)"`` or ``"FILE:LINE"``.
    """

    library: str | Literal[False] | None = None
    library_db: str | None = None
    fail_on: tuple[str, ...] = _FAIL_ON_DEFAULT
    format: str = "text"
    timeout: float = 20.0
    thresholds: Thresholds = field(default_factory=Thresholds)
    discover: tuple[str, ...] = ()
    speakers: str | None = None
    approved: str | None = None
    offline: bool = False
    follow_links: bool = True
    # The configuration file read, as shown to the user; None when there is none.
    file: str | None = None
    origins: dict[str, str] = field(default_factory=dict)

    def origin(self, key: str) -> str:
        return self.origins.get(key, DEFAULT)

    @property
    def library_path(self) -> str | None:
        """The library folder to use, or None."""
        return self.library or None

    def settings(self) -> list[tuple[str, object, str]]:
        """(key, value, origin) for every setting, thresholds one by one, in documentation order."""
        rows: list[tuple[str, object, str]] = []
        for key, spec in KEYS.items():
            if key == "thresholds":
                for f in dataclasses.fields(Thresholds):
                    sub = f"thresholds.{_kebab(f.name)}"
                    rows.append((sub, getattr(self.thresholds, f.name), self.origin(sub)))
                continue
            rows.append((key, getattr(self, spec.attr), self.origin(key)))
        return rows


# -- value parsers ------------------------------------------------------------------------------


class _Invalid(Exception):
    """A bad value: what is wrong with it."""

# Each takes the raw value (from TOML or the command line) and the folder paths are relative to,
# and returns the typed value or raises _Invalid with what is wrong and what to write instead.


def _path(value: object, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("must be a path (a string)")
    return _display_path(base, value)


def _optional_path(value: object, base: Path) -> str | None:
    return _path(value, base)


def _library(value: object, base: Path) -> str | Literal[False]:
    if value is False:
        return False
    if isinstance(value, str):
        return _path(value, base)
    raise _Invalid("must be a folder path, or false for no library")


def _names(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        items = [v.strip() for v in value.split(",")]
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        items = [v.strip() for part in value for v in part.split(",")]
    else:
        raise _Invalid(f"must be a list of {what} (or one comma-separated string)")
    return tuple(v for v in items if v)


def _fail_on(value: object, base: Path) -> tuple[str, ...]:
    items = _names(value, "verdicts")
    bad = [v for v in items if v not in VERDICTS]
    if bad:
        raise _Invalid(f"unknown verdict {', '.join(bad)} (choose from {', '.join(VERDICTS)})")
    return items


def _discover(value: object, base: Path) -> tuple[str, ...]:
    names = _names(value, "provider names")
    try:
        from .discover import parse_providers
    except ImportError:  # pragma: no cover - discovery not installed
        return names
    try:
        return parse_providers(names)
    except ConfigError as exc:
        raise _Invalid(exc.message.removeprefix("--discover: ") + f" ({exc.hint})") from None


def _format(value: object, base: Path) -> str:
    from .report import FORMATS

    if not isinstance(value, str) or value not in FORMATS:
        raise _Invalid(f"unknown format {value!r} (choose from {', '.join(sorted(FORMATS))})")
    return value


def _timeout(value: object, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise _Invalid(f"must be a number of seconds above 0, not {value!r}")
    return float(value)


def _bool(value: object, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {value!r}")
    return value


@dataclass(frozen=True)
class _Key:
    attr: str
    parse: Callable[[object, Path], Any]
    meaning: str


KEYS: dict[str, _Key] = {
    "library": _Key("library", _library, "folder of saved originals (false: none) [default: ./sources when it exists]"),
    "library-db": _Key("library_db", _optional_path, "the library's index database"),
    "fail-on": _Key("fail_on", _fail_on, "verdicts that make the exit code 1"),
    "format": _Key("format", _format, "report format of check"),
    "timeout": _Key("timeout", _timeout, "seconds to wait for a web source"),
    "thresholds": _Key("thresholds", lambda v, b: v, "the numbers verdicts rest on (a table)"),
    "discover": _Key("discover", _discover, "source discovery providers"),
    "speakers": _Key("speakers", _optional_path, "speakers registry (TOML) [default: speakers.toml in the library]"),
    "approved": _Key("approved", _optional_path, f"approved-quotes file [default: {APPROVED_NAME} when present]"),
    "offline": _Key("offline", _bool, "no network at all"),
    "follow-links": _Key("follow_links", _bool, "fetch the links in the input as sources"),
}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _thresholds(value: object, where: Callable[[str], str]) -> tuple[Thresholds, dict[str, str]]:
    """A ``thresholds`` table → Thresholds, and the origin of each field set."""
    if not isinstance(value, dict):
        raise _error(where("thresholds"), "thresholds", "must be a table", "write [thresholds] with locate = 70.0 …")
    fields = {_kebab(f.name): f for f in dataclasses.fields(Thresholds)}
    changes: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, raw in value.items():
        sub = f"thresholds.{key}"
        f = fields.get(key)
        if f is None:
            raise _error(where(sub), sub, "unknown threshold", _suggest(key, fields))
        default = getattr(Thresholds(), f.name)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise _error(where(sub), sub, f"must be a number, not {raw!r}", f"the default is {default}")
        if isinstance(default, int) and not isinstance(raw, int):
            raise _error(where(sub), sub, f"must be a whole number, not {raw!r}", f"the default is {default}")
        if raw < 0 or (f.name in ("locate", "hint") and raw > 100):
            bound = "between 0 and 100" if f.name in ("locate", "hint") else "0 or more"
            raise _error(where(sub), sub, f"must be {bound}, not {raw!r}", f"the default is {default}")
        changes[f.name] = type(default)(raw)
        origins[sub] = where(sub)
    return dataclasses.replace(Thresholds(), **changes), origins


def _suggest(key: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(_kebab(key), list(known), n=1)
    if close:
        return f"did you mean {close[0]}?"
    return "known keys: " + ", ".join(known)


def _error(where: str, key: str, problem: str, hint: str) -> ConfigError:
    return ConfigError(f"{where}: {key}: {problem}", hint)


# -- finding and reading files -------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the nearest folder up that has one."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT_NAME
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml that may not even be ours: only an error when it has our table.
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return re.search(r"(?m)^\s*\[\s*tool\.quoteverify\b", text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "quoteverify" in tool


def _read_table(path: Path, shown: str) -> tuple[dict[str, Any], str, str]:
    """The settings table of a config file, its text, and the table's dotted name."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such configuration file", "check the path given to --config") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}: cannot be read ({exc})", "give a UTF-8 TOML file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML: {exc}", "fix the syntax; see docs/configuration.md") from None
    if path.name == PYPROJECT_NAME:
        tool = data.get("tool", {})
        table = tool.get("quoteverify") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(f"{shown}: has no [tool.quoteverify] table", "add one, or point --config at another file")
        if not isinstance(table, dict):
            raise ConfigError(f"{shown}: tool.quoteverify must be a table", "write [tool.quoteverify]")
        return table, text, "tool.quoteverify"
    return data, text, ""


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line (1-based) that sets ``key`` in ``table``; ``thresholds.locate`` may sit in a sub-table."""
    *outer, name = key.split(".")
    # (table the line must be in, dotted prefix the key carries there)
    places = {(table, ".".join(outer))}
    if outer:
        places.add((".".join([*([table] if table else []), *outer]), ""))
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        m = header.match(line)
        if m:
            current = re.sub(r"\s+", "", m.group(1))
            continue
        for where, prefix in places:
            lead = rf"{re.escape(prefix)}\s*\.\s*" if prefix else ""
            if current == where and re.match(rf"""^\s*{lead}["']?{re.escape(name)}["']?\s*=""", line):
                return number
    if outer:
        # An inline table (``thresholds = { locate = 80 }``) or the sub-table's header.
        return _line_of(text, table, ".".join(outer)) or _header_line(text, ".".join([*([table] if table else []), *outer]))
    return None


def _header_line(text: str, table: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]", line)
        if m and re.sub(r"\s+", "", m.group(1)) == table:
            return number
    return None


def _display_path(base: Path, value: str | os.PathLike[str]) -> str:
    """``value`` resolved against ``base``, shown relative to the current folder when under it."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = base / path
    path = Path(os.path.normpath(path))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration that applies in ``start`` (default: the current folder), or in ``explicit``.

    Raises ConfigError (file, key, hint) for a file that cannot be read, is not
    TOML, has an unknown key or a bad value.
    """
    start = Path.cwd() if start is None else start
    path = explicit if explicit is not None else find_config(start)
    config = Config()
    if path is not None:
        config = _from_file(path)
    return _with_found_defaults(config, start)


def _from_file(path: Path) -> Config:
    shown = _display_path(Path.cwd(), path)
    table, text, table_name = _read_table(path, shown)
    base = path.resolve().parent

    def where(key: str) -> str:
        line = _line_of(text, table_name, key)
        return f"{shown}:{line}" if line else shown

    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, raw in table.items():
        spec = KEYS.get(key)
        if spec is None:
            raise _error(where(key), key, "unknown key", _suggest(key, KEYS))
        if key == "thresholds":
            values["thresholds"], sub_origins = _thresholds(raw, where)
            origins.update(sub_origins)
            continue
        try:
            values[spec.attr] = spec.parse(raw, base)
        except _Invalid as exc:
            raise _error(where(key), key, str(exc), f"see the {key} entry in docs/configuration.md") from None
        origins[key] = where(key)
    return dataclasses.replace(Config(), **values, file=shown, origins=origins)


def _with_found_defaults(config: Config, start: Path) -> Config:
    """Fill the defaults that depend on what exists: ./sources, the approved-quotes file."""
    origins = dict(config.origins)
    changes: dict[str, Any] = {}
    if "library" not in origins and (start / DEFAULT_LIBRARY).is_dir():
        changes["library"] = _display_path(start, DEFAULT_LIBRARY)
        origins["library"] = f"default (./{DEFAULT_LIBRARY} exists)"
    if "approved" not in origins:
        folders = [start]
        if config.file is not None:
            folders.insert(0, Path(config.file).resolve().parent)
        for folder in folders:
            candidate = folder / APPROVED_NAME
            if candidate.is_file():
                changes["approved"] = _display_path(folder, APPROVED_NAME)
                origins["approved"] = f"default ({APPROVED_NAME} exists)"
                break
    return dataclasses.replace(config, **changes, origins=origins)


# -- the command line ----------------------------------------------------------------------------

# Config key → the name of the click parameter that sets it. A command that lacks a parameter
# simply leaves that key to the file and the default.
CLI_PARAMS: dict[str, str] = {
    "library": "library",
    "library-db": "library_db",
    "fail-on": "fail_on",
    "format": "fmt",
    "timeout": "timeout",
    "discover": "discover",
    "speakers": "speakers",
    "approved": "approved",
    "offline": "offline",
    "follow-links": "follow_links",
}


def with_command_line(config: Config, ctx: Any) -> Config:
    """``config`` with every option the user gave on the command line (or its environment variable).

    ``ctx`` is the click context of the command; options left at their
    default do not override the file. ``--no-library`` sets ``library`` to false.
    """
    import click

    given: dict[str, tuple[object, str]] = {}
    for key, param in CLI_PARAMS.items():
        if param not in ctx.params:
            continue
        source = ctx.get_parameter_source(param)
        if source == click.core.ParameterSource.COMMANDLINE:
            given[key] = (ctx.params[param], COMMAND_LINE)
        elif source == click.core.ParameterSource.ENVIRONMENT:
            envvar = next((p.envvar for p in ctx.command.params if p.name == param), None)
            given[key] = (ctx.params[param], f"environment ({envvar})" if isinstance(envvar, str) else "environment")
    if ctx.params.get("no_library"):
        given["library"] = (False, COMMAND_LINE)
    return override(config, {k: v for k, (v, _) in given.items()}, {k: o for k, (_, o) in given.items()})


def override(config: Config, values: Mapping[str, object], origins: Mapping[str, str] | None = None) -> Config:
    """``config`` with ``values`` (config keys → raw values, paths relative to the current folder)."""
    changes: dict[str, Any] = {}
    new_origins = dict(config.origins)
    for key, raw in values.items():
        spec = KEYS.get(key)
        if spec is None:
            raise ConfigError(f"unknown configuration key {key}", _suggest(key, KEYS))
        if key == "thresholds":
            if isinstance(raw, Thresholds):
                changes["thresholds"] = raw
                continue
            raise ConfigError("thresholds: give a Thresholds", "quoteverify.judge.Thresholds(...)")
        if isinstance(raw, str) and spec.parse in (_path, _optional_path, _library):
            value: object = raw  # the command line's paths stay as the user wrote them
        else:
            try:
                value = spec.parse(raw, Path.cwd())
            except _Invalid as exc:
                raise ConfigError(f"--{key}: {exc}", "see quoteverify check --help") from None
        changes[spec.attr] = value
        new_origins[key] = (origins or {}).get(key, COMMAND_LINE)
    return dataclasses.replace(config, **changes, origins=new_origins)


def approved_target(config: Config) -> Path:
    """Where ``quoteverify approve`` writes: the ``approved`` setting, else the default file
    next to the configuration file (or in the current folder when there is none)."""
    if config.approved:
        return Path(config.approved)
    folder = Path(config.file).parent if config.file else Path(".")
    return folder / APPROVED_NAME


def resolve(ctx: Any, explicit: str | None) -> Config:
    """The effective configuration of a command: the file that applies, then the command line."""
    config = load_config(Path.cwd(), Path(explicit) if explicit else None)
    return with_command_line(config, ctx)


# -- showing it ----------------------------------------------------------------------------------


def _toml_value(value: object) -> str:
    import json

    if value is None:
        return '""  # none'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def describe(config: Config) -> str:
    """The effective configuration as commented TOML: each value and where it came from."""
    lines = [f"# configuration file: {config.file or 'none found'}"]
    rows = config.settings()
    width = max(len(f"{k} = {_toml_value(v)}") for k, v, _ in rows if v is not None)
    for key, value, origin in rows:
        if value is None:
            lines.append(f"# {key} is not set{' ' * max(1, width - len(key) - 13)}  # {origin}")
            continue
        setting = f"{key} = {_toml_value(value)}"
        lines.append(f"{setting.ljust(width)}  # {origin}")
    return "\n".join(lines) + "\n"


def as_dict(config: Config) -> dict[str, Any]:
    """The effective configuration for ``quoteverify config --format json``."""
    settings: dict[str, Any] = {}
    for key, value, origin in config.settings():
        settings[key] = {"value": list(value) if isinstance(value, tuple) else value, "origin": origin}
    return {"file": config.file, "settings": settings}
