"""How nbval treats each stored notebook and code cell: the CPU kernels it runs under; each cell compared as
text, an image only, no output, or ignored by tag.

The root ``conftest.py`` counts these for the test summary; the tests hold the
share of compared cells and the reason given for each ignored one.
"""

IGNORE_TAGS = ("nbval-ignore-output", "nbval-skip")
# The notebooks that train (the four training chapters and the exercise pages of chapters 4 and 5, whose many
# short runs are the most sensitive to last-bit differences) run under PyTorch's other CPU kernels
# (ATEN_CPU_CAPABILITY=default, the code path of a CPU without AVX2: an ARM laptop, an old runner), so the run
# that compares their stored outputs also shows that they hold on another CPU; the rest run under AVX2.
SECOND_KERNEL = ("chapters/ch03/3_4_linear_regression_scratch.ipynb",
                 "chapters/ch04/4_3_base_classification_model.ipynb",
                 "chapters/ch04/4_4_softmax_regression_scratch.ipynb",
                 "chapters/ch05/5_2_mlp_implementation.ipynb",
                 "exercises/ch04_exercises.ipynb",
                 "exercises/ch05_exercises.ipynb")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def output_kind(cell) -> str:
    """How nbval treats a stored code cell: 'ignored' by tag, 'none' (no output), 'image' only, or 'text'."""
    if any(tag in IGNORE_TAGS for tag in cell.metadata.get("tags", [])):
        return "ignored"
    if not cell.get("outputs"):
        return "none"
    for out in cell.outputs:
        if out.output_type in ("stream", "error"):
            return "text"
        if any(mime not in IMAGE_TYPES and not mime.startswith("application/vnd.jupyter.widget")
               for mime in out.get("data", {})):
            return "text"
    return "image"


def nbval_counts(cells) -> dict[str, int]:
    counts = {"text": 0, "none": 0, "image": 0, "ignored": 0}
    for cell in cells:
        counts[output_kind(cell)] += 1
    return counts


def ignore_reason(cell) -> str:
    """Why a cell's output is not compared: a live widget or a timing, with the cell's last line."""
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    comments = [line.lstrip("# ") for line in lines if line.startswith("#") and not line.startswith("#@")]
    if comments:
        return comments[0][:90]
    if "widget(" in cell.source:
        kind = "a live widget, whose state nbval cannot compare"
    elif any(word in cell.source for word in ("seconds", "speedup", "time.", "perf_counter")):
        kind = "a timing, different on every run"
    else:
        kind = "unstated"
    return f"{kind}: {lines[-1][:70]}"
