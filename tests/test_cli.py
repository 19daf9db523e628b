"""Every command and every error path: the exit code and what is printed, where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurobenefits import exitcodes

from .conftest import run, run_app

DISCLAIMER_START = "Disclaimer: An educational reference, not medical advice."


def test_list_prints_all_fourteen_with_the_disclaimer() -> None:
    result = run("list")
    assert result.exit_code == exitcodes.OK
    for number, title in [
        (1, "Pain Relief"),
        (8, "Reduction of Muscle Spasms and Tone"),
        (14, "Promotion of Overall Well-being"),
    ]:
        assert f"{number:>2}  {title}" in result.stdout
    assert DISCLAIMER_START in result.stdout
    assert result.stderr == ""


def test_list_table_has_columns_and_evidence() -> None:
    result = run("list", "--format", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "No." in line)
    for column in ("No.", "Title", "Category", "Summary", "Evidence"):
        assert column in header
    assert "[-] not supported" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour in a pipe


def test_list_at_80_columns_fits_a_screen_with_each_summary_under_its_title() -> None:
    result = run("list", "--format", "table")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) <= 46  # the whole list, its legend, the source and the disclaimer
    # The catalogue's title heads the benefits' column, "Evidence" the verdicts'.
    assert lines[0].split() == ["Benefits", "of", "Neuro", "Massage", "Evidence"]
    # The legend's heading stands on the rule that ends the list.
    legend = next(n for n, line in enumerate(lines) if line.startswith("What the verdicts mean"))
    assert lines[legend].endswith("\u2500" * 5)
    first = lines.index(next(line for line in lines if "Pain Relief" in line))
    assert lines[first].split()[:4] == ["1", "Pain", "Relief", "(Body)"]
    assert lines[first].endswith("[+] supported")
    assert lines[first + 1].startswith("   Eases pain")  # under the title, not the number
    # Every line is used: no row is a strip of wrapped words beside empty columns.
    body = lines[first:legend]
    assert sum(len(line) for line in body) / len(body) > 55


def test_list_category_filters_and_accepts_a_prefix() -> None:
    result = run("list", "--category", "rec")
    assert result.exit_code == 0
    numbers = [
        int(line.split()[0]) for line in result.stdout.splitlines() if line[:2].strip().isdigit()
    ]
    assert numbers == [9, 12, 13]


def test_list_unknown_category_lists_the_valid_ones() -> None:
    result = run("list", "--category", "feet")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == "No category 'feet'. Valid categories: body, mind, recovery.\n"
    assert result.stdout == ""


def test_list_evidence_filter() -> None:
    result = run("list", "--evidence", "not-supported", "--format", "json")
    assert result.exit_code == 0
    assert [b["id"] for b in json.loads(result.stdout)] == [5, 10, 11]
    bad = run("list", "--evidence", "proven")
    assert bad.exit_code == exitcodes.USAGE
    assert (
        bad.stderr
        == "No verdict 'proven'. Valid verdicts: supported, limited, mixed, not supported.\n"
    )


def test_list_keyword_uses_synonyms() -> None:
    result = run("list", "--keyword", "bed sores", "--format", "json")
    assert result.exit_code == 0
    assert [b["id"] for b in json.loads(result.stdout)] == [10]
    none = run("list", "--keyword", "zebra")
    assert none.exit_code == exitcodes.NOT_FOUND
    assert none.stderr == "No benefit matches these filters.\n"


def test_show_by_number_shows_everything() -> None:
    result = run("show", "8")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("8. Reduction of Muscle Spasms and Tone\nCategory: Body\n")
    assert "easing spasms\nand the contractions a person cannot control" in out
    assert "Verdict: [~] limited (a few small trials, other populations, or" in out
    assert "Keywords: spasm, spasms, spasticity" in out
    assert "Related: 2 Enhanced Mobility and Flexibility; 11 Improved Muscle Function; 1" in out
    assert "Source: Based on the article" in out
    assert DISCLAIMER_START in out


@pytest.mark.parametrize(
    "ref", ["muscle-spasms-and-tone", "Reduction of Muscle Spasms and Tone", "spasms", "SPASM"]
)
def test_show_by_slug_title_or_part(ref: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("8. Reduction of Muscle Spasms and Tone\n")


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("15", "No benefit 15: numbers run from 1 to 14.\n"),
        ("0", "No benefit 0: numbers run from 1 to 14.\n"),
        ("-1", "No benefit -1: numbers run from 1 to 14.\n"),
        ("abc", "No benefit 'abc': numbers run from 1 to 14; try `neurobenefits search abc`.\n"),
        (
            "",
            'No benefit "": give a number, a slug or part of a title (numbers run from 1 to 14).\n',
        ),
        ("circulaton", "No benefit 'circulaton'. Did you mean 3 Improved Circulation?\n"),
        (
            "!!!",
            "No benefit '!!!': give a number, a slug or part of a title (numbers run from 1 to 14).\n",
        ),
    ],
)
def test_show_unknown_ref_is_one_line_on_stderr(ref: str, message: str) -> None:
    result = run("show", ref)
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == message
    assert result.stdout == ""


def test_show_with_an_unknown_option_is_a_usage_error() -> None:
    result = run("show", "--fromat")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == "No such option: --fromat. Try 'neurobenefits show --help'.\n"


def test_show_ambiguous_lists_candidates() -> None:
    result = run("show", "muscle")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == (
        "'muscle' fits 4 benefits: 8 Reduction of Muscle Spasms and Tone; 11 Improved Muscle Function; "
        "12 Facilitation of Muscle Repair and Recovery; 13 Mitigation of Delayed Onset Muscle Soreness (DOMS). "
        "Give the number.\n"
    )


def test_show_missing_argument_is_a_usage_error() -> None:
    result = run("show")
    assert result.exit_code == exitcodes.USAGE
    assert "Missing argument 'REF'" in result.stderr


def test_search_puts_spasm_first_and_says_where() -> None:
    result = run("search", "spasm")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first == " 8  Reduction of Muscle Spasms and Tone [~] limited"
    assert "(matched in title, keywords, summary, description" in result.stdout
    assert DISCLAIMER_START in result.stdout


def test_search_is_case_insensitive_and_regex_is_literal() -> None:
    assert run("search", "SPASM").stdout == run("search", "spasm").stdout
    result = run("search", "spasm.*")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == " 8  Reduction of Muscle Spasms and Tone [~] limited"
    assert run("search", "(").exit_code == exitcodes.USAGE


def test_search_no_match_exits_one() -> None:
    result = run("search", "xylophone")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == (
        'No benefit or caution matches "xylophone".'
        " Not covered here does not mean safe: see every caution with"
        " 'neurobenefits cautions' and ask the client's clinician.\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("query", [[], [""], ["   "]])
def test_search_empty_query_is_a_usage_error(query: list[str]) -> None:
    result = run("search", *query)
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr.strip()


def test_search_limit() -> None:
    result = run("search", "muscle", "--limit", "2", "--format", "json")
    assert [hit["id"] for hit in json.loads(result.stdout)] == [11, 12]
    assert run("search", "muscle", "--limit", "0").exit_code == exitcodes.USAGE


def test_version_is_the_one_the_build_recorded() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"neurobenefits {version('neurobenefits')}\n"


@pytest.mark.parametrize(
    "command", ["list", "show", "search", "cautions", "references", "about", "validate", "schema"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"neurobenefits {command}" in result.stdout


def test_main_help_lists_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert " ".join(exitcodes.SUMMARY.split()) in " ".join(result.stdout.split())


def test_no_arguments_shows_help() -> None:
    result = run()
    assert result.exit_code in (0, 2)
    assert "Usage: neurobenefits" in result.stdout + result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("lst")
    assert result.exit_code == exitcodes.USAGE
    assert "No such command 'lst'" in result.stderr


def test_cautions_lists_all_six_and_shows_one() -> None:
    result = run("cautions", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 6
    one = run("cautions", "autonomic-dysreflexia")
    assert one.exit_code == 0
    assert one.stdout.startswith("Autonomic dysreflexia (autonomic-dysreflexia)\n")
    assert "sit the person upright" in one.stdout
    missing = run("cautions", "sunburn")
    assert missing.exit_code == exitcodes.NOT_FOUND
    assert missing.stderr.startswith(
        "No caution 'sunburn'. Cautions: autonomic-dysreflexia, reduced-sensation,"
    )


def test_references_lists_who_cites_each() -> None:
    result = run("references", "moyer2011")
    assert result.exit_code == 0
    assert "Cited by benefit 5 Lowered Cortisol Levels." in result.stdout
    assert "https://doi.org/10.1016/j.jbmt.2010.06.001" in result.stdout
    missing = run("references", "smith1999")
    assert missing.exit_code == exitcodes.NOT_FOUND
    assert missing.stderr.startswith(
        "No reference 'smith1999': give a key or a benefit number. References: crawford2016, "
    )


def test_about_names_the_files(tmp_path: Path) -> None:
    result = run("about")
    assert result.exit_code == 0
    assert "14 benefits, 20 references, 6 cautions" in result.stdout
    assert "Evidence checked as of 2026-11." in result.stdout
    assert "benefits.yaml (bundled): 14 added, 0 extended" in result.stdout
    assert "Personal overlay:" in result.stdout
    assert "(not present)" in result.stdout


def test_global_options_are_accepted_after_the_command(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("benefits:\n  - id: 8\n    notes: Ask before the session.\n")
    before = run("-c", str(clinic), "show", "8")
    after = run("show", "8", "-c", str(clinic))
    assert after.exit_code == before.exit_code == 0, after.stderr
    assert "Ask before the session." in after.stdout
    assert after.stdout == before.stdout
    only = run("list", "--only", "--catalogue", str(clinic))
    assert only.exit_code == exitcodes.CATALOGUE  # an overlay alone is no catalogue
    assert "Usage:" not in only.stderr


@pytest.mark.parametrize("typed", ["", "{dir}/clinic.yaml/", "./{dir}/none.yaml"])
def test_a_catalogue_after_the_command_is_read_as_typed(tmp_path: Path, typed: str) -> None:
    # The same name means the same file on either side of the command: `-c ''` is refused
    # as empty (not read as the folder `.`), `clinic.yaml/` is not `clinic.yaml`.
    (tmp_path / "clinic.yaml").write_text("benefits:\n  - id: 8\n    notes: Ask first.\n")
    name = typed.format(dir=tmp_path).replace("./" + str(tmp_path), str(tmp_path) + "/.")
    before = run("-c", name, "show", "8", "-f", "plain")
    after = run("show", "8", "-f", "plain", "-c", name)
    assert before.exit_code == exitcodes.CATALOGUE, before.stdout
    assert (after.exit_code, after.stdout, after.stderr) == (
        before.exit_code,
        before.stdout,
        before.stderr,
    )
    assert name in after.stderr or "empty" in after.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("show", "8", "--json"),
            "No such option: --json. Did you mean --format json? Try 'neurobenefits show --help'.\n",
        ),
        (
            ("show", "--json"),
            "No such option: --json. Did you mean --format json? Try 'neurobenefits show --help'.\n",
        ),
        (
            ("list", "--csv"),
            "No such option: --csv. Did you mean --format csv? Try 'neurobenefits list --help'.\n",
        ),
        (
            ("references", "--bibtex"),
            "No such option: --bibtex. Did you mean --format bibtex? "
            "Try 'neurobenefits references --help'.\n",
        ),
        (("lst",), "No such command 'lst'. Did you mean 'list'? Try 'neurobenefits --help'.\n"),
        (("show",), "Missing argument 'REF'. Try 'neurobenefits show --help'.\n"),
        (
            ("list", "--format"),
            "Option '--format' requires an argument. Try 'neurobenefits list --help'.\n",
        ),
        (
            ("list", "--colour", "always"),
            "No such option: --colour (Possible options: --catalogue, --color). "
            "Try 'neurobenefits list --help'.\n",
        ),
    ],
)
def test_usage_errors_are_one_line_with_a_hint(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == message
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ("list", "-f", "JSON"),
        ("list", "--format", "Json", "--color", "NEVER"),
        ("show", "8", "-f", "JSON"),
        ("references", "-f", "Json"),
        ("about", "-f", "JSON"),
    ],
)
def test_choices_are_case_insensitive(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


def test_an_invalid_choice_names_the_valid_ones_in_one_line() -> None:
    result = run("list", "-f", "jsn")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr.count("\n") == 1
    assert "'jsn' is not one of 'table', 'plain', 'json'" in result.stderr


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "Usage: neurobenefits show [OPTIONS] REF"),  # one benefit, in one or more words
        ("search", "Usage: neurobenefits search [OPTIONS] QUERY..."),
        ("completion", "Usage: neurobenefits completion [OPTIONS] SHELL"),
        ("export", "Usage: neurobenefits export [OPTIONS] [REF]..."),
        ("validate", "Usage: neurobenefits validate [OPTIONS] [PATH]..."),
        ("about", "Usage: neurobenefits about [OPTIONS]"),
    ],
)
def test_usage_names_each_argument_as_people_write_it(command: str, usage: str) -> None:
    # Typer writes a required argument in braces, `{REF}`, which reads as a set of choices.
    result = run(command, "--help")
    assert result.exit_code == exitcodes.OK
    assert result.stdout.splitlines()[0] == usage
    assert "{" not in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("show", "99"), exitcodes.NOT_FOUND, "No benefit 99: numbers run from 1 to 14.\n"),
        (
            ("--only", "list"),
            exitcodes.USAGE,
            "--only needs at least one --catalogue PATH to read.\n",
        ),
        (("-c", "missing.yaml", "about"), exitcodes.CATALOGUE, "missing.yaml: no such file\n"),
    ],
)
def test_the_typer_app_alone_ends_each_problem_as_the_console_script_does(
    args: tuple[str, ...], code: int, stderr: str
) -> None:
    # The app without the console entry (as CliRunner or another program runs it).
    alone = run_app(*args)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (code, "", stderr)
    assert run(*args) == alone


def test_help_lists_every_command_with_a_whole_sentence_at_80_columns() -> None:
    result = run("--help", env={"COLUMNS": "80"})
    assert result.exit_code == exitcodes.OK
    commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert len(commands) == 11
    for line in commands:
        assert len(line) <= 80, line
        assert line.endswith("."), line
        assert not line.endswith("..."), line
