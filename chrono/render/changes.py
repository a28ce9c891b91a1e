"""Renderings of a diff: TSV lines for pipes, grouped colour text for a terminal, counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from chrono.questions.diff import Change, Op
from chrono.render.plain import tsv_value

if TYPE_CHECKING:
    from chrono.render.views import DiffAnswer, Look


def tsv_lines(changes: Sequence[Change]) -> Iterator[str]:
    """``op<TAB>id<TAB>field<TAB>old<TAB>new<TAB>date_change``: six fields on every line, the
    last empty unless a date changed (so a reader can rely on the column count)."""
    for change in changes:
        kind = change.date_change.value if change.date_change is not None else ""
        cells = [change.op.value, tsv_value(change.id), tsv_value(change.field), tsv_value(change.old)]
        yield "\t".join([*cells, tsv_value(change.new), kind]) + "\n"


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


def terminal_lines(changes: Sequence[Change], colour: bool, files: bool = False) -> Iterator[str]:
    """Grouped, coloured lines: added, removed, renamed, then changed records with their fields;
    with ``files``, each record's file in brackets (for a diff of directories). Written as they
    are drawn, so a long diff reaches the pager at once."""
    from chrono.escape import visible
    from chrono.render.palette import paint

    def shown(value: Any) -> str:
        return visible(tsv_value(value)) if value is not None else "∅"

    def where(change: Change) -> str:
        return paint(f"  [{visible(change.file)}]", "dim", colour) if files and change.file else ""

    styles = {
        Op.ADDED: ("+", "green"),
        Op.REMOVED: ("-", "red"),
        Op.RENAMED: ("→", "cyan"),
        Op.CHANGED: ("~", "yellow"),
    }
    for op, title in ((Op.ADDED, "Added"), (Op.REMOVED, "Removed"), (Op.RENAMED, "Renamed"), (Op.CHANGED, "Changed")):
        group = [c for c in changes if c.op is op]
        if not group:
            continue
        mark, style = styles[op]
        yield paint(f"{title} ({len({c.id for c in group})})", "bold", colour) + "\n"
        previous = None
        for change in group:
            ident = visible(change.id)
            if op is Op.CHANGED:
                if change.id != previous:
                    yield paint(f"  {mark} {ident}", style, colour) + where(change) + "\n"
                    previous = change.id
                kind = f" ({change.date_change.value})" if change.date_change else ""
                old, new = paint(shown(change.old), "red", colour), paint(shown(change.new), "green", colour)
                yield f"      {visible(change.field or '')}{kind}: {old} → {new}\n"
            elif op is Op.RENAMED:
                yield paint(f"  {mark} {shown(change.old)} → {ident}", style, colour) + where(change) + "\n"
            else:
                before = _compact_range(shown(change.new if op is Op.ADDED else change.old))
                yield paint(f"  {mark} {ident}  {before}", style, colour) + where(change) + "\n"
        yield "\n"


def _compact_range(summary: str) -> str:
    """A record's summary with its leading date range written as the event table writes it
    (``2024-02-01 → 02-02 River treaty signed``), so a range reads as one date."""
    date, space, rest = summary.partition(" ")
    start, slash, end = date.partition("/")
    if not slash or not start or not end:
        return summary
    from chrono.render.table import ARROW, ONGOING, compact_end

    return f"{start}{ARROW}{ONGOING if end == '..' else compact_end(start, end)}{space}{rest}"


def diff_text(answer: DiffAnswer, look: Look) -> Iterator[str]:
    """``diff --format text``: the changes grouped, in colour (``--stat``: the counts line)."""
    if answer.stat:
        return iter([stat_line(answer.changes) + "\n"])
    return terminal_lines(answer.changes, look.colour, files=answer.files) if answer.changes else iter(())


def diff_tsv(answer: DiffAnswer, look: Look) -> Iterator[str]:
    """``diff --format tsv`` (``--stat``: the counts line)."""
    if answer.stat:
        return iter([stat_line(answer.changes) + "\n"])
    return tsv_lines(answer.changes)
