"""Every notebook runs top to bottom in a fresh kernel, on the shipped examples."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


# Run in the kernel after the parameters cell: every figure the notebook shows is recorded as
# drawn with data or not (an empty table gives empty Axes, which would still show as a chart).
RECORD_CHARTS = """
import json
from matplotlib.backend_bases import FigureCanvasBase
_charts = []
_print_figure = FigureCanvasBase.print_figure
def _record(canvas, *args, **kwargs):
    _charts.append(any(ax.has_data() for ax in canvas.figure.axes))
    return _print_figure(canvas, *args, **kwargs)
FigureCanvasBase.print_figure = _record
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebooks_run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(1, nbformat.v4.new_code_cell(RECORD_CHARTS))
    notebook.cells.append(nbformat.v4.new_code_cell("print(json.dumps(_charts))"))
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    charts = json.loads(notebook.cells[-1].outputs[0]["text"])
    assert charts, f"{path.name} drew no chart"
    assert all(charts), f"{path.name}: charts {charts} (false: drawn without data)"


def test_notebooks_are_thin_and_stripped() -> None:
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert all(not cell.outputs and cell.execution_count is None for cell in code), path.name
        assert not any("def " in cell.source or "class " in cell.source for cell in code)
        assert all(len(cell.source.splitlines()) <= 5 for cell in code), path.name
