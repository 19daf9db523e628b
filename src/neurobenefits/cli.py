"""The command line: parse arguments, call the core, choose the view, map problems to exit codes.

The rules of what to answer live in queries.py; this is the only module that prints errors
or chooses an exit code (see exitcodes.py): each problem the core raises is mapped in one
place (`_Program`), but for the two that no command can answer for: a stdout that cannot
be written (streams.py, exit 4) and SIGTERM or SIGHUP (signals.py, 128 + the signal).
Rich, PyYAML and the search engine are imported inside the commands that need them, so that
`--version`, `--help` and the machine formats start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import exitcodes
from .catalogue.load import ENV_VARIABLE, CatalogueError, load_catalogue
from .errors import BadRequest, Kind, NeurobenefitsError, NothingFound
from .streams import report, write_out
from .terminal import Terminal, detect, pager_command, to_ascii
from .usage import OneLineErrors, TakesGlobalOptions, format_hint

if TYPE_CHECKING:
    from .catalogue.model import Catalogue
    from .views.answers import Answer

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


# What each kind of problem the core raises means to a shell.
_EXIT_CODES = {
    Kind.NOT_FOUND: exitcodes.NOT_FOUND,
    Kind.USAGE: exitcodes.USAGE,
    Kind.CATALOGUE: exitcodes.CATALOGUE,
    Kind.OUTPUT: exitcodes.OUTPUT,
}


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
    """Usage errors in one line, written as every other error is (see fail); a problem a
    command raises becomes its message on stderr and the exit code of its kind."""

    def invoke(self, ctx: Any) -> Any:  # a Click context (Typer keeps its Click private)
        try:
            return super().invoke(ctx)
        except NeurobenefitsError as problem:
            fail(problem.lines, _EXIT_CODES[problem.kind])

    def report(self, message: str, code: int) -> NoReturn:
        try:
            fail(message, code)
        except typer.Exit as done:
            sys.exit(done.exit_code)


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


class Settings:
    """What the global options chose, for the commands to read."""

    def __init__(self, catalogues: list[str], only: bool) -> None:
        self.catalogues = catalogues
        self.only = only


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"neurobenefits {__version__}\n")
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


def fail(message: str | list[str], code: int) -> NoReturn:
    """Print an error (or one line per problem) to stderr and end with `code`.

    Each line goes through streams.report: control characters from a file name, a key or an
    argument are shown escaped, and a newline inside a value cannot start a second line.
    """
    for line in [message] if isinstance(message, str) else message:
        report(line)
    raise typer.Exit(code)


def _settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    settings = root.obj
    return settings if isinstance(settings, Settings) else Settings([], False)


def load(ctx: typer.Context) -> Catalogue:
    from .finding.queries import require_catalogues

    settings = _settings(ctx)
    require_catalogues(settings.catalogues, settings.only, what="--catalogue PATH to read")
    return load_catalogue(settings.catalogues, only=settings.only)


def emit(text: str, terminal: Terminal, pager: bool = False, *, styled: bool = False) -> None:
    """Write the answer to stdout, through a pager when asked (see streams.py and pager.py).

    `styled` text is Rich's: its escapes are its own colours, its text already sanitised.
    """
    if not terminal.unicode:
        text = to_ascii(text)
    chosen = pager_command(pager, terminal)
    if chosen and _paged(text, chosen, styled):
        return
    write_out(text, styled=styled)


def _paged(text: str, chosen: tuple[str, str], styled: bool) -> bool:
    """Show `text` through the pager; False when it could not start (print directly then)."""
    from .pager import PagerError, PagerFailed, PagerInterrupted, PagerMissing, pager_argv, show
    from .streams import visible

    command, source = chosen
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = (text if styled else visible(text)).encode(encoding, "replace")
        show(data, pager_argv(command, source), source)
    except PagerMissing as error:
        report(str(error))
        return False
    except PagerInterrupted:
        raise typer.Exit(exitcodes.INTERRUPTED) from None
    except PagerFailed as error:
        fail(str(error), exitcodes.OUTPUT)
    except PagerError as error:
        fail(str(error), exitcodes.USAGE)
    return True


def _answer(answer: Answer, fmt: str | None, terminal: Terminal, *, title: str) -> str:
    """The answer in the format asked for, else the one that suits where it is going."""
    from .views.answers import lay_out

    return lay_out(answer, fmt or terminal.default_format, terminal, title=title)


@app.command("list")
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
    from .finding.queries import filter_benefits
    from .views.answers import BenefitList

    catalogue = load(ctx)
    terminal = detect(color=color.value)
    benefits = filter_benefits(catalogue, category=category, evidence=evidence, keyword=keyword)
    fmt_name = fmt.value if fmt else terminal.default_format
    answer = BenefitList(catalogue, benefits)
    text = _answer(answer, fmt_name, terminal, title=catalogue.title)
    emit(text, terminal, pager, styled=fmt_name == "table")


@app.command("show", context_settings={"ignore_unknown_options": True})
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
    ref = " ".join(ref_words)  # `show muscle spasms` is `show "muscle spasms"`
    # Unknown options reach REF so that `show -1` can say what exists; others are errors.
    unknown = [w for w in ref_words if w.startswith("-") and not w[1:].isdigit()]
    if unknown:
        hint = format_hint(unknown, [choice.value for choice in ShowFormat])
        words = [f"No such option: {unknown[0]}.", hint, "Try 'neurobenefits show --help'."]
        raise BadRequest(" ".join(filter(None, words)))
    from .finding.queries import find_benefit
    from .views.answers import BenefitDetails

    catalogue = load(ctx)
    benefit = find_benefit(catalogue, ref)
    terminal = detect(color=color.value)
    fmt_name = fmt.value if fmt else terminal.default_format
    answer = BenefitDetails(catalogue, benefit)
    text = _answer(answer, fmt_name, terminal, title=f"{benefit.id} {benefit.title}")
    emit(text, terminal, pager, styled=fmt_name == "table")


@app.command("search")
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
    from .finding.queries import explain_no_hits, search_query
    from .finding.search import notices, search
    from .views.answers import SearchAnswer

    text_query = search_query(query)
    catalogue = load(ctx)
    result = search(catalogue, text_query, limit=limit)
    terminal = detect(color=color.value)
    fmt_name = fmt.value if fmt else terminal.default_format
    problem = explain_no_hits(text_query, result)
    if isinstance(problem, NothingFound) and fmt_name in ("json", "yaml"):
        emit("[]\n", terminal)  # a script still gets the shape it parses: an empty list
    if problem:
        raise problem
    answer = SearchAnswer(catalogue, result)
    text = _answer(answer, fmt_name, terminal, title=f"search: {text_query}")
    if fmt_name in ("json", "yaml", "csv"):
        # Scripts read stdout; what a person must know about the query goes to stderr.
        for notice in notices(result):
            report(notice)
    emit(text, terminal, pager, styled=fmt_name == "table")


@app.command("cautions")
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
    from .finding.queries import find_cautions
    from .views.answers import CautionList

    catalogue = load(ctx)
    cautions = find_cautions(catalogue, name)
    terminal = detect(color=color.value)
    fmt_name = fmt.value if fmt else terminal.default_format
    answer = CautionList(catalogue, cautions, single=name is not None)
    text = _answer(answer, fmt_name, terminal, title="Cautions")
    emit(text, terminal, pager, styled=fmt_name == "table")


@app.command("references")
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
    from .finding.queries import find_references
    from .views.answers import ReferenceList

    catalogue = load(ctx)
    chosen = find_references(catalogue, keys or [], cited_by or [])
    references = list(chosen.references)
    terminal = detect(color=color.value)
    fmt_name = fmt.value if fmt else terminal.default_format
    if fmt_name in ("bibtex", "ris", "csl-json"):
        from .views import bibliography

        if fmt_name == "csl-json":
            text = bibliography.to_csl_json(references, ascii_only=not terminal.unicode)
        else:
            text = (bibliography.to_bibtex if fmt_name == "bibtex" else bibliography.to_ris)(
                references
            )
        emit(text, terminal, pager)
        return
    answer = ReferenceList(catalogue, references, single=chosen.one)
    text = _answer(answer, fmt_name, terminal, title="References")
    emit(text, terminal, pager, styled=fmt_name == "table")


@app.command("about")
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
    from .catalogue.load import personal_overlay_path, personal_overlay_present
    from .finding.queries import about_data

    catalogue = load(ctx)
    terminal = detect(color="never")
    personal = personal_overlay_path()
    # Loaded whenever present: a personal overlay that is there but unreadable stops `load`.
    data = about_data(catalogue, personal, personal_overlay_present(personal))
    if fmt is DataFormat.json:
        from .views.data import to_json

        emit(to_json(data, ascii_only=not terminal.unicode), terminal)
        return
    from .views.plain import about_view

    emit(about_view(data), terminal)


@app.command("validate")
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
    from .finding.queries import validate_stack

    settings = _settings(ctx)
    given = list(paths or [])
    found = validate_stack(settings.catalogues, given, only=settings.only)
    terminal = detect(color="never")
    if fmt is DataFormat.json:
        from .views.data import to_json

        text = to_json(
            {
                "valid": found.valid,
                "files": found.files,
                "problems": [p.as_dict() for p in found.problems],
            },
            ascii_only=not terminal.unicode,
        )
        emit(text, terminal)
        if not found.valid:
            raise typer.Exit(exitcodes.CATALOGUE)
        return
    if found.catalogue is None:
        raise CatalogueError(found.problems)
    names = ", ".join(str(p) for p in given) or "the catalogue"
    emit(f"{names}: valid ({len(found.catalogue.benefits)} benefits in the stack).\n", terminal)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the catalogue format (for editors and CI).

    \b
    Examples:
      neurobenefits schema > benefits.schema.json
    """
    from .catalogue.schema import catalogue_schema
    from .views.data import to_json

    emit(to_json(catalogue_schema()), detect(color="never"))


@app.command("browse")
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
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BadRequest(
            "browse needs an interactive terminal; try `neurobenefits search` in scripts."
        )
    catalogue = load(ctx)
    from .browse import browse

    raise typer.Exit(browse(catalogue, " ".join(query or []), color=color.value))


@app.command("completion")
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
    emit(script + "\n", detect(color="never"))


@app.command("export")
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
    from .views.handout import Handout, to_html, to_markdown
    from .views.textoption import NotPlainText, plain_text

    try:
        title, client, notes = (
            plain_text("--title", title),
            plain_text("--for", client),
            plain_text("--notes", notes),
        )
    except NotPlainText as error:
        fail(str(error), exitcodes.USAGE)
    catalogue = load(ctx)
    from .finding.queries import find_benefits

    benefits = find_benefits(catalogue, refs or [])
    from .views.exportformat import ExportMisuse, choose_format
    from .views.outputfile import OutputRefused, check_target, write_atomically
    from .views.sourcedate import BadSourceDate, handout_date

    try:
        if output is not None:
            # First (a folder's name has no format to tell), and before the work, so that a
            # PDF is not printed in vain.
            example = f"handout.{_SUFFIXES[fmt.value if fmt else 'markdown']}"
            check_target(output, force=force, example=example)
        named = PurePath(output) if output is not None else None
        chosen = choose_format(fmt.value if fmt else None, named, paper.value if paper else None)
        made_on = handout_date()
    except OutputRefused as error:
        fail(str(error), exitcodes.OUTPUT)
    except (ExportMisuse, BadSourceDate) as error:
        fail(str(error), exitcodes.USAGE)
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        fail(
            "A PDF is not for a terminal: give --output FILE.pdf, or pipe it to a file.",
            exitcodes.USAGE,
        )
    handout = Handout(
        catalogue,
        benefits,
        title=title or catalogue.title,
        made_on=made_on,
        client=client,
        notes=notes,
        evidence=not no_evidence,
    )
    if chosen == "markdown":
        data = to_markdown(handout).encode("utf-8")
    elif chosen == "html":
        data = to_html(handout, paper=paper.value if paper else None).encode("utf-8")
    else:
        from .views.pdf import html_to_pdf

        # A missing browser is a BadRequest, a failed print an OutputFailed (pdf.py).
        data = html_to_pdf(to_html(handout, paper=paper.value if paper else "a4"))
    if output is None:
        if chosen == "pdf":
            from .streams import binary_stdout

            binary_stdout().write(data)
        else:
            emit(data.decode("utf-8"), detect(color="never"))
        return
    try:
        write_atomically(output, data, force=force)
    except OutputRefused as error:
        fail(str(error), exitcodes.OUTPUT)
    except OSError as error:
        fail(f"Could not write {output}: {error.strerror or error}.", exitcodes.OUTPUT)
    report(
        f"Wrote {output} ({len(benefits)} benefit{'s' if len(benefits) != 1 else ''}, {chosen})."
    )


_SUFFIXES = {"markdown": "md", "html": "html", "pdf": "pdf"}


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


def run(arguments: list[str]) -> None:
    """Run the app; an unexpected error is one line, not a traceback."""
    try:
        app_for(arguments)(args=arguments, prog_name="neurobenefits")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(exitcodes.INTERRUPTED)
    except Exception as error:  # a bug: say so plainly, with the traceback only on request
        if os.environ.get("NEUROBENEFITS_DEBUG"):
            raise
        report(
            f"neurobenefits: internal error: {type(error).__name__}: {error}. "
            "Set NEUROBENEFITS_DEBUG=1 to see the traceback, and please report it."
        )
        sys.exit(exitcodes.INTERNAL)
