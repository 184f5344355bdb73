from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    needs = nb.metadata.get("provenance", {}).get("requires")
    if needs and not (path.parent.parent / needs).exists():
        pytest.skip(f"{path.name} needs {needs}, which is not present")
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors
    # a cell that draws shows its picture (an Agg backend and plt.show() showed nothing)
    for c in nb.cells:
        if c.cell_type == "code" and any(w in c.source for w in ("_figure(", "plt.", "display(SVG")):
            kinds = {k for o in c.get("outputs", []) for k in (o.get("data") or {})}
            assert kinds & {"image/svg+xml", "image/png"}, c.source
