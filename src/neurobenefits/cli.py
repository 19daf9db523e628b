"""The command line as Typer parses it: its options and help, and dispatch to commands.py.

What each command does is commands.py's, which the quick path (quick.py) calls too; how a
problem ends the program (its stderr line and exit code) is endings.py's. Click's usage
errors are made one line by usage.py. Nothing here is imported by the common reads that
the quick path answers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import commands, exitcodes
from .catalogue.load import ENV_VARIABLE, CatalogueError, load_catalogue
from .commands import Settings
from .endings import answered, fail, fail_with
from .errors import BadRequest, NeurobenefitsError
from .terminal import detect
from .usage import OneLineErrors, TakesGlobalOptions, format_hint

if TYPE_CHECKING:
    from .catalogue.model import Catalogue

HELP = f"""A reference to the benefits of neuro massage for people with neurological injuries
and conditions (stroke, spinal cord injury, multiple sclerosis...): the article's claims,
a verdict on the published evidence for each, and the cautions to know before a session.

An educational reference, not medical advice.

\b
Examples:
  neurobenefits list
  neurobenefits show 8
  neurobenefits search spasm

\b
{exitcodes.SUMMARY}
"""


_APP_SETTINGS: dict[str, Any] = {
    "name": "neurobenefits",
    "help": HELP,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "no_args_is_help": True,
    "add_completion": True,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}


class _Program(OneLineErrors):
    """Usage errors in one line, written as every other error is (endings.fail); a problem
    a command raises ends as endings.py says, also when the app is run on its own (tests)."""

    def invoke(self, ctx: Any) -> Any:  # a Click context (Typer keeps its Click private)
        try:
            return super().invoke(ctx)
        except NeurobenefitsError as problem:
            fail_with(problem)

    def report(self, message: str, code: int) -> NoReturn:
        fail(message, code)


_APP_SETTINGS["cls"] = _Program
app = typer.Typer(**_APP_SETTINGS)


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class ListFormat(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    csv = "csv"
    svg = "svg"


class ShowFormat(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    svg = "svg"


class ReferenceFormat(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


class ExportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


class DataFormat(str, Enum):
    plain = "plain"
    json = "json"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def _offer(
    incomplete: str, choices: Callable[[Catalogue], Iterable[tuple[str, str]]]
) -> list[tuple[str, str]]:
    """Shell completion: the values (with their help) that start with what is typed."""
    try:
        catalogue = load_catalogue()
    except CatalogueError:
        return []
    return [
        (value, help_text)
        for value, help_text in choices(catalogue)
        if value.startswith(incomplete)
    ]


def _complete_refs(incomplete: str) -> list[tuple[str, str]]:
    return _offer(
        incomplete,
        lambda c: (
            [(str(b.id), b.title) for b in c.benefits] + [(b.slug, b.title) for b in c.benefits]
        ),
    )


def _complete_reference_choices(incomplete: str) -> list[tuple[str, str]]:
    return _offer(
        incomplete,
        lambda c: (
            [(r.id, r.short_citation) for r in c.references]
            + [(str(b.id), b.title) for b in c.benefits]
        ),
    )


def _complete_categories(incomplete: str) -> list[tuple[str, str]]:
    return _offer(incomplete, lambda c: c.categories)


def _complete_cautions(incomplete: str) -> list[tuple[str, str]]:
    return _offer(incomplete, lambda c: [(caution.id, caution.title) for caution in c.cautions])


_FORMAT_HELP = "Output format. Default: table on a terminal, plain in a pipe."
# Every choice is case-insensitive: `-f JSON` works as `--evidence Supported` does.
ListFormatOption = Annotated[
    ListFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP, case_sensitive=False)
]
ShowFormatOption = Annotated[
    ShowFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP, case_sensitive=False)
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto (only on a terminal), always or never. NO_COLOR and FORCE_COLOR are honoured.",
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager",
        help=f"Page long output on a terminal (also when {'NEUROBENEFITS_PAGER'} is set).",
    ),
]


def _version(value: bool) -> None:
    if value:
        from . import version_line

        sys.stdout.write(version_line())
        raise typer.Exit(exitcodes.OK)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    catalogue: Annotated[
        list[str] | None,
        typer.Option(
            "--catalogue",
            "-c",
            metavar="PATH",
            path_type=str,  # kept as typed: Path('') would turn `--catalogue ''` into `.`
            help=f"Stack this catalogue file on the others (repeatable). Also: {ENV_VARIABLE}.",
        ),
    ] = None,
    only: Annotated[
        bool,
        typer.Option(
            "--only", help="Use only the --catalogue files: no bundled catalogue, no overlays."
        ),
    ] = False,
) -> None:
    """Global options, read before any command."""
    ctx.obj = Settings(list(catalogue or []), only)


def _settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    settings = root.obj
    return settings if isinstance(settings, Settings) else Settings()


@app.command("list", short_help="List the benefits, each with its evidence verdict.")
def list_command(
    ctx: typer.Context,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-C",
            help="Only this category (a unique prefix will do).",
            autocompletion=_complete_categories,
        ),
    ] = None,
    keyword: Annotated[
        str | None,
        typer.Option("--keyword", "-k", help="Only benefits with this keyword (synonyms count)."),
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option(
            "--evidence",
            "-e",
            help="Only benefits with this verdict: supported, limited, mixed, 'not supported' (the scale is above).",
        ),
    ] = None,
    fmt: ListFormatOption = None,
    color: ColorOption = Color.auto,
    pager: PagerOption = False,
) -> None:
    """List the benefits in a table, with the evidence verdict for each.

    \b
    Each verdict rates the claim as the article makes it:
      [+] supported: systematic reviews of randomised trials find a benefit
      [~] limited: a few small trials, other populations, or laboratory/animal
          studies only
      [?] mixed: studies disagree
      [-] not supported: the best available review finds little or no effect,
          or no trials exist

    \b
    Examples:
      neurobenefits list
      neurobenefits list --category mind
      neurobenefits list --evidence supported --format json
    """
    commands.list_benefits(
        _settings(ctx),
        category=category,
        keyword=keyword,
        evidence=evidence,
        fmt=fmt.value if fmt else None,
        color=color.value,
        pager=pager,
    )


@app.command(
    "show",
    short_help="One benefit in full: evidence, cautions, related.",
    context_settings={"ignore_unknown_options": True},
)
def show_command(
    ctx: typer.Context,
    ref_words: Annotated[
        list[str],
        typer.Argument(
            metavar="REF",
            help="A number, a slug, or a title or a unique part of one (quotes optional).",
            autocompletion=_complete_refs,
        ),
    ],
    fmt: ShowFormatOption = None,
    color: ColorOption = Color.auto,
    pager: PagerOption = False,
) -> None:
    """Show one benefit in full: description, evidence, cautions, related benefits.

    \b
    Examples:
      neurobenefits show 8
      neurobenefits show muscle spasms
      neurobenefits show sleep --format markdown
    """
    # Unknown options reach REF so that `show -1` can say what exists; others are errors.
    unknown = [w for w in ref_words if w.startswith("-") and not w[1:].isdigit()]
    if unknown:
        hint = format_hint(unknown, [choice.value for choice in ShowFormat])
        words = [f"No such option: {unknown[0]}.", hint, "Try 'neurobenefits show --help'."]
        raise BadRequest(" ".join(filter(None, words)))
    commands.show(
        _settings(ctx), ref_words, fmt=fmt.value if fmt else None, color=color.value, pager=pager
    )


@app.command("search", short_help="Find benefits and cautions by words, best first.")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help='Words to find; "quoted words" match as a phrase.'),
    ],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many results.")
    ] = None,
    fmt: ListFormatOption = None,
    color: ColorOption = Color.auto,
    pager: PagerOption = False,
) -> None:
    """Find benefits and cautions by words, best first; synonyms and small typos are understood.

    Entries with every word are shown; when none has them all, those with the most,
    and the output says so. A "quoted phrase" must match as written. Questions about
    safety (is it safe, side effects, contraindications) list every caution.

    \b
    Examples:
      neurobenefits search spasm
      neurobenefits search can massage help with sleep
      neurobenefits search is it safe with blood thinners
      neurobenefits search '"muscle tone"' --format json
    """
    commands.search(
        _settings(ctx),
        query,
        limit=limit,
        fmt=fmt.value if fmt else None,
        color=color.value,
        pager=pager,
    )


@app.command("cautions", short_help="What to know before a session: every caution.")
def cautions_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="One caution, e.g. autonomic-dysreflexia.",
            autocompletion=_complete_cautions,
        ),
    ] = None,
    fmt: ShowFormatOption = None,
    color: ColorOption = Color.auto,
    pager: PagerOption = False,
) -> None:
    """What to know before massaging a client with a neurological condition.

    \b
    Examples:
      neurobenefits cautions
      neurobenefits cautions autonomic-dysreflexia
    """
    commands.cautions(
        _settings(ctx), name, fmt=fmt.value if fmt else None, color=color.value, pager=pager
    )


@app.command("references", short_help="The published sources, and which benefits cite each.")
def references_command(
    ctx: typer.Context,
    keys: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KEY|NUMBER]...",
            help="Reference keys (moyer2011) or benefit numbers (8: the sources it rests on).",
            autocompletion=_complete_reference_choices,
        ),
    ] = None,
    cited_by: Annotated[
        list[str] | None,
        typer.Option(
            "--cited-by",
            metavar="BENEFIT",
            help="The sources one benefit rests on: a number, a slug or part of a title.",
            autocompletion=_complete_refs,
        ),
    ] = None,
    fmt: Annotated[
        ReferenceFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format; bibtex, ris and csl-json import into reference managers.",
            case_sensitive=False,
        ),
    ] = None,
    color: ColorOption = Color.auto,
    pager: PagerOption = False,
) -> None:
    """The published sources behind the evidence, and which benefits cite each.

    \b
    Examples:
      neurobenefits references
      neurobenefits references --format bibtex > neurobenefits.bib
      neurobenefits references moyer2011 --format ris
      neurobenefits references --cited-by 8 --format csl-json
    """
    commands.references(
        _settings(ctx),
        keys or [],
        cited_by or [],
        fmt=fmt.value if fmt else None,
        color=color.value,
        pager=pager,
    )


@app.command("about", short_help="Which catalogue files were loaded, and what each added.")
def about_command(
    ctx: typer.Context,
    fmt: Annotated[
        DataFormat, typer.Option("--format", "-f", help="plain or json.", case_sensitive=False)
    ] = DataFormat.plain,
) -> None:
    """Which catalogue files were loaded, in which order, and what each added.

    \b
    Examples:
      neurobenefits about
      neurobenefits --catalogue clinic.yaml about
    """
    commands.about(_settings(ctx), fmt.value)


@app.command("validate", short_help="Check catalogue files; every problem, one line each.")
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Catalogue files to check (default: the whole stack).",
            path_type=str,
        ),
    ] = None,
    fmt: Annotated[
        DataFormat,
        typer.Option(
            "--format", "-f", help="plain, or json for the problems as data.", case_sensitive=False
        ),
    ] = DataFormat.plain,
) -> None:
    """Check catalogue files and report every problem, one line each.

    Files are checked as they would stack on the bundled catalogue (with --only, on their
    own). Nothing else is run. Exit 0 when valid, 3 when not.

    \b
    Examples:
      neurobenefits validate clinic.yaml
      neurobenefits validate clinic.yaml --format json
    """
    commands.validate(_settings(ctx), paths or [], fmt.value)


@app.command("schema", short_help="Print the JSON Schema of the catalogue format.")
def schema_command() -> None:
    """Print the JSON Schema of the catalogue format (for editors and CI).

    \b
    Examples:
      neurobenefits schema > benefits.schema.json
    """
    commands.schema()


@app.command("browse", short_help="Browse in the terminal: search as you type.")
def browse_command(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(metavar="[QUERY]...", help="Words to start the search with."),
    ] = None,
    color: ColorOption = Color.auto,
) -> None:
    """Browse the reference in the terminal: search as you type, with the evidence and cautions.

    Keys: type to search, Up/Down to move, Enter for details, Escape back, Tab between
    panes, ! cautions, Ctrl+T mark, Ctrl+E save a handout, ? help, Ctrl+Q quit.

    \b
    Examples:
      neurobenefits browse
      neurobenefits browse spasm
    """
    raise typer.Exit(commands.browse(_settings(ctx), query or [], color.value))


@app.command("completion", short_help="Print the completion script for a shell.")
def completion_command(
    shell: Annotated[
        Shell,
        typer.Argument(
            metavar="SHELL", help="bash, zsh, fish or powershell.", case_sensitive=False
        ),
    ],
) -> None:
    """Print the shell completion script for SHELL, whichever shell runs this.

    For packagers and dotfiles: save it where that shell looks for completions (bash:
    bash-completion's completions folder; zsh: a folder on $fpath, as _neurobenefits; fish:
    ~/.config/fish/completions; PowerShell: your $PROFILE).

    \b
    Examples:
      neurobenefits completion bash > neurobenefits
      neurobenefits completion zsh > _neurobenefits
      neurobenefits completion fish > neurobenefits.fish
    """
    # Typer's own scripts, so they speak the protocol its completion answers; but chosen by
    # name, where --show-completion guesses the running shell and ignores the name given.
    from typer._completion_shared import get_completion_script

    script = get_completion_script(
        prog_name="neurobenefits", complete_var="_NEUROBENEFITS_COMPLETE", shell=shell.value
    )
    commands.emit(script + "\n", detect(color="never"))


@app.command("export", short_help="Make a handout for a client: Markdown, HTML or PDF.")
def export_command(
    ctx: typer.Context,
    refs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REF]...",
            help="Benefits to include, as `show` takes them (default: all).",
            autocompletion=_complete_refs,
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, html or pdf. Default: from the --output name, else markdown.",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="The handout's title (default: the catalogue's).")
    ] = None,
    client: Annotated[
        str | None,
        typer.Option("--for", metavar="NAME", help="The client's name, printed at the top."),
    ] = None,
    notes: Annotated[
        str | None,
        typer.Option(
            "--notes",
            metavar="TEXT",
            help="A note from the therapist, printed at the end (its line breaks are kept).",
        ),
    ] = None,
    no_evidence: Annotated[
        bool,
        typer.Option(
            "--no-evidence",
            help="Leave out the verdicts and the references (never the cautions).",
        ),
    ] = False,
    paper: Annotated[
        Paper | None,
        typer.Option(
            "--paper",
            help="Page size of a PDF, or of an HTML page when printed (default: A4 for PDF).",
            case_sensitive=False,
        ),
    ] = None,
) -> None:
    """Make a handout for a client: Markdown, one self-contained HTML page, or PDF.

    The handout has the title, the catalogue's introduction, how many benefits it covers,
    a safety section with every caution, each chosen benefit with its summary, description
    and what the research says (the verdict and its meaning), the article's conclusion,
    your notes, the references, the source, the disclaimer and the date. PDF is printed by
    headless Chromium.

    \b
    Examples:
      neurobenefits export 1 4 8 --format html --output handout.html
      neurobenefits export --format markdown > benefits.md
      neurobenefits export 7 8 --for "Sam" --output sleep-and-spasm.pdf
    """
    commands.export(
        _settings(ctx),
        refs or [],
        fmt=fmt.value if fmt else None,
        output=output,
        force=force,
        title=title,
        client=client,
        notes=notes,
        evidence=not no_evidence,
        paper=paper.value if paper else None,
    )


# Every command also takes the global options after its name (see usage.py).
for _info in app.registered_commands:
    _info.cls = TakesGlobalOptions


def main() -> None:
    """Run with the process's own arguments (see entry.py for the console script)."""
    run(sys.argv[1:])


# Global options that take a value, so that the command's name can be found after them.
_VALUE_OPTIONS = ("--catalogue", "-c")


def command_named(arguments: list[str]) -> str | None:
    """The command a command line asks for, if it names one (`--catalogue X list` -> list)."""
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in _VALUE_OPTIONS:
            skip = True
        elif argument == "--":
            return None
        elif not argument.startswith("-"):
            return argument
    return None


def app_for(arguments: list[str]) -> typer.Typer:
    """An app holding just the command asked for, or the whole app.

    Typer turns every registered command into a Click command on each call, which costs
    more than the whole of a `show`; building only the one that runs saves that. Help for
    the program, completion and unknown commands get the whole app.
    """
    name = command_named(arguments)
    chosen = [info for info in app.registered_commands if info.name == name]
    if not chosen or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    single = typer.Typer(**_APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


COMPLETION_VARIABLE = "_NEUROBENEFITS_COMPLETE"


def run(arguments: list[str]) -> None:
    """Run the app; a problem or a bug ends as endings.py says, never with a traceback."""
    answered(lambda: _run_app(arguments))


def _run_app(arguments: list[str]) -> None:
    try:
        app_for(arguments)(args=arguments, prog_name="neurobenefits")
    except NeurobenefitsError:
        raise
    except Exception as error:
        # A shell's completion request is input from outside: Typer reads its COMP_* variables
        # without checking them (COMP_CWORD=x raises ValueError). A bad one is bad usage.
        if COMPLETION_VARIABLE not in os.environ:
            raise
        raise BadRequest(
            f"The shell's completion request ({COMPLETION_VARIABLE} with COMP_WORDS and "
            f"COMP_CWORD) could not be read: {error}."
        ) from None
