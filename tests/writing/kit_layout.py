"""tomlkit's reading of a chronology's comments: the oracle ``chrono fmt``'s own scanner is held to.

This is how ``fmt`` found comments before ``chrono.writing.tomlscan`` (tomlkit builds a whole
document, 11 × the time of reading the file); the tests compare the two layouts on every file
they format, so that the faster reading places every comment and blank line where tomlkit did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chrono.writing.fmt import Block, FormatError, Layout, Notes, _strip, _tidy
from chrono.writing.tomltext import comments


def kit_layout(name: str, text: str, document: Mapping[str, Any]) -> Layout:
    """fmt's layout of ``text`` as tomlkit reads it."""
    return _layout(name, text, document)


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


def without_empty_notes(layout: Layout) -> Layout:
    """A layout with the keys that hold no comment left out (only the scanner skips them)."""
    from dataclasses import replace

    blocks = [replace(b, keys={k: n for k, n in b.keys.items() if not n.empty()}) for b in layout.blocks]
    return replace(layout, blocks=blocks)
