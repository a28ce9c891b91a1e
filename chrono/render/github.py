"""GitHub Actions workflow commands for ``chrono check --format github``: one annotation per problem.

The escaping is that of GitHub's own toolkit (``@actions/core``): in the message '%', CR and LF
become %25, %0D and %0A; in a property value ':' and ',' are escaped too, as %3A and %2C.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from chrono.errors import Problem, Severity
from chrono.escape import visible

if TYPE_CHECKING:
    from chrono.render.views import CheckAnswer, Look

_DATA = {ord("%"): "%25", ord("\r"): "%0D", ord("\n"): "%0A"}
_PROPERTY = {**_DATA, ord(":"): "%3A", ord(","): "%2C"}


def escape_data(text: str) -> str:
    """A message: '%', CR and LF escaped."""
    return text.translate(_DATA)


def escape_property(text: str) -> str:
    """A property value (file, title): also ':' and ','."""
    return text.translate(_PROPERTY)


def annotation(problem: Problem) -> str:
    """``::error file=F,line=L,col=C,title=CODE::MESSAGE`` (``::warning`` for a warning)."""
    command = "error" if problem.severity is Severity.ERROR else "warning"
    properties = ",".join(
        [
            f"file={visible(escape_property(problem.path))}",
            f"line={problem.line}",
            f"col={problem.col}",
            f"title={visible(escape_property(problem.code))}",
        ]
    )
    # GitHub's escapes first, then any other control character shown as an escape (never raw).
    return f"::{command} {properties}::{visible(escape_data(problem.message))}\n"


def check_github(answer: CheckAnswer, look: Look) -> Iterator[str]:
    """``check --format github``: one workflow command per problem."""
    return (annotation(problem) for problem in answer.report.problems)
