"""The long fuzz run: chrono's Hypothesis properties with a large budget, run by hand.

    python scripts/fuzz.py [EXAMPLES]      (default 2000 per property)

It runs tests/property with the 'fuzz' profile and prints, per property, how many cases were
tried and whether any failed. Failures are shrunk by Hypothesis and printed by pytest; fix them
and add the shrunk example as a test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Run the properties and summarise the cases tried."""
    examples = argv[0] if argv else "2000"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "CHRONO_FUZZ_EXAMPLES": examples}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/property",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    print(done.stdout[-6000:])
    counts = re.findall(r"- (\d+) passing(?: examples)?, (\d+) failing", done.stdout)
    tried = [int(passing) for passing, _ in counts]
    failing = [int(failed) for _, failed in counts]
    print(
        f"fuzz: {sum(tried)} passing cases over {len(tried)} properties; {sum(failing)} failing; exit {done.returncode}"
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
