"""``chrono fmt``: one canonical layout for chronology files, every comment kept.

The values come from tomli, as every command reads them; ``tomlscan`` finds the comments and
blank lines and which key or table each belongs to, in one pass over the text (the tests hold it
to tomlkit's reading, which keeps comments but builds a whole document to do so). The text is
then written afresh in the canonical layout (see docs/like-code.md). Two checks guard every
changed result before it is returned: the comments of the output are those of the input (as a
multiset), and the output loads to the same events, actors and sources. A layout this module
cannot place is refused, never mangled.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from chrono.errors import ChronoError, DataError, Severity
from chrono.loading.syntax import parse_toml
from chrono.loading.tables import ACTOR_KEYS, EVENT_KEYS, SOURCE_KEYS, ParsedFile, parse_file
from chrono.writing.tomlscan import LayoutError, Table, Value, outline
from chrono.writing.tomltext import WIDTH, comments, date_value, inline, key_text, value_text

KEY_ORDER = {"event": EVENT_KEYS, "actor": ACTOR_KEYS, "source": SOURCE_KEYS}
_KEY_RANK = {kind: {key: rank for rank, key in enumerate(keys)} for kind, keys in KEY_ORDER.items()}
DATE_KEYS = {"event": ("date", "end"), "source": ("date",), "actor": ()}


class FormatError(ChronoError):
    """A file whose layout ``fmt`` cannot rewrite without losing something; left untouched."""


@dataclass(slots=True)
class Notes:
    """The comments that belong to one key: on lines before it, on its line, and inside it."""

    leading: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    inner: dict[str, Notes] = field(default_factory=dict)  # a table's keys
    verbatim: str | None = None  # an array holding comments, kept as written

    def empty(self) -> bool:
        """True when no comment belongs here."""
        return not (self.leading or self.trailing or self.verbatim or any(not n.empty() for n in self.inner.values()))

    def flattened(self) -> list[str]:
        """Every comment here and inside, in order (for a key written where the inside cannot hold them)."""
        lines = [*self.leading, *self.trailing]
        for notes in self.inner.values():
            lines.extend(notes.flattened())
        return lines


_NO_NOTES = Notes()  # the notes of every key without a comment (never changed)


@dataclass(slots=True)
class Block:
    """One ``[[kind]]`` table: its values (from tomli), its comments (from tomlscan)."""

    kind: str
    index: int  # among the file's tables of this kind
    values: dict[str, Any]
    leading: list[str] = field(default_factory=list)  # comment lines and "" for one blank line
    header: list[str] = field(default_factory=list)  # comments on the header line
    keys: dict[str, Notes] = field(default_factory=dict)
    trailing: list[str] = field(default_factory=list)  # comments right after the last key


@dataclass(slots=True)
class Layout:
    """A file as fmt sees it: a header comment, the tables in file order, a footer comment."""

    header: list[str]
    blocks: list[Block]
    footer: list[str]


def format_text(name: str, text: str, *, sort: bool = False) -> str:
    """The canonical text of a valid chronology file; raise DataError if it is invalid."""
    document, _ = parse_toml(name, text)
    parsed = parse_file(name, text, document=document)
    errors = [p for p in parsed.report.problems if p.severity is Severity.ERROR]
    if errors:
        raise DataError(errors)
    assert document is not None
    layout = _layout(name, text, document)
    if sort:
        layout = _sorted(layout, parsed)
    result = _emit(layout)
    if result != text:  # the same text keeps every comment and record, trivially
        _verify(name, text, result, parsed, document)
    return result


# -- reading the comments --------------------------------------------------------------------


def _layout(name: str, text: str, document: Mapping[str, Any]) -> Layout:
    try:
        counts = {kind: len(tables) for kind, tables in document.items() if isinstance(tables, list)}
        top = outline(text, counts)
    except LayoutError as exc:
        raise FormatError(f"{name}: {exc}") from None
    blocks: list[Block] = []
    counters: dict[str, int] = {}
    pending: list[str] = []  # comment lines and blanks waiting for the table they precede
    header: list[str] | None = None

    def new_block(kind: str, table_comment: str) -> Block:
        nonlocal header, pending
        index = counters.get(kind, 0)
        counters[kind] = index + 1
        if header is None:  # the file's header: the comments up to the last blank line
            cut = len(pending) - pending[::-1].index("") if "" in pending else 0
            header, pending = _strip(pending[:cut]), pending[cut:]
        block = Block(kind, index, dict(document[kind][index]), leading=_tidy(pending))
        if table_comment:
            block.header.append(table_comment)
        pending = []
        blocks.append(block)
        return block

    for key, item in top:
        if key is None:
            pending.append(str(item))
        elif isinstance(item, list):  # the [[key]] tables, in file order
            for table in item:
                block = new_block(key, table.comment)
                try:
                    pending = _read_table(block, table.body)
                except FormatError as exc:
                    raise FormatError(f"{name}: {exc}") from None
        elif isinstance(item, Value) and item.text.startswith("["):  # event = [{...}, ...]: inline tables
            if comments(item.text):
                raise FormatError(f"{name}: comments inside the array '{key}' cannot be placed; left untouched")
            pending.extend([item.comment] if item.comment else [])
            for _ in document[key]:
                new_block(key, "")
        else:  # not a valid chronology; parse_file refused it already
            raise FormatError(f"{name}: unexpected top-level '{key}'; left untouched")
    if header is None:
        cut = len(pending) - pending[::-1].index("") if "" in pending else len(pending)
        return Layout(_strip(pending[:cut]), [], _strip(pending[cut:]))
    footer = _strip(pending)
    if blocks and footer and pending[0] != "":  # comments right after the last key stay with it
        cut = pending.index("") if "" in pending else len(pending)
        blocks[-1].trailing.extend(_tidy(pending[:cut]))
        footer = _strip(pending[cut:])
    return Layout(header, blocks, footer)


def _read_table(block: Block, body: Sequence[tuple[str | None, Any]]) -> list[str]:
    """Attach a table's comments to its keys; return what follows its last key."""
    pending: list[str] = []
    last: str | None = None
    for name, item in body:
        if name is None:
            pending.append(str(item))
            continue
        notes = block.keys.setdefault(name, Notes())
        _leaf(notes, item).leading.extend(c for c in pending if c)
        pending = []
        tail = _read_item(notes, item)
        pending.extend(tail)
        last = name
    if last is None:
        return pending
    # Comments right after the last key (no blank line between) are the table's; after a
    # blank line they precede the next table.
    if pending and pending[0] != "" and "" in pending:
        cut = pending.index("")
        block.trailing.extend(pending[:cut])
        pending = pending[cut:]
    return pending


def _leaf(notes: Notes, item: Any) -> Notes:
    """Where comments on the lines before a key belong: the key itself, or for a dotted key
    (``extra.country = ...``) the leaf it names, so that they stay above that line even when the
    table is written under its own ``[event.extra]`` header."""
    while isinstance(item, Table) and item.dotted and item.body:
        name, item = item.body[0]
        if name is None:
            break
        notes = notes.inner.setdefault(name, Notes())
    return notes


def _read_item(notes: Notes, item: Any) -> list[str]:
    """Record one value's comments in ``notes``; return comments that follow it (a sub-table's tail)."""
    if item.comment:
        notes.trailing.append(item.comment)
    if isinstance(item, Table):  # [event.extra], or dotted keys extra.a = 1
        pending: list[str] = []
        for name, child in item.body:
            if name is None:
                pending.append(str(child))
                continue
            inner = notes.inner.setdefault(name, Notes())
            inner.leading.extend(c for c in pending if c)
            pending = _read_item(inner, child)
        return pending
    if item.text.startswith("[") and comments(item.text):
        notes.verbatim = item.text
    return []


def _tidy(lines: Sequence[str]) -> list[str]:
    """Comment lines with runs of blank lines made one, and none at the start."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line.rstrip())
    return out


def _strip(lines: Sequence[str]) -> list[str]:
    """Comment lines tidied, with no blank line at the end either."""
    out = _tidy(lines)
    while out and out[-1] == "":
        out.pop()
    return out


# -- sorting ---------------------------------------------------------------------------------


def _sorted(layout: Layout, parsed: ParsedFile) -> Layout:
    """Events ordered by date then id, in the places events held; other tables stay put."""
    order = {event.origin.index: (event.sort_key[:2], event.id) for event in parsed.events if event.origin}
    events = sorted((b for b in layout.blocks if b.kind == "event"), key=lambda b: order[b.index])
    queue = iter(events)
    blocks = [next(queue) if block.kind == "event" else block for block in layout.blocks]
    return replace(layout, blocks=blocks)


# -- writing ---------------------------------------------------------------------------------


def table_text(kind: str, values: Mapping[str, Any]) -> str:
    """One new ``[[kind]]`` table in the canonical layout, as ``chrono add`` and ``chrono import``
    write it: a file they write is already formatted."""
    return "\n".join(_block_lines(Block(kind=kind, index=0, values=dict(values)))) + "\n"


def _emit(layout: Layout) -> str:
    out: list[str] = []
    if layout.header:
        out.extend(layout.header)
    for block in layout.blocks:
        if out:
            out.append("")
        out.extend(_block_lines(block))
    if layout.footer:
        if out:
            out.append("")
        out.extend(layout.footer)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _block_lines(block: Block) -> list[str]:
    lines = list(block.leading)
    lines.append(_with_comment(f"[[{block.kind}]]", block.header[:1]))
    lines.extend(block.header[1:])
    rank = _KEY_RANK[block.kind]
    keys = sorted(block.values, key=lambda k: rank.get(k, len(rank)))
    dates = DATE_KEYS[block.kind]
    sub_tables: list[list[str]] = []
    for key in keys:
        value = block.values[key]
        if key in dates and isinstance(value, str):
            value = _written_date(value)
        notes = block.keys.get(key, _NO_NOTES)
        if isinstance(value, dict) and _as_sub_table(key, value, notes):
            sub_tables.append(_sub_table_lines(f"{block.kind}.{key_text(key)}", value, notes))
        elif notes is _NO_NOTES:  # most keys: no comment to place, one entry (maybe of several lines)
            lines.append(f"{key_text(key)} = {value_text(value, len(key) + 3, top=True)}")
        else:
            lines.extend(_entry_lines(key, value, notes, top=True))
    for sub in sub_tables:
        lines.extend(sub)
    lines.extend(block.trailing)
    return lines


def _as_sub_table(key: str, value: dict[str, Any], notes: Notes) -> bool:
    """A table value goes under its own ``[kind.key]`` header when it holds comments or is long."""
    if notes is not _NO_NOTES and (any(not n.empty() for n in notes.inner.values()) or notes.verbatim):
        return True
    return len(f"{key_text(key)} = {inline(value)}") > WIDTH


def _sub_table_lines(path: str, value: dict[str, Any], notes: Notes) -> list[str]:
    lines = list(notes.leading)
    lines.append(_with_comment(f"[{path}]", notes.trailing[:1]))
    lines.extend(notes.trailing[1:])
    for key, item in value.items():
        lines.extend(_entry_lines(key, item, notes.inner.get(key, _NO_NOTES), top=True))
    return lines


def _entry_lines(key: str, value: Any, notes: Notes, *, top: bool) -> list[str]:
    lines = list(notes.leading)
    inner = [c for n in notes.inner.values() for c in n.flattened()]
    lines.extend(inner)  # comments of an inline table's keys: written above it
    text = notes.verbatim if notes.verbatim is not None else value_text(value, len(key) + 3, top=top)
    first, *rest = f"{key_text(key)} = {text}".split("\n")
    if rest:
        rest[-1] = _with_comment(rest[-1], notes.trailing[:1])
        lines.extend([first, *rest])
    else:
        lines.append(_with_comment(first, notes.trailing[:1]))
    lines.extend(notes.trailing[1:])
    return lines


def _with_comment(line: str, comments: Sequence[str]) -> str:
    return f"{line}  {comments[0]}" if comments else line


# -- the guards ------------------------------------------------------------------------------


def _verify(name: str, before: str, after: str, parsed: ParsedFile, document: Mapping[str, Any]) -> None:
    """Refuse a result that lost a comment or changed a record (a bug here, never the user's).

    The output's values are first compared as tomli reads them with the input's, dates as fmt
    writes them: equal values make equal records, at the cost of a parse. Only where they
    differ (a NaN, which equals nothing) are both files loaded and their records compared.
    """
    if sorted(comments(before)) != sorted(comments(after)):
        raise FormatError(f"{name}: the canonical layout would not keep every comment; left untouched")
    written, _ = parse_toml(name, after)
    if written is not None and written == _as_written(document):
        return
    again = parse_file(name, after)
    if again.report.problems or not _same_records(_records(again), _records(parsed)):
        raise FormatError(f"{name}: the canonical layout would change the data; left untouched")


def _as_written(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document's values as the canonical layout writes them: a plain day as a TOML date."""
    out = dict(document)
    for kind, keys in DATE_KEYS.items():
        tables = document.get(kind)
        if not isinstance(tables, list) or not keys:
            continue
        out[kind] = [
            {**table, **{k: _written_date(table[k]) for k in keys if isinstance(table.get(k), str)}}
            if isinstance(table, dict)
            else table
            for table in tables
        ]
    return out


def _written_date(value: str) -> Any:
    """A date key's string as fmt writes it: a plain day becomes a TOML date; anything else stays."""
    as_date = date_value(value)
    return as_date if isinstance(as_date, _dt.date) else value


def _same_records(left: tuple[Any, ...], right: tuple[Any, ...]) -> bool:
    """Equal records, an ``extra`` compared as data (a NaN equals a NaN, as ``chrono diff`` has it)."""
    from chrono.questions.diff import same

    for mine, theirs in zip(left, right, strict=True):
        if len(mine) != len(theirs):
            return False
        for one, other in zip(mine, theirs, strict=True):
            extra_a, extra_b = getattr(one, "extra", None), getattr(other, "extra", None)
            if extra_a is None or extra_b is None:
                if one != other:
                    return False
            elif not same(dict(extra_a), dict(extra_b)) or replace(one, extra={}) != replace(other, extra={}):
                return False
    return True


def _records(parsed: ParsedFile) -> tuple[Any, ...]:
    def plain(records: Sequence[Any]) -> list[Any]:
        return sorted((replace(r, origin=None) for r in records), key=lambda r: r.id)

    return (plain(parsed.events), plain(parsed.actors), plain(parsed.sources))


def changed_lines(name: str, before: str, after: str) -> Iterator[str]:
    """A unified diff from the file as it is to its canonical text."""
    import difflib

    return difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name}", f"{name} (formatted)"
    )
