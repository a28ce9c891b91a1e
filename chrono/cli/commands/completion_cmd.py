"""``chrono completion bash|zsh|fish``: the shell's completion script, through click."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import OneLineChoice
from chrono.cli.output import write_lines

STARTUP_LINES = {
    "bash": 'eval "$(chrono completion bash)"     # in ~/.bashrc',
    "zsh": 'eval "$(chrono completion zsh)"      # in ~/.zshrc',
    "fish": "chrono completion fish | source     # in ~/.config/fish/config.fish",
}


class ShellChoice(OneLineChoice):
    """The shells, named in one sentence with an example when none is given."""

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        *first, last = self.choices
        return f"Name the shell: {', '.join(first)} or {last} (for example 'chrono completion bash')."


@click.command("completion", cls=ChronoCommand)
@click.argument("shell", type=ShellChoice(sorted(STARTUP_LINES)))
@click.pass_obj
def command(env: Environment, shell: str) -> None:
    """The script for SHELL completes commands, options, and values from the
    data: event ids, kinds, actors, tags, bundled chronology names and files.

    Put one line in the shell's startup file (zsh: eval "$(chrono completion zsh)" in ~/.zshrc).

    \b
    Examples:
      eval "$(chrono completion bash)"        # in ~/.bashrc
      chrono completion fish | source         # in ~/.config/fish/config.fish
    """
    from chrono.cli.main import cli

    completer = get_completion_class(shell)
    assert completer is not None  # click ships bash, zsh and fish
    write_lines(env, [completer(cli, {}, "chrono", "_CHRONO_COMPLETE").source()])
