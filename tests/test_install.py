"""The package works however it is installed: wheel, sdist, editable; from any folder.

Each install goes into a fresh virtual environment that sees the test environment's
libraries (typer, rich, PyYAML, hatchling) but not its copy of neurobenefits, so what runs
is what the install put there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.install

_PROJECT_FILES = ("src", "data", "schema", "pyproject.toml", "README.md", "LICENSE")


def _sh(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the project, so builds never write into the working tree."""
    copy = tmp_path_factory.mktemp("project")
    for name in _PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture(scope="module")
def built(project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dist = tmp_path_factory.mktemp("dist")
    _sh(sys.executable, "-m", "hatchling", "build", "-d", dist, cwd=project_copy)
    return {"wheel": next(dist.glob("*.whl")), "sdist": next(dist.glob("*.tar.gz"))}


def _fresh_environment(root: Path) -> Path:
    """A venv whose only view of the test environment is its libraries, through a .pth file."""
    _sh(sys.executable, "-m", "venv", "--without-pip", root)
    python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = _sh(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    ).stdout.strip()
    # A folder named in a .pth file is searched, but .pth files inside it are not, so the
    # test environment's own (editable) neurobenefits stays invisible here.
    Path(site, "_test_libraries.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


def _pip_install(python: Path, *args: str | Path) -> None:
    _sh(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        *args,
    )


def _check_runs(python: Path, workdir: Path, expected_root: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("NEUROBENEFITS_CATALOGUE", "PYTHONPATH")
    }
    env["XDG_CONFIG_HOME"] = str(workdir)
    where = _sh(
        python,
        "-c",
        "import neurobenefits.catalogue.load as c, neurobenefits; print(neurobenefits.__file__); print(c.bundled_catalogue_path())",
        cwd=workdir,
        env=env,
    )
    module_file, catalogue_file = where.stdout.split("\n")[:2]
    assert Path(module_file).resolve().is_relative_to(expected_root.resolve()), module_file
    assert Path(catalogue_file).is_file()
    script = python.parent / ("neurobenefits.exe" if os.name == "nt" else "neurobenefits")
    listed = _sh(script, "list", cwd=workdir, env=env)
    assert " 8  Reduction of Muscle Spasms and Tone" in listed.stdout
    shown = _sh(
        python, "-m", "neurobenefits", "show", "8", "--format", "json", cwd=workdir, env=env
    )
    assert '"title": "Reduction of Muscle Spasms and Tone"' in shown.stdout
    version = _sh(script, "--version", cwd=workdir, env=env)
    assert version.stdout.startswith("neurobenefits 0.")


def test_wheel_contains_the_catalogue_and_schema(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        assert "neurobenefits/data/benefits.yaml" in names
        assert "neurobenefits/data/benefits.schema.json" in names
        assert "neurobenefits/cli.py" in names
        assert "neurobenefits/browse/browse.tcss" in names  # the browser's layout
        bundled = wheel.read("neurobenefits/data/benefits.yaml")
    assert bundled == (REPO / "data" / "benefits.yaml").read_bytes()


def test_sdist_contains_what_a_build_needs(built: dict[str, Path]) -> None:
    import tarfile

    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in (
        "data/benefits.yaml",
        "schema/benefits.schema.json",
        "src/neurobenefits/cli.py",
        "pyproject.toml",
        "README.md",
    ):
        assert needed in names


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_install_runs_from_anywhere(built: dict[str, Path], tmp_path: Path, kind: str) -> None:
    python = _fresh_environment(tmp_path / "venv")
    _pip_install(python, built[kind])
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    _check_runs(python, workdir, tmp_path / "venv")


def test_editable_install_finds_the_catalogue_in_the_checkout(
    project_copy: Path, tmp_path: Path
) -> None:
    python = _fresh_environment(tmp_path / "venv")
    _pip_install(python, "--editable", project_copy)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    _check_runs(python, workdir, project_copy)
    # An edit to the checkout's catalogue shows at once, as an editable install promises.
    catalogue = project_copy / "data" / "benefits.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(
            "title: Pain Relief", "title: Pain Relief Edited"
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(workdir)}
    shown = _sh(
        python, "-m", "neurobenefits", "show", "1", "--format", "json", cwd=workdir, env=env
    )
    assert '"title": "Pain Relief Edited"' in shown.stdout
