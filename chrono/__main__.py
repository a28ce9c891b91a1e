"""``python -m chrono``."""

import sys

try:
    from chrono.cli.main import main
except KeyboardInterrupt:  # Ctrl-C while starting up: quiet, like any other interruption
    sys.exit(130)

if __name__ == "__main__":
    main()
