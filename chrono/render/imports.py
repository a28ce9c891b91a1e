"""The account an import gives on stderr: what changed, what was left out or skipped, the totals."""

from __future__ import annotations

from chrono.importers.common import FAR_FUTURE_YEAR, Imported, Note

MAX_CHANGED_SHOWN = 10


def _at(name: str, item: Note) -> str:
    return f"{name}: {item.where}" if item.where else f"{name}:{item.line}:{item.col}"


def details(name: str, result: Imported) -> list[str]:
    """One line per skipped and left-out row, the first changed values, and hints that apply."""
    lines = [f"skipped {_at(name, item)}: {item.message}" for item in result.bad]
    lines += [f"left out {_at(name, item)}: {item.message}" for item in result.left_out]
    lines += [f"changed {_at(name, item)}: {item.message}" for item in result.changed[:MAX_CHANGED_SHOWN]]
    if len(result.changed) > MAX_CHANGED_SHOWN:
        lines.append(f"... and {len(result.changed) - MAX_CHANGED_SHOWN} more values changed the same ways")
    if result.kindless:
        lines.append(
            f"{result.kindless} row{'s' if result.kindless != 1 else ''} without a kind got kind 'event' "
            "(--kind KIND gives them another)"
        )
    for value, count in sorted(result.far_ends.items()):
        lines.append(
            f"{count} event{'s' if count != 1 else ''} end on {value}, after the year {FAR_FUTURE_YEAR}; "
            f"if that means 'still ongoing', import with --open-end {value}"
        )
    return lines


def summary(result: Imported, unit: str) -> str:
    """Totals that add up: every row read was written, left out or skipped."""
    written = len(result.events)
    parts = [
        f"{result.read} {unit}{'s' if result.read != 1 else ''} read",
        f"{written} event{'s' if written != 1 else ''} written",
    ]
    if result.left_out:
        parts.append(f"{len(result.left_out)} left out")
    parts.append(f"{len(result.bad)} skipped")
    return ", ".join(parts)


def refusal(result: Imported, unit: str) -> str:
    """The totals when bad rows stop the import."""
    count = len(result.bad)
    return (
        f"{result.read} {unit}{'s' if result.read != 1 else ''} read, nothing written: "
        f"{count} {unit}{'s' if count != 1 else ''} cannot be read (--skip-bad skips "
        f"{'them' if count != 1 else 'it'} and writes the rest)"
    )


def too_many(result: Imported, unit: str, limit: tuple[float, bool] | None) -> str:
    """Why an import that read its rows still fails: no event at all, or more skipped than allowed."""
    if not result.events:
        return f"{summary(result, unit)}: no {unit} became an event, so nothing is written"
    if limit is None:
        return ""
    value, percent = limit
    skipped = len(result.bad)
    share = 100 * skipped / result.read if result.read else 0.0
    if (percent and share > value) or (not percent and skipped > value):
        allowed = f"{value:g}%" if percent else f"{value:g}"
        return (
            f"{summary(result, unit)}: {skipped} skipped ({share:.1f}%) is more than --max-skipped {allowed} "
            "allows, so nothing is written"
        )
    return ""
