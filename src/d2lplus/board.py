"""d2l's ``ProgressBoard`` without its cost: lines updated in place, one figure per cell.

d2l's board re-plots every line and re-sends the whole figure (as SVG) for
each new point. This one keeps one matplotlib line per label and updates its
data. In a live kernel it re-shows the figure at most every ``interval``
seconds, so training animates; executed headless (``D2LPLUS_HEADLESS=1``) it
shows nothing until the cell ends. Either way the cell ends with exactly one
figure, the final one.
"""

from __future__ import annotations

import collections
import math
import time

from d2l import torch as d2l
from IPython import display, get_ipython
from matplotlib.figure import Figure

from ._checks import check_float, check_int
from .plotting import headless


class ProgressBoard(d2l.ProgressBoard):
    """The board that plots data points as they arrive (same API as d2l's)."""

    interval = 0.25  # seconds between redraws in a live kernel

    def draw(self, x: float, y, label: str, every_n: int = 1):
        """Add point (x, y) to line ``label``; plot the mean of every ``every_n`` points.

        ``y`` is a loss or a metric: any real number or one-element tensor; a
        value that is not finite (a diverged loss) becomes a gap in the line.
        """
        every_n = check_int("every_n", every_n, low=1, high=1_000_000)
        x = check_float("x", x)
        y = _as_float_or_nan(y)
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__}")
        if not hasattr(self, "raw_points"):
            self.raw_points = collections.OrderedDict()
            self.data = collections.OrderedDict()
        points = self.raw_points.setdefault(label, [])
        line = self.data.setdefault(label, [])
        points.append((x, y))
        if len(points) < every_n:
            return
        line.append((sum(p[0] for p in points) / len(points),
                     sum(p[1] for p in points) / len(points)))
        points.clear()
        if not self.display:
            return
        self._update_lines()
        self._schedule_final_show()
        live = not headless() and get_ipython() is not None
        if live and time.monotonic() - getattr(self, "_shown_at", 0.0) > self.interval:
            display.display(self.fig)
            display.clear_output(wait=True)
            self._shown_at = time.monotonic()

    def _update_lines(self) -> None:
        if self.fig is None:
            if self.axes is not None:
                self.fig = self.axes.figure
            else:
                self.fig = Figure(figsize=self.figsize)
                self.axes = self.fig.add_subplot()
        if not hasattr(self, "_lines"):
            self._lines = {}
        for i, (label, points) in enumerate(self.data.items()):
            if label not in self._lines:
                (self._lines[label],) = self.axes.plot(
                    [], [], linestyle=self.ls[i % len(self.ls)],
                    color=self.colors[i % len(self.colors)], label=label)
            self._lines[label].set_data([p[0] for p in points], [p[1] for p in points])
        ax = self.axes
        ax.relim()
        ax.autoscale_view()
        if self.xlim:
            ax.set_xlim(self.xlim)
        if self.ylim:
            ax.set_ylim(self.ylim)
        ax.set_xlabel(self.xlabel or "")
        ax.set_ylabel(self.ylabel or "")
        ax.set_xscale(self.xscale)
        ax.set_yscale(self.yscale)
        ax.legend(loc="best")

    def _schedule_final_show(self) -> None:
        """Show the final figure once, when the running cell ends."""
        shell = get_ipython()
        if shell is None or getattr(self, "_pending", False):
            return
        self._pending = True

        def show_final(*_):
            shell.events.unregister("post_execute", show_final)
            self._pending = False
            display.display(self.fig)

        shell.events.register("post_execute", show_final)


def _as_float_or_nan(y) -> float:
    """A diverged loss (inf, NaN) becomes a gap in the line instead of breaking the axes."""
    if isinstance(y, (str, bytes)):
        raise TypeError(f"y must be a real number, got {type(y).__name__}")
    try:
        value = float(y)
    except OverflowError:  # an integer beyond float's range
        return float("nan")
    except (TypeError, ValueError, RuntimeError):
        raise TypeError(f"y must be a real number, got {type(y).__name__}") from None
    return value if math.isfinite(value) else float("nan")
