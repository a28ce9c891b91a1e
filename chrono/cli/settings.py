"""Every setting of a run, resolved once, each with where it came from.

Options beat environment variables, which beat the configuration file, which beats the defaults.
The group reads the environment and the file (``read_layers``) before a command is chosen, since
an alias may choose it; once the command's options are parsed, ``settle`` turns what was typed
and those layers into one ``Settings`` in one step (``chrono.cli.command.ChronoCommand``). No
option callback patches it. Commands, shell completion and ``chrono config`` read that object,
and this module is the only one that reads an environment variable chrono obeys, so two places
can no longer answer "which data?" (or "which editor?") differently.

The file is ``$XDG_CONFIG_HOME/chrono/config.toml``, or ``$HOME/.config/chrono/config.toml`` when
XDG_CONFIG_HOME is unset or not absolute. HOME unset or not a directory, or a directory missing
on the way to the file, means there is no file (service accounts run with ``HOME=/dev/null``);
a file that exists but cannot be read or parsed is an error naming it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from chrono.errors import UsageError
from chrono.loading import bundled

if TYPE_CHECKING:
    from chrono.loading.config import Config

T = TypeVar("T")

DEFAULT_PAGER = "less -FRX"
MAX_CONFIG_BYTES = 1 << 20  # a configuration file is a few lines; this bounds a mistaken one
DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One setting's value and where it came from: ``option --color``, ``environment variable
    NO_COLOR``, ``/home/me/.config/chrono/config.toml:3`` or ``default``."""

    value: T
    source: str


class Alias(NamedTuple):
    """``[alias] summits = "list --kind summit"``: a name, its words, and its own line."""

    name: str
    expansion: str
    source: str


class Settings(NamedTuple):
    """What a run uses: the data to read, the cache directory (None: no cache), the default
    output format, colour, pager (empty: none), calendar, today (None: the system's date), the
    editor, the locale (its territory's first day of the week), the terminal's type, the size
    the environment states (None: measured), whether an internal error shows its traceback,
    whether a new cache is written in the background, and the configuration's aliases.

    ``config_file`` holds the file's path (None when there can be none) and, as its source,
    its state: ``in use``, ``not found``, ``ignored (--no-config)`` or why there is none.
    """

    data: Setting[tuple[str, ...]]
    cache: Setting[str | None]
    format: Setting[str]
    color: Setting[str]
    pager: Setting[str]
    calendar: Setting[str]
    today: Setting[str | None]
    editor: Setting[str]
    locale: Setting[str]
    term: Setting[str]
    columns: Setting[int | None]
    lines: Setting[int | None]
    debug: Setting[bool]
    cache_background: Setting[bool]
    aliases: tuple[Alias, ...]
    config_file: Setting[str | None]


class Layers(NamedTuple):
    """What the settings are resolved from, below the command line: the environment and the
    configuration file (read once, before the command is chosen, since an alias may choose it)."""

    environ: Mapping[str, str]
    config: Config | None
    config_file: Setting[str | None]


# A value typed on the command line, by setting: (value, the option that gave it).
Typed = Mapping[str, tuple[Any, str]]


def read_layers(environ: Mapping[str, str], *, no_config: bool = False) -> Layers:
    """The environment and the configuration file (unless ``--no-config``).

    Raises a ChronoError naming the file when it exists but cannot be read or parsed.
    """
    path, missing = config_location(environ)
    config = None
    if no_config:
        state = "ignored (--no-config)"
    elif path is None:
        state = f"none ({missing})"
    else:
        config = read_config(path)
        state = "in use" if config is not None else "not found"
    return Layers(environ, config, Setting(path, state))


def resolve(environ: Mapping[str, str], *, no_config: bool = False, no_cache: bool = False) -> Settings:
    """The settings of a run with nothing typed but the group's own options."""
    return settle(read_layers(environ, no_config=no_config), {"cache": (None, "--no-cache")} if no_cache else {})


def settle(layers: Layers, typed: Typed) -> Settings:
    """Every setting, in one step: what was typed, else the environment, else the configuration
    file, else the default. The one place that reads an environment variable chrono obeys."""
    environ, config = layers.environ, layers.config

    def given(name: str) -> Setting[Any] | None:
        return Setting(typed[name][0], f"option {typed[name][1]}") if name in typed else None

    return Settings(
        data=given("data") or _data(environ, config),
        cache=given("cache") or _cache(environ),
        format=given("format") or _from_file(config, "format", config.format if config else None, "auto"),
        color=_color(environ, config, given("color")),
        pager=given("pager") or _pager(environ, config),
        calendar=given("calendar") or _from_file(config, "calendar", config.calendar if config else None, "gregorian"),
        today=given("today") or _variable(environ, ("CHRONO_TODAY",), None),
        editor=_text(_variable(environ, ("VISUAL", "EDITOR"), "vi")),
        locale=_text(_variable(environ, ("LC_ALL", "LC_TIME", "LANG"), "")),
        term=_text(_variable(environ, ("TERM",), "")),
        columns=_size(environ, "COLUMNS"),
        lines=_size(environ, "LINES"),
        debug=_flag(environ, "CHRONO_DEBUG", False),
        cache_background=_flag(environ, "CHRONO_CACHE_BACKGROUND", True),
        aliases=aliases(layers),
        config_file=layers.config_file,
    )


def aliases(layers: Layers) -> tuple[Alias, ...]:
    """The configuration file's aliases, each with its line."""
    config = layers.config
    if config is None:
        return ()
    return tuple(
        Alias(name, value, f"{config.path}:{config.alias_lines.get(name, 1)}")
        for name, value in sorted(config.aliases.items())
    )


def size(environ: Mapping[str, str], name: str) -> int | None:
    """``COLUMNS`` or ``LINES`` as a number of cells (at least 10), or None when unset or not a number."""
    try:
        return max(10, int(environ[name]))
    except (KeyError, ValueError):
        return None


def debugging(environ: Mapping[str, str]) -> bool:
    """``CHRONO_DEBUG=1``: an internal error shows its traceback (asked at the error boundary,
    also when the settings themselves could not be resolved)."""
    return _flag(environ, "CHRONO_DEBUG", False).value


def config_location(environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The configuration file's path (it need not exist), and why it cannot exist, if so."""
    base = environ.get("XDG_CONFIG_HOME", "")
    if os.path.isabs(base):
        return os.path.join(base, "chrono", "config.toml"), ""
    home, why = _home(environ)
    if home is None:
        return None, why
    return os.path.join(home, ".config", "chrono", "config.toml"), ""


def read_config(path: str) -> Config | None:
    """The parsed configuration file; None when it (or a directory on its way) does not exist.

    Opened without blocking and accepted only as a regular file of a bounded size: a FIFO at
    the path must not hang every command, nor a link to /dev/zero read forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UsageError(f"cannot read the configuration file '{path}': {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"the configuration file '{path}' is {_kind(info.st_mode)}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_CONFIG_BYTES:
            chunk = os.read(fd, MAX_CONFIG_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise UsageError(f"cannot read the configuration file '{path}': {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_CONFIG_BYTES:
        raise UsageError(f"the configuration file '{path}' is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    from chrono.loading.config import parse
    from chrono.loading.dataset import decode

    return parse(path, decode(path, b"".join(chunks)))


def expand_alias(args: list[str], layers: Layers, commands: Mapping[str, object]) -> list[str]:
    """``chrono summits --limit 3`` -> ``chrono list --kind summit --from 2000 --limit 3``."""
    name = args[0] if args and args[0] not in commands else None
    alias = next((alias for alias in aliases(layers) if alias.name == name), None)
    if alias is None:
        return args
    import shlex

    try:
        expansion = shlex.split(alias.expansion)
    except ValueError as exc:
        raise UsageError(f"alias '{alias.name}' in {alias.source}: {exc}") from None
    if not expansion or expansion[0] not in commands:
        raise UsageError(
            f"alias '{alias.name}' in {alias.source} must start with a command ({', '.join(sorted(commands))})"
        )
    return [*expansion, *args[1:]]


def expand_home(path: str, environ: Mapping[str, str]) -> str:
    """``~`` and ``~/x`` with this environment's HOME; ``~user/x`` from the password database."""
    if path == "~" or path.startswith("~/"):
        home = environ.get("HOME") or _password_home()
        return home + path[1:] if home else path
    return os.path.expanduser(path) if path.startswith("~") else path


def _home(environ: Mapping[str, str]) -> tuple[str | None, str]:
    """HOME when it is an absolute path to a directory; else None and why not."""
    home = environ.get("HOME", "")
    if not home:
        return None, "HOME is not set"
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None, "HOME is not a directory"
    return home, ""


def _password_home() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_dir
    except (KeyError, OSError):
        return ""


def _data(environ: Mapping[str, str], config: Config | None) -> Setting[tuple[str, ...]]:
    """CHRONO_DATA (``:``-separated), else the file's ``data``, else the bundled chronology.

    ``~`` is expanded in both; a relative path in the file is taken relative to the file, so the
    same file works from any directory. A bundled chronology's name stays a name.
    """
    listed = [expand_home(part, environ) for part in environ.get("CHRONO_DATA", "").split(os.pathsep) if part]
    if listed:
        return Setting(tuple(listed), "environment variable CHRONO_DATA")
    if config is not None and config.data and config.path is not None:
        directory = os.path.dirname(config.path)
        entries = tuple(_config_entry(entry, directory, environ) for entry in config.data)
        return Setting(entries, f"{config.path}:{config.lines.get('data', 1)}")
    return Setting((bundled.path(bundled.DEFAULT),), DEFAULT)  # the file itself: never ./dprk-russia


def _config_entry(entry: str, directory: str, environ: Mapping[str, str]) -> str:
    if entry == "-" or bundled.is_name(entry):
        return entry
    path = expand_home(entry, environ)
    return path if os.path.isabs(path) else os.path.join(directory, path)


def _cache(environ: Mapping[str, str]) -> Setting[str | None]:
    """``$XDG_CACHE_HOME/chrono``, else ``$HOME/.cache/chrono``; none when turned off or homeless."""
    if environ.get("CHRONO_CACHE", "1") == "0":
        return Setting(None, "environment variable CHRONO_CACHE")
    base = environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Setting(os.path.join(base, "chrono"), "environment variable XDG_CACHE_HOME")
    home, why = _home(environ)
    if home is None:
        return Setting(None, f"{DEFAULT} ({why})")
    return Setting(os.path.join(home, ".cache", "chrono"), DEFAULT)


def _color(environ: Mapping[str, str], config: Config | None, typed: Setting[str] | None) -> Setting[str]:
    """``--color always|never`` wins; NO_COLOR and FORCE_COLOR (when not empty) outrank a typed
    ``--color auto`` (auto is what honours them) and the file's ``color``."""
    if typed is not None and typed.value != "auto":
        return typed
    if environ.get("NO_COLOR"):
        return Setting("never", "environment variable NO_COLOR")
    if environ.get("FORCE_COLOR"):
        return Setting("always", "environment variable FORCE_COLOR")
    return typed or _from_file(config, "color", config.color if config else None, "auto")


def _pager(environ: Mapping[str, str], config: Config | None) -> Setting[str]:
    """CHRONO_PAGER, then PAGER (either may be empty: no pager), then the file, then less."""
    for name in ("CHRONO_PAGER", "PAGER"):
        if name in environ:
            return Setting(environ[name], f"environment variable {name}")
    return _from_file(config, "pager", config.pager if config else None, DEFAULT_PAGER)


def _variable(environ: Mapping[str, str], names: tuple[str, ...], default: T) -> Setting[str | T]:
    """The first of these variables that is set and not empty, else the default."""
    for name in names:
        if environ.get(name):
            found: Setting[str | T] = Setting(environ[name], f"environment variable {name}")
            return found
    return Setting(default, DEFAULT)


def _text(setting: Setting[str | T]) -> Setting[str]:
    return Setting(str(setting.value), setting.source)


def _size(environ: Mapping[str, str], name: str) -> Setting[int | None]:
    value = size(environ, name)
    return Setting(value, DEFAULT if value is None else f"environment variable {name}")


def _flag(environ: Mapping[str, str], name: str, default: bool) -> Setting[bool]:
    """A variable that is on when ``1`` and off when ``0``; anything else is the default."""
    value = environ.get(name)
    if value in ("0", "1"):
        return Setting(value == "1", f"environment variable {name}")
    return Setting(default, DEFAULT)


def _from_file(config: Config | None, key: str, value: str | None, default: str) -> Setting[str]:
    if config is not None and value is not None:
        return Setting(value, f"{config.path}:{config.lines.get(key, 1)}")
    return Setting(default, DEFAULT)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"
