"""Every notebook in notebooks/ runs top to bottom and its key cells show what they promise.

Cells tagged ``figure`` must output a PNG, ``table`` an HTML table, ``html`` displaCy markup.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CELL_TIMEOUT = 600
# what each notebook must at least show
REQUIRED = {
    "explore_corpus.ipynb": {"figure": 3, "table": 4},
    "one_article.ipynb": {"html": 3, "table": 3, "figure": 1},
}


def _html(cell) -> str:
    return "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.outputs if "data" in o)


def _shows(cell, tag: str) -> bool:
    if tag == "figure":
        return any("image/png" in o.get("data", {}) for o in cell.outputs)
    if tag == "table":
        return "<table" in _html(cell)
    if tag == "html":  # displaCy: entity marks or stacked spans
        return 'class="entity"' in _html(cell) or 'class="spans"' in _html(cell)
    raise AssertionError(f"unknown tag {tag}")


def test_every_notebook_is_covered():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(REQUIRED)


@pytest.fixture
def this_python_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernel running this interpreter, whatever kernels the user has."""
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))  # searched before user and system dirs
    return "python3"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_notebook_runs(name, this_python_kernel):
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        f"{name} is saved with outputs; clear them before committing"
    )
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=this_python_kernel,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    for cell in nb.cells:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    counts = dict.fromkeys(REQUIRED[name], 0)
    for i, cell in enumerate(nb.cells):
        for tag in cell.metadata.get("tags", []):
            assert _shows(cell, tag), f"{name} cell {i} (tagged {tag}) shows no {tag}"
            counts[tag] = counts.get(tag, 0) + 1
    for tag, least in REQUIRED[name].items():
        assert counts[tag] >= least, f"{name}: {counts[tag]} {tag} cells, expected {least}"
