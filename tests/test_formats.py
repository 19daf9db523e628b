"""Every format of every command, parsed or checked: JSON against its schema, YAML = JSON, CSV, Markdown, SVG."""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from .conftest import REPO, run, run_on_terminal

OUTPUT_SCHEMA = json.loads((REPO / "schema" / "output.schema.json").read_text(encoding="utf-8"))
COMMANDS = {"list": ("list",), "show": ("show", "8"), "search": ("search", "spasm")}


def _json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_follows_the_documented_schema(command: str) -> None:
    data = _json(*COMMANDS[command])
    jsonschema.validate(data, OUTPUT_SCHEMA)
    if command == "show":
        assert isinstance(data, dict)
        assert data["id"] == 8
    else:
        assert isinstance(data, list)
        assert all("score" in item for item in data) == (command == "search")


def test_json_carries_every_catalogue_field() -> None:
    benefit = _json("show", "5")
    assert benefit["slug"] == "cortisol"
    assert benefit["evidence"]["verdict"] == "not supported"
    assert [r["id"] for r in benefit["evidence"]["references"]] == [
        "moyer2011",
        "moyer2004",
        "field2005",
    ]
    assert (
        benefit["evidence"]["references"][0]["url"] == "https://doi.org/10.1016/j.jbmt.2010.06.001"
    )
    assert len(_json("list")) == 14


def test_search_json_says_what_matched() -> None:
    hits = _json("search", "spasticity")
    assert hits[0]["id"] == 8
    matched = hits[0]["matched"]
    assert {
        "term": "spasticity",
        "field": "keywords",
        "word": "spasticity",
        "synonym": False,
    } in matched
    assert {"term": "spasticity", "field": "title", "word": "spasm", "synonym": True} in matched
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_invalid_output_is_rejected_by_the_schema() -> None:
    broken = _json("show", "8")
    broken["id"] = "8"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, OUTPUT_SCHEMA)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_yaml_loads_back_to_the_json_data(command: str) -> None:
    result = run(*COMMANDS[command], "--format", "yaml")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout) == _json(*COMMANDS[command])


@pytest.mark.parametrize("command", ["list", "search"])
def test_csv_has_a_row_per_benefit(command: str) -> None:
    result = run(*COMMANDS[command], "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = _json(*COMMANDS[command])
    assert [int(row["id"]) for row in rows] == [item["id"] for item in expected]
    assert rows[0]["title"] == expected[0]["title"]
    assert rows[0]["keywords"] == "; ".join(expected[0]["keywords"])
    for row, item in zip(rows, expected, strict=True):
        assert row["verdict"] == item["evidence"]["verdict"]
        assert row["verdict_meaning"] == item["evidence"]["meaning"] != ""
    if command == "search":
        assert float(rows[0]["score"]) == expected[0]["score"]


def test_show_does_not_offer_csv() -> None:
    result = run("show", "8", "--format", "csv")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


@pytest.mark.parametrize("command", list(COMMANDS))
def test_markdown_is_a_clean_document(command: str) -> None:
    result = run(*COMMANDS[command], "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# ")
    assert "**Disclaimer:** An educational reference, not medical advice." in text
    assert "\x1b" not in text
    assert "\n\n\n" not in text
    if command == "show":
        assert "## 8. Reduction of Muscle Spasms and Tone" in text
        assert "### Evidence" in text
        assert (
            "- Cabanas-Valdés 2021, International Journal of Environmental Research and Public Health. [doi:10.3390/ijerph18094424](https://doi.org/10.3390/ijerph18094424)"
            in text
        )
    else:
        assert "- **8. Reduction of Muscle Spasms and Tone**" in text


@pytest.mark.parametrize("command", list(COMMANDS))
def test_svg_is_a_picture_of_the_view(command: str) -> None:
    result = run(*COMMANDS[command], "--format", "svg")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.tag.endswith("svg")
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "Spasms" in text  # a table may wrap the title over lines
    assert "Disclaimer" in text


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (("cautions", "--format", "json"), lambda out: len(json.loads(out)) == 6),
        (
            ("cautions", "blood-clots", "--format", "yaml"),
            lambda out: yaml.safe_load(out)["id"] == "blood-clots",
        ),
        (("cautions", "--format", "markdown"), lambda out: out.count("\n## ") == 6),
        (("cautions", "--format", "svg"), lambda out: ET.fromstring(out).tag.endswith("svg")),
        (("references", "--format", "json"), lambda out: len(json.loads(out)) == 20),
        (
            ("references", "moyer2004", "--format", "yaml"),
            lambda out: yaml.safe_load(out)["benefits"] == [4, 5, 14],
        ),
        (("references", "--format", "markdown"), lambda out: out.count("\n- ") == 20),
        (("references", "--format", "table"), lambda out: "Crawford" in out),
        (("about", "--format", "json"), lambda out: json.loads(out)["benefits"] == 14),
        (("validate", "--format", "json"), lambda out: json.loads(out)["valid"] is True),
        (("schema",), lambda out: json.loads(out)["title"] == "neurobenefits catalogue"),
    ],
)
def test_other_commands_formats(args: tuple[str, ...], check: Any) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout)


def test_shipped_catalogue_schema_is_what_the_program_prints() -> None:
    result = run("schema")
    assert json.loads(result.stdout) == json.loads(
        (REPO / "schema" / "benefits.schema.json").read_text(encoding="utf-8")
    )


def test_pager_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal with NEUROBENEFITS_PAGER set, the output goes through the pager."""
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())\""
    env = {"NEUROBENEFITS_PAGER": pager, "COLUMNS": "80", "TERM": "xterm"}
    process = run_on_terminal("show", "8", "--color", "never", env=env)
    assert process.returncode == 0, process.stderr
    assert "Reduction of Muscle Spasms and Tone" in paged.read_text(encoding="utf-8")
    assert "Evidence" in paged.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_svg_uses_system_fonts_and_fetches_nothing(command: str) -> None:
    result = run(*COMMANDS[command], "--format", "svg")
    assert result.exit_code == 0
    svg = result.stdout
    assert "@font-face" not in svg
    assert svg.count("url(") == svg.count("url(#")  # only references within the picture
    assert "monospace" in svg
    root = ET.fromstring(svg)
    links = [
        value
        for element in root.iter()
        for name, value in element.attrib.items()
        if name.endswith("href") or "http" in value
    ]
    assert links == []  # no image, font or style from anywhere
    assert "cdnjs" not in svg
