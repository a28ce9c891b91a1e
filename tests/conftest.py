"""Shared fixtures: one CliRunner entry point, small TOML fixtures, the corpus location."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chrono.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CHRONO_CORPUS", REPO.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "data"

Invoke = Callable[..., Result]
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the developer's configuration and cache out of the tests (and the tests out of them)."""
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    for name in (
        "CHRONO_DATA",
        "CHRONO_TODAY",
        "CHRONO_PAGER",
        "CHRONO_CACHE",
        "NO_COLOR",
        "FORCE_COLOR",
        "CHRONO_DEBUG",
    ):
        os.environ.pop(name, None)


@pytest.fixture
def invoke() -> Invoke:
    """Run chrono in-process with separate stdout and stderr; not a terminal unless asked."""

    def run(
        args: Sequence[str],
        *,
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
        tty: bool = False,
        width: int = 80,
        today: dt.date = TODAY,
        height: int = 24,
    ) -> Result:
        environ: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None, "CHRONO_DATA": None}
        environ.update({"CHRONO_TODAY": None, "CHRONO_DEBUG": None})
        environ.update(env or {})
        overrides = {"stdout_isatty": tty, "width": width, "today": today, "height": height}
        return CliRunner().invoke(cli, list(args), input=input, env=environ, obj=overrides)

    return run


@pytest.fixture
def write_toml(tmp_path: Path) -> Callable[..., Path]:
    """Write a dedented TOML file under tmp_path and return its path."""

    def write(text: str, name: str = "data.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def corpus_or_skip(*parts: str) -> Path:
    """A path inside ../shared/corpus, or skip the test where the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"conformance corpus not found at {path} (it lives in ../shared/corpus)")
    return path


# Hypothesis: a bounded number of examples in the normal run; 'fuzz' for scripts/fuzz.py.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CHRONO_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
