"""``chrono fmt``: one canonical layout for chronology files, every comment kept.

The values come from tomli, as every command reads them; tomlkit is used only to find the
comments and which key or table each belongs to (it is the one TOML library that keeps them).
The text is then written afresh in the canonical layout (see docs/like-code.md). Two checks guard
every result before it is returned: the comments of the output are those of the input (as a
multiset), and the output loads to the same events, actors and sources. A layout this module
cannot place is refused, never mangled.

tomlkit is imported here only, and this module only by ``chrono fmt``: no other command pays
for it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from chrono.errors import ChronoError, DataError, Severity
from chrono.loading.syntax import parse_toml
from chrono.loading.tables import ACTOR_KEYS, EVENT_KEYS, SOURCE_KEYS, ParsedFile, parse_file
from chrono.writing.tomltext import WIDTH, comments, date_value, inline, key_text, value_text

KEY_ORDER = {"event": EVENT_KEYS, "actor": ACTOR_KEYS, "source": SOURCE_KEYS}
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


@dataclass(slots=True)
class Block:
    """One ``[[kind]]`` table: its values (from tomli), its comments (from tomlkit)."""

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
    parsed = parse_file(name, text)
    errors = [p for p in parsed.report.problems if p.severity is Severity.ERROR]
    if errors:
        raise DataError(errors)
    document, _ = parse_toml(name, text)
    assert document is not None
    layout = _layout(name, text, document)
    if sort:
        layout = _sorted(layout, parsed)
    result = _emit(layout)
    _verify(name, text, result, parsed)
    return result


# -- reading the comments --------------------------------------------------------------------


def _layout(name: str, text: str, document: Mapping[str, Any]) -> Layout:
    import tomlkit
    from tomlkit import items

    try:
        kit = tomlkit.parse(text)
    except Exception as exc:  # tomli accepted it; a tomlkit bug must not become a traceback
        raise FormatError(f"{name}: cannot read the layout ({type(exc).__name__}: {exc}); left untouched") from None
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

    for key, item in kit.body:
        if key is None:
            pending.extend(_loose(item))
        elif isinstance(item, items.AoT):
            for table in item.body:
                block = new_block(key.key, table.trivia.comment)
                try:
                    pending = _read_table(block, table.value.body)
                except FormatError as exc:
                    raise FormatError(f"{name}: {exc}") from None
        elif isinstance(item, items.Array):  # event = [{...}, ...]: tables written inline
            if comments(item.as_string()):
                raise FormatError(f"{name}: comments inside the array '{key.key}' cannot be placed; left untouched")
            pending.extend([item.trivia.comment] if item.trivia.comment else [])
            for _ in item:
                new_block(key.key, "")
        else:  # not a valid chronology; parse_file refused it already
            raise FormatError(f"{name}: unexpected top-level '{key.key}'; left untouched")
    if header is None:
        cut = len(pending) - pending[::-1].index("") if "" in pending else len(pending)
        return Layout(_strip(pending[:cut]), [], _strip(pending[cut:]))
    footer = _strip(pending)
    if blocks and footer and pending[0] != "":  # comments right after the last key stay with it
        cut = pending.index("") if "" in pending else len(pending)
        blocks[-1].trailing.extend(_tidy(pending[:cut]))
        footer = _strip(pending[cut:])
    return Layout(header, blocks, footer)


def _read_table(block: Block, body: Sequence[tuple[Any, Any]]) -> list[str]:
    """Attach a table's comments to its keys; return what follows its last key."""
    pending: list[str] = []
    last: str | None = None
    for key, item in body:
        if key is None:
            pending.extend(_loose(item))
            continue
        name = key.key
        notes = block.keys.setdefault(name, Notes())
        _leaf(notes, key, item).leading.extend(c for c in pending if c)
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


def _leaf(notes: Notes, key: Any, item: Any) -> Notes:
    """Where comments on the lines before ``key`` belong: the key itself, or for a dotted key
    (``extra.country = ...``) the leaf it names, so that they stay above that line even when the
    table is written under its own ``[event.extra]`` header."""
    from tomlkit import items

    while key.is_dotted() and isinstance(item, items.Table) and item.value.body:
        key, item = item.value.body[0]
        if key is None:
            break
        notes = notes.inner.setdefault(key.key, Notes())
    return notes


def _read_item(notes: Notes, item: Any) -> list[str]:
    """Record one value's comments in ``notes``; return comments that follow it (a sub-table's tail)."""
    from tomlkit import items

    if isinstance(item, items.Table):  # [event.extra], or dotted keys extra.a = 1
        if item.trivia.comment:
            notes.trailing.append(item.trivia.comment)
        pending: list[str] = []
        for key, child in item.value.body:
            if key is None:
                pending.extend(_loose(child))
                continue
            inner = notes.inner.setdefault(key.key, Notes())
            inner.leading.extend(c for c in pending if c)
            pending = _read_item(inner, child)
        return pending
    if isinstance(item, items.AoT):
        raise FormatError("an array of tables inside a table cannot be placed; left untouched")
    comment = item.trivia.comment if hasattr(item, "trivia") else ""
    if comment:
        notes.trailing.append(comment)
    if isinstance(item, items.Array) and comments(item.as_string()):
        notes.verbatim = item.as_string()
    return []


def _loose(item: Any) -> list[str]:
    """A comment line, or a blank line, between keys and tables."""
    from tomlkit import items

    if isinstance(item, items.Comment):
        return [item.trivia.comment.rstrip()]
    if isinstance(item, items.Whitespace) and "\n" in item.as_string():
        return [""]
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
    write it: a file they write is already formatted (no tomlkit needed, there are no comments)."""
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
    known = KEY_ORDER[block.kind]
    keys = sorted(block.values, key=lambda k: known.index(k) if k in known else len(known))
    sub_tables: list[list[str]] = []
    for key in keys:
        value = block.values[key]
        if key in DATE_KEYS[block.kind] and isinstance(value, str):
            as_date = date_value(value)  # a plain day becomes a TOML date; anything else stays
            value = as_date if isinstance(as_date, _dt.date) else value
        notes = block.keys.get(key, Notes())
        if isinstance(value, dict) and _as_sub_table(key, value, notes):
            sub_tables.append(_sub_table_lines(f"{block.kind}.{key_text(key)}", value, notes))
            continue
        lines.extend(_entry_lines(key, value, notes, top=True))
    for sub in sub_tables:
        lines.extend(sub)
    lines.extend(block.trailing)
    return lines


def _as_sub_table(key: str, value: dict[str, Any], notes: Notes) -> bool:
    """A table value goes under its own ``[kind.key]`` header when it holds comments or is long."""
    if any(not n.empty() for n in notes.inner.values()) or notes.verbatim:
        return True
    return len(f"{key_text(key)} = {inline(value)}") > WIDTH


def _sub_table_lines(path: str, value: dict[str, Any], notes: Notes) -> list[str]:
    lines = list(notes.leading)
    lines.append(_with_comment(f"[{path}]", notes.trailing[:1]))
    lines.extend(notes.trailing[1:])
    for key, item in value.items():
        lines.extend(_entry_lines(key, item, notes.inner.get(key, Notes()), top=True))
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


def _verify(name: str, before: str, after: str, parsed: ParsedFile) -> None:
    """Refuse a result that lost a comment or changed a record (a bug here, never the user's)."""
    if sorted(comments(before)) != sorted(comments(after)):
        raise FormatError(f"{name}: the canonical layout would not keep every comment; left untouched")
    again = parse_file(name, after)
    if again.report.problems or not _same_records(_records(again), _records(parsed)):
        raise FormatError(f"{name}: the canonical layout would change the data; left untouched")


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
