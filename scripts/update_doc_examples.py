"""Write the real output of every executed documentation example back into its page.

    python scripts/update_doc_examples.py [PAGE...]     # default: every page with examples

Run it after changing what a command prints, then read the diff: it is the change a user sees.
tests/test_docs_examples.py runs the same examples the same way and fails on any difference.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import docexamples


def update(page: Path, environ: dict[str, str]) -> int:
    """Rewrite the outputs of one page; the number of examples whose output changed."""
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    changed = 0
    for example in reversed(docexamples.parse(text, page)):
        actual = docexamples.run(example, environ)
        if actual == example.expected:
            continue
        start = example.line - 1 + example.command.count("\n") + 1
        end = example.end_line - 1
        if "\r" in actual or (actual and not actual.endswith("\n")):
            raise SystemExit(f"{example.where}: output with CR or without a final newline cannot be shown; pipe it")
        if lines[example.line - 1] != "$ " + example.command.split("\n")[0]:
            raise SystemExit(f"{example.where}: only console blocks at the left margin can be updated")
        lines[start:end] = actual.split("\n")[:-1] if actual else []
        changed += 1
        print(f"{example.where}: updated", file=sys.stderr)
    if changed:
        page.write_text("\n".join(lines), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    """Update the given pages, or all of them."""
    pages = [Path(arg).resolve() for arg in argv] or docexamples.pages()
    with tempfile.TemporaryDirectory() as config, tempfile.TemporaryDirectory() as cache:
        environ = docexamples.environment(Path(config), Path(cache))
        total = sum(update(page, environ) for page in pages)
    page = docexamples.FORMATS_PAGE
    page.write_text(docexamples.with_format_table(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{total} examples updated; the table of formats written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
