"""Every setting of a run, resolved once, each with where it came from.

Options beat environment variables, which beat the configuration file, which beats the defaults.
``resolve`` builds one frozen ``Settings`` from the environment and the file before a command is
chosen (aliases need it); each shared option a command declares (``--data``, ``--color``, ...)
then replaces its setting as click parses it (``chrono.cli.options``). Commands, shell
completion and ``chrono config`` read that object; nothing else looks at environment variables
or at the file, so two places can no longer answer "which data?" differently.

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
    output format, colour, pager (empty: none), calendar, and the configuration's aliases.

    ``config_file`` holds the file's path (None when there can be none) and, as its source,
    its state: ``in use``, ``not found``, ``ignored (--no-config)`` or why there is none.
    """

    data: Setting[tuple[str, ...]]
    cache: Setting[str | None]
    format: Setting[str]
    color: Setting[str]
    pager: Setting[str]
    calendar: Setting[str]
    aliases: tuple[Alias, ...]
    config_file: Setting[str | None]

    def with_option(self, name: str, value: object, option: str) -> Settings:
        """These settings with ``name`` set by a command-line option."""
        changed: dict[str, Any] = {name: Setting(value, f"option {option}")}
        return self._replace(**changed)

    def alias(self, name: str) -> Alias | None:
        """The alias called ``name``, if the configuration defines one."""
        return next((alias for alias in self.aliases if alias.name == name), None)


def resolve(environ: Mapping[str, str], *, no_config: bool = False, no_cache: bool = False) -> Settings:
    """The settings of a run from the environment, the configuration file and the defaults.

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
    return Settings(
        data=_data(environ, config),
        cache=_cache(environ, no_cache),
        format=_from_file(config, "format", config.format if config else None, "auto"),
        color=_color(environ, config),
        pager=_pager(environ, config),
        calendar=_from_file(config, "calendar", config.calendar if config else None, "gregorian"),
        aliases=tuple(
            Alias(name, value, f"{config.path}:{config.alias_lines.get(name, 1)}")
            for name, value in sorted(config.aliases.items())
        )
        if config is not None
        else (),
        config_file=Setting(path, state),
    )


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


def expand_alias(args: list[str], settings: Settings, commands: Mapping[str, object]) -> list[str]:
    """``chrono summits --limit 3`` -> ``chrono list --kind summit --from 2000 --limit 3``."""
    alias = settings.alias(args[0]) if args and args[0] not in commands else None
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


def _cache(environ: Mapping[str, str], no_cache: bool) -> Setting[str | None]:
    """``$XDG_CACHE_HOME/chrono``, else ``$HOME/.cache/chrono``; none when turned off or homeless."""
    if no_cache:
        return Setting(None, "option --no-cache")
    if environ.get("CHRONO_CACHE", "1") == "0":
        return Setting(None, "environment variable CHRONO_CACHE")
    base = environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Setting(os.path.join(base, "chrono"), "environment variable XDG_CACHE_HOME")
    home, why = _home(environ)
    if home is None:
        return Setting(None, f"{DEFAULT} ({why})")
    return Setting(os.path.join(home, ".cache", "chrono"), DEFAULT)


def _color(environ: Mapping[str, str], config: Config | None) -> Setting[str]:
    """NO_COLOR and FORCE_COLOR (when not empty) outrank the file's ``color``."""
    if environ.get("NO_COLOR"):
        return Setting("never", "environment variable NO_COLOR")
    if environ.get("FORCE_COLOR"):
        return Setting("always", "environment variable FORCE_COLOR")
    return _from_file(config, "color", config.color if config else None, "auto")


def _pager(environ: Mapping[str, str], config: Config | None) -> Setting[str]:
    """CHRONO_PAGER, then PAGER (either may be empty: no pager), then the file, then less."""
    for name in ("CHRONO_PAGER", "PAGER"):
        if name in environ:
            return Setting(environ[name], f"environment variable {name}")
    return _from_file(config, "pager", config.pager if config else None, DEFAULT_PAGER)


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
