"""Deterministic ids in a stored notebook, so that a small change to a page makes a small diff.

Jupytext gives every cell a random id and ipywidgets every widget model a random uuid, so each
re-execution rewrote hundreds of lines of an ``.ipynb`` whose content had not changed. Here:

- a cell's id is derived from its type and source (a counter tells identical cells apart), so
  editing one cell changes that cell's id and nothing else;
- a widget model's id is derived from the notebook's name and the model's place in a walk that
  starts at the widget views in cell order and follows each model's references (models no view
  reaches, such as ``jslink``'s links, follow in an order given by their content).

``stabilize(nb, name)`` returns the notebook with both rewritten; applying it twice changes nothing.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
REFERENCE = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def cell_ids(cells: list) -> list[str]:
    """An id per cell from its type and source; the n-th repeat of identical cells gets suffix -n."""
    seen: dict[str, int] = {}
    ids = []
    for cell in cells:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        digest = hashlib.sha1(f"{cell['cell_type']}\n{source}".encode()).hexdigest()[:12]
        count = seen.get(digest, 0)
        seen[digest] = count + 1
        ids.append(digest if count == 0 else f"{digest}-{count}")
    return ids


def _views(nb: dict) -> list[str]:
    """Model ids of the widget views in the outputs, in cell order."""
    found = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id"):
                found.append(view["model_id"])
    return found


def model_order(nb: dict) -> list[str]:
    """Every widget model id of the stored state, in a deterministic order (see the module's docstring)."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order: list[str] = []

    def visit(start: str) -> None:
        stack = [start]
        while stack:
            model = stack.pop()
            if model in order or model not in state:
                continue
            order.append(model)
            refs = REFERENCE.findall(json.dumps(state[model], sort_keys=True))
            stack.extend(reversed(refs))

    for view in _views(nb):
        visit(view)
    while len(order) < len(state):
        known = {m: f"#{i}" for i, m in enumerate(order)}

        def content(model: str, known=known) -> str:
            text = json.dumps(state[model], sort_keys=True)
            return REFERENCE.sub(lambda ref: known.get(ref.group(1), "?"), text)

        visit(min((m for m in state if m not in order), key=lambda m: (content(m), m)))
    return order


def stabilize(nb: dict, name: str) -> dict:
    """A copy of the notebook (nbformat JSON as a dict) with deterministic cell and widget ids."""
    nb = copy.deepcopy(nb)
    for cell, new in zip(nb["cells"], cell_ids(nb["cells"]), strict=True):
        if "id" in cell or nb.get("nbformat_minor", 0) >= 5:
            cell["id"] = new
    mapping = {old: hashlib.md5(f"{name}/widget/{i}".encode()).hexdigest() for i, old in enumerate(model_order(nb))}
    if not mapping:
        return nb
    text = json.dumps(nb, ensure_ascii=False)
    text = re.sub("|".join(mapping), lambda m: mapping[m.group(0)], text)
    return json.loads(text)
