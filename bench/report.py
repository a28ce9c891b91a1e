"""Turn bench/run.sh's hyperfine JSON and /usr/bin/time output into bench/RESULTS.md."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path


def medians(path: Path) -> dict[str, float]:
    """Command name -> median seconds."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {result["command"]: result["median"] for result in data["results"]}


def cpu_seconds(path: Path) -> dict[str, float]:
    """Command name -> mean CPU seconds (user + system): on a machine shared with other work, the
    wall-clock median also measures the queue for a core; the CPU time much less so."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {result["command"]: result["user"] + result["system"] for result in data["results"]}


def peak_mb(path: Path) -> float | None:
    """Maximum resident set size from /usr/bin/time -v, in MB."""
    if not path.exists():
        return None
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text(encoding="utf-8"))
    return int(match.group(1)) / 1024 if match else None


def stamp(path: Path) -> str:
    """When a result file was written (UTC), so that a partial re-run is visible as such."""
    import datetime as dt

    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def verdict(ratio: float, target: float, most: bool = True) -> str:
    met = ratio <= target if most else ratio >= target
    return "met" if met else "**missed**"


def version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main(out: Path) -> None:
    lines = ["# chrono benchmark results", ""]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    venv = out / "venv" / "bin"
    lines += [
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), Linux {platform.release()}",
        f"- {version([str(venv / 'python'), '--version'])}; {version([str(venv / 'chrono'), '--version'])}; "
        f"{version(['hyperfine', '--version'])}; {version(['jq', '--version'])}; sqlite3 {version(['sqlite3', '--version']).split(' ')[0]}",
        "- Medians of hyperfine runs (`bash bench/run.sh`); ratios are chrono ÷ the named peer, side by side in one run.",
        "",
        f"## Start-up (bundled chronology, warm cache; measured {stamp(out / 'startup.json')})",
        "",
        "| command | median | × `import click` | target | | CPU | × (CPU) | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    start = medians(out / "startup.json")
    floor = start["python -c 'import click'"]
    start_cpu = cpu_seconds(out / "startup.json")
    floor_cpu = start_cpu["python -c 'import click'"]
    targets = {
        "chrono list --from 2000 (piped)": 1.35,
        "chrono list --from 2000 (table)": 2.0,
        "chrono --help": 1.3,
        "chrono show (terminal)": 2.2,
    }
    for name, seconds in start.items():
        ratio = seconds / floor
        target = targets.get(name)
        used = start_cpu[name]
        by_cpu = f"{used * 1000:.1f} ms | {used / floor_cpu:.2f} |"
        if name == "completion (bash, ids)":
            mark = "met" if seconds < 0.150 else "**missed**"
            lines.append(f"| {name} | {seconds * 1000:.1f} ms | {ratio:.2f} | < 150 ms | {mark} | {by_cpu} |")
        else:
            mark_cpu = verdict(used / floor_cpu, target) if target else ""
            lines.append(
                f"| {name} | {seconds * 1000:.1f} ms | {ratio:.2f} | {f'≤ {target}' if target else ''} | {verdict(ratio, target) if target else ''} | {by_cpu} {mark_cpu} |"
            )
    for size in sorted(int(p.stem.split("-")[1]) for p in out.glob("warm-*.json")):
        lines += size_section(out, size)
    lines += fmt_section(out)
    lines += terminal_section(out)
    lines += sql_section(out)
    print("\n".join(lines))


def size_section(out: Path, size: int) -> list[str]:
    """Cold, warm and memory at one size, against tomli.load, jq and sqlite3."""
    lines: list[str] = []
    cold, warm = medians(out / f"cold-{size}.json"), medians(out / f"warm-{size}.json")
    tomli = cold["tomli.load (floor)"]
    cold_cpu = cpu_seconds(out / f"cold-{size}.json")
    lines += [
        "",
        f"## {size:,} events (measured {stamp(out / f'warm-{size}.json')})",
        "",
        "| command | median | ratio | target | |",
        "|---|---|---|---|---|",
    ]
    lines.append(f"| tomli.load (floor) | {tomli:.2f} s | 1.00 | | |")
    for name in ("chrono cold (builds the cache)", "chrono --no-cache"):
        ratio = cold[name] / tomli
        by_cpu = cold_cpu[name] / cold_cpu["tomli.load (floor)"]
        lines.append(
            f"| {name} | {cold[name]:.2f} s | {ratio:.2f} × tomli (CPU: {by_cpu:.2f} ×) | ≤ 1.2 × | {verdict(ratio, 1.2)} |"
        )
    ours, other = warm["chrono warm"], warm.get("chrono warm, --kind summit --format json")
    jq, sqlite = warm.get("jq"), warm.get("sqlite3")  # absent when a run was cut short
    lines.append(f"| chrono warm | {ours * 1000:.0f} ms | | | |")
    if jq is not None:
        lines.append(f"| jq | {jq * 1000:.0f} ms | {ours / jq:.3f} (warm ÷ jq) | ≤ 0.5 × | {verdict(ours / jq, 0.5)} |")
    if sqlite is not None:
        lines.append(
            f"| sqlite3 (indexed) | {sqlite * 1000:.0f} ms | {ours / sqlite:.2f} (warm ÷ sqlite3) | ≤ 3 × "
            f"| {verdict(ours / sqlite, 3)} |"
        )
    if other is not None:
        lines.append(f"| chrono warm, `--kind summit --format json` | {other * 1000:.0f} ms | | (no target) | |")
    tomli_mb = peak_mb(out / f"memory-tomli-{size}.txt")
    for what in ("warm", "cold", "tomli"):
        mb = peak_mb(out / f"memory-{what}-{size}.txt")
        if mb is None:
            continue
        if what == "warm":
            lines.append(f"| peak memory, warm | {mb:.0f} MB | | ≤ 1024 MB | {verdict(mb, 1024)} |")
        elif what == "cold" and tomli_mb:
            ratio = mb / tomli_mb
            lines.append(f"| peak memory, cold | {mb:.0f} MB | {ratio:.2f} × tomli | ≤ 1.5 × | {verdict(ratio, 1.5)} |")
        else:
            lines.append(f"| peak memory, {what} | {mb:.0f} MB | | | |")
    return lines


def fmt_section(out: Path) -> list[str]:
    """fmt and check against reading the same file (``--no-cache list``, and a cold ``list``)."""
    sizes = sorted(int(p.stem.split("-")[1]) for p in out.glob("fmt-*.json"))
    if not sizes:
        return []
    lines = [
        "",
        f"## fmt and check, against reading the same file (cold cache; measured {stamp(out / f'fmt-{sizes[-1]}.json')})",
        "",
        "3,264 events: us-visits; 10,000 and 100,000: generated. `fmt` rewrites a copy whose every `kind` is in"
        " single quotes (every table changes, and is verified).",
        "",
        "| events | `--no-cache list` | `fmt --check` | × list (≤ 2) | | `fmt` (rewrites) | × list (≤ 2.5) | "
        "| cold `list` | `check` | × cold list (≤ 1.5) | | CPU: `fmt --check`, `fmt`, `check` × their peer |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        got = medians(out / f"fmt-{size}.json")
        read, cold = got["chrono --no-cache list"], got["chrono list, cold"]
        check, rewrite, lint = got["chrono fmt --check"], got["chrono fmt (rewrites)"], got["chrono check"]
        used = cpu_seconds(out / f"fmt-{size}.json")
        peer, peer_cold = used["chrono --no-cache list"], used["chrono list, cold"]
        by_cpu = (
            f"{used['chrono fmt --check'] / peer:.2f}, {used['chrono fmt (rewrites)'] / peer:.2f}, "
            f"{used['chrono check'] / peer_cold:.2f}"
        )
        lines.append(
            f"| {size:,} | {read:.2f} s | {check:.2f} s | {check / read:.2f} | {verdict(check / read, 2)} "
            f"| {rewrite:.2f} s | {rewrite / read:.2f} | {verdict(rewrite / read, 2.5)} "
            f"| {cold:.2f} s | {lint:.2f} s | {lint / cold:.2f} | {verdict(lint / cold, 1.5)} | {by_cpu} |"
        )
    return lines


def terminal_section(out: Path) -> list[str]:
    """Long output on a terminal: the first screen and the whole, against the same view piped."""
    piped_file, terminal_file = out / "long-piped.json", out / "long-terminal.json"
    if not piped_file.exists() or not terminal_file.exists():
        return []
    piped = medians(piped_file)
    terminal = json.loads(terminal_file.read_text(encoding="utf-8"))
    lines = [
        "",
        f"## Long output on a terminal (us-visits, 3,264 events; 40 × 120 pseudo-terminal, PAGER=cat; measured {stamp(terminal_file)})",
        "",
        "| view | piped, whole | terminal, first 40 lines | × piped | target | | terminal, whole | × piped | target | |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, seen in terminal.items():
        base = piped[name]
        first, whole = seen["first"] / base, seen["whole"] / base
        target = "(needs every event first)" if name == "timeline" else "≤ 2 ×"
        mark = "" if name == "timeline" else verdict(first, 2)
        lines.append(
            f"| {name} | {base * 1000:.0f} ms | {seen['first'] * 1000:.0f} ms | {first:.2f} | {target} | {mark} "
            f"| {seen['whole'] * 1000:.0f} ms | {whole:.2f} | ≤ 4 × | {verdict(whole, 4)} |"
        )
    return lines


def sql_section(out: Path) -> list[str]:
    """The ``chrono sql`` case (``bash bench/run.sh sql``), when it was run."""
    bundled, large = out / "sql-bundled.json", out / "sql-100000.json"
    if not bundled.exists() or not large.exists():
        return []
    small, big = medians(bundled), medians(large)
    listed, ours = small["chrono list --from 2000 (piped)"], small["chrono sql (bundled)"]
    sqlite, warm = big["sqlite3"], big["chrono sql"]
    return [
        "",
        f"## chrono sql, warm (`select kind, count(*) from events group by kind`; measured {stamp(large)})",
        "",
        "| command | median | ratio | target | |",
        "|---|---|---|---|---|",
        f"| chrono list --from 2000 (piped, bundled) | {listed * 1000:.1f} ms | | | |",
        f"| chrono sql (bundled) | {ours * 1000:.1f} ms | {ours / listed:.2f} × list | ≤ 1.5 × | {verdict(ours / listed, 1.5)} |",
        f"| sqlite3 (100,000 events, indexed) | {sqlite * 1000:.1f} ms | | | |",
        f"| chrono sql (100,000 events) | {warm * 1000:.1f} ms | {warm / sqlite:.2f} × sqlite3 | ≤ 2 × | {verdict(warm / sqlite, 2)} |",
    ]


if __name__ == "__main__":
    if sys.argv[2:] == ["--sql"]:
        print("\n".join(sql_section(Path(sys.argv[1]))))
    else:
        main(Path(sys.argv[1]))
