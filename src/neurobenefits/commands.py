"""What each command does once its arguments are parsed: load, ask the core, lay out, write.

Both ways in call these: the Typer app (cli.py), which parses every command line, and the
quick path (quick.py), which parses the common reads without Typer. Each takes plain values
(strings for a format or a colour, bools, ints) and raises the core's problems (errors.py);
how a problem ends the program is endings.py's. No Typer here, and Rich, PyYAML and the
search engine only inside the functions that need them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import exitcodes
from .catalogue.load import load_catalogue
from .errors import BadRequest, NothingFound, OutputFailed
from .streams import report, write_out
from .terminal import Terminal, detect, pager_command, to_ascii

if TYPE_CHECKING:
    from .catalogue.model import Catalogue
    from .views.answers import Answer


class Settings:
    """What the global options chose: the --catalogue files to stack, and --only."""

    def __init__(self, catalogues: Sequence[str | Path] = (), only: bool = False) -> None:
        self.catalogues: list[str | Path] = list(catalogues)
        self.only = only


def load(settings: Settings) -> Catalogue:
    from .finding.queries import require_catalogues

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
        raise SystemExit(exitcodes.INTERRUPTED) from None  # the reader's Ctrl-C: end quietly
    except PagerFailed as error:
        raise OutputFailed(str(error)) from None
    except PagerError as error:
        raise BadRequest(str(error)) from None
    return True


def _shown(answer: Answer, fmt: str | None, color: str, pager: bool, *, title: str) -> None:
    """The answer in the format asked for, else the one that suits where it is going."""
    from .views.answers import lay_out

    terminal = detect(color=color)
    chosen = fmt or terminal.default_format
    text = lay_out(answer, chosen, terminal, title=title)
    emit(text, terminal, pager, styled=chosen == "table")


def list_benefits(
    settings: Settings,
    *,
    category: str | None = None,
    keyword: str | None = None,
    evidence: str | None = None,
    fmt: str | None = None,
    color: str = "auto",
    pager: bool = False,
) -> None:
    from .finding.queries import filter_benefits
    from .views.answers import BenefitList

    catalogue = load(settings)
    benefits = filter_benefits(catalogue, category=category, evidence=evidence, keyword=keyword)
    _shown(BenefitList(catalogue, benefits), fmt, color, pager, title=catalogue.title)


def show(
    settings: Settings,
    ref_words: Sequence[str],
    *,
    fmt: str | None = None,
    color: str = "auto",
    pager: bool = False,
) -> None:
    from .finding.queries import find_benefit
    from .views.answers import BenefitDetails

    catalogue = load(settings)
    # `show muscle spasms` is `show "muscle spasms"`
    benefit = find_benefit(catalogue, " ".join(ref_words))
    answer = BenefitDetails(catalogue, benefit)
    _shown(answer, fmt, color, pager, title=f"{benefit.id} {benefit.title}")


def search(
    settings: Settings,
    words: Sequence[str],
    *,
    limit: int | None = None,
    fmt: str | None = None,
    color: str = "auto",
    pager: bool = False,
) -> None:
    from .finding.queries import explain_no_hits, search_query
    from .finding.search import notices
    from .finding.search import search as find
    from .views.answers import SearchAnswer

    query = search_query(words)
    catalogue = load(settings)
    result = find(catalogue, query, limit=limit)
    terminal = detect(color=color)
    chosen = fmt or terminal.default_format
    problem = explain_no_hits(query, result)
    if isinstance(problem, NothingFound) and chosen in ("json", "yaml"):
        emit("[]\n", terminal)  # a script still gets the shape it parses: an empty list
    if problem:
        raise problem
    if chosen in ("json", "yaml", "csv"):
        # Scripts read stdout; what a person must know about the query goes to stderr.
        for notice in notices(result):
            report(notice)
    _shown(SearchAnswer(catalogue, result), chosen, color, pager, title=f"search: {query}")


def cautions(
    settings: Settings,
    name: str | None = None,
    *,
    fmt: str | None = None,
    color: str = "auto",
    pager: bool = False,
) -> None:
    from .finding.queries import find_cautions
    from .views.answers import CautionList

    catalogue = load(settings)
    chosen = find_cautions(catalogue, name)
    answer = CautionList(catalogue, chosen, single=name is not None)
    _shown(answer, fmt, color, pager, title="Cautions")


def references(
    settings: Settings,
    keys: Sequence[str] = (),
    cited_by: Sequence[str] = (),
    *,
    fmt: str | None = None,
    color: str = "auto",
    pager: bool = False,
) -> None:
    from .finding.queries import find_references
    from .views.answers import ReferenceList

    catalogue = load(settings)
    chosen = find_references(catalogue, keys, cited_by)
    found = list(chosen.references)
    if fmt in ("bibtex", "ris", "csl-json"):
        from .views import bibliography

        terminal = detect(color=color)
        if fmt == "csl-json":
            text = bibliography.to_csl_json(found, ascii_only=not terminal.unicode)
        else:
            text = (bibliography.to_bibtex if fmt == "bibtex" else bibliography.to_ris)(found)
        emit(text, terminal, pager)
        return
    answer = ReferenceList(catalogue, found, single=chosen.one)
    _shown(answer, fmt, color, pager, title="References")


def about(settings: Settings, fmt: str = "plain") -> None:
    from .catalogue.load import personal_overlay_path, personal_overlay_present
    from .finding.queries import about_data

    catalogue = load(settings)
    terminal = detect(color="never")
    personal = personal_overlay_path()
    # Loaded whenever present: a personal overlay that is there but unreadable stops `load`.
    data = about_data(catalogue, personal, personal_overlay_present(personal))
    if fmt == "json":
        from .views.data import to_json

        emit(to_json(data, ascii_only=not terminal.unicode), terminal)
        return
    from .views.plain import about_view

    emit(about_view(data), terminal)


def validate(settings: Settings, paths: Sequence[str], fmt: str = "plain") -> None:
    """Report every problem of the files as they would stack; exit 3 when there is one."""
    from .errors import CatalogueError
    from .finding.queries import validate_stack

    found = validate_stack(settings.catalogues, paths, only=settings.only)
    terminal = detect(color="never")
    if fmt == "json":
        from .views.data import to_json

        problems = [p.as_dict() for p in found.problems]
        record = {"valid": found.valid, "files": found.files, "problems": problems}
        emit(to_json(record, ascii_only=not terminal.unicode), terminal)
        if not found.valid:
            raise SystemExit(exitcodes.CATALOGUE)  # the problems are on stdout, as data
        return
    if found.catalogue is None:
        raise CatalogueError(found.problems)
    names = ", ".join(paths) or "the catalogue"
    emit(f"{names}: valid ({len(found.catalogue.benefits)} benefits in the stack).\n", terminal)


def schema() -> None:
    from .catalogue.schema import catalogue_schema
    from .views.data import to_json

    emit(to_json(catalogue_schema()), detect(color="never"))


def browse(settings: Settings, words: Sequence[str], color: str = "auto") -> int:
    """The interactive browser's exit code; it needs a terminal on both sides."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BadRequest(
            "browse needs an interactive terminal; try `neurobenefits search` in scripts."
        )
    catalogue = load(settings)
    from .browse import browse as run_browser

    return run_browser(catalogue, " ".join(words), color=color)


def export(
    settings: Settings,
    refs: Sequence[str] = (),
    *,
    fmt: str | None = None,
    output: str | None = None,
    force: bool = False,
    title: str | None = None,
    client: str | None = None,
    notes: str | None = None,
    evidence: bool = True,
    paper: str | None = None,
) -> None:
    from .finding.queries import find_benefits
    from .views.exportformat import plan_export
    from .views.handout import Handout
    from .views.handout_file import handout_bytes
    from .views.textoption import plain_text

    title, client, notes = (
        plain_text("--title", title),
        plain_text("--for", client),
        plain_text("--notes", notes),
    )
    catalogue = load(settings)
    benefits = find_benefits(catalogue, refs)
    plan = plan_export(fmt, output, force=force, paper=paper, to_terminal=sys.stdout.isatty())
    handout = Handout(
        catalogue,
        benefits,
        title=title or catalogue.title,
        made_on=plan.made_on,
        client=client,
        notes=notes,
        evidence=evidence,
    )
    data = handout_bytes(handout, plan.fmt, paper)
    if output is None:
        if plan.fmt == "pdf":
            from .streams import binary_stdout

            binary_stdout().write(data)
        else:
            emit(data.decode("utf-8"), detect(color="never"))
        return
    from .views.outputfile import write_atomically

    write_atomically(output, data, force=force)
    count = len(benefits)
    report(f"Wrote {output} ({count} benefit{'s' if count != 1 else ''}, {plan.fmt}).")
