"""Renderings of a diff: TSV lines for pipes, grouped colour text for a terminal, counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from chrono.diff import Change, Op
from chrono.render.plain import tsv_value


def tsv_lines(changes: Sequence[Change]) -> Iterator[str]:
    """``op<TAB>id<TAB>field<TAB>old<TAB>new``, plus a sixth column for date changes."""
    for change in changes:
        cells = [change.op.value, change.id, change.field or "", tsv_value(change.old), tsv_value(change.new)]
        if change.date_change is not None:
            cells.append(change.date_change.value)
        yield "\t".join(cells) + "\n"


def record(change: Change) -> dict[str, Any]:
    """The JSON object of one change."""
    return {
        "op": change.op.value,
        "id": change.id,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "date_change": change.date_change.value if change.date_change else None,
        "file": change.file,
    }


def counts(changes: Sequence[Change]) -> dict[str, int]:
    """Records added, removed, renamed and changed (a record with several changed fields counts once)."""
    result = {op.value: 0 for op in (Op.ADDED, Op.REMOVED, Op.CHANGED, Op.RENAMED)}
    changed_ids = set()
    for change in changes:
        if change.op is Op.CHANGED:
            changed_ids.add(change.id)
        else:
            result[change.op.value] += 1
    result[Op.CHANGED.value] = len(changed_ids)
    return result


def stat_line(changes: Sequence[Change]) -> str:
    """'2 added, 1 removed, 3 changed, 0 renamed'."""
    return ", ".join(f"{count} {op}" for op, count in counts(changes).items())


def terminal_text(changes: Sequence[Change], files: bool = False) -> Any:
    """Grouped, coloured text: added, removed, renamed, then changed records with their fields;
    with ``files``, each record's file in brackets (for a diff of directories)."""
    from rich.text import Text

    from chrono.escape import visible

    def shown(value: Any) -> str:
        return visible(tsv_value(value)) if value is not None else "∅"

    text = Text()
    styles = {
        Op.ADDED: ("+", "green"),
        Op.REMOVED: ("-", "red"),
        Op.RENAMED: ("→", "cyan"),
        Op.CHANGED: ("~", "yellow"),
    }

    def where(change: Change) -> str:
        return f"  [{visible(change.file)}]" if files and change.file else ""

    for op, title in ((Op.ADDED, "Added"), (Op.REMOVED, "Removed"), (Op.RENAMED, "Renamed"), (Op.CHANGED, "Changed")):
        group = [c for c in changes if c.op is op]
        if not group:
            continue
        mark, style = styles[op]
        text.append(f"{title} ({len({c.id for c in group})})\n", style="bold")
        previous = None
        for change in group:
            if op is Op.CHANGED:
                if change.id != previous:
                    text.append(f"  {mark} {change.id}", style=style)
                    text.append(where(change) + "\n", style="dim")
                    previous = change.id
                kind = f" ({change.date_change.value})" if change.date_change else ""
                text.append(f"      {change.field}{kind}: ")
                text.append(shown(change.old), style="red")
                text.append(" → ")
                text.append(shown(change.new) + "\n", style="green")
            elif op is Op.RENAMED:
                text.append(f"  {mark} {shown(change.old)} → {change.id}", style=style)
                text.append(where(change) + "\n", style="dim")
            else:
                text.append(f"  {mark} {change.id}  {shown(change.new if op is Op.ADDED else change.old)}", style=style)
                text.append(where(change) + "\n", style="dim")
        text.append("\n")
    return text
