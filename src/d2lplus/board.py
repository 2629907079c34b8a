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
from typing import Annotated

from d2l import torch as d2l
from IPython import display, get_ipython
from matplotlib.figure import Figure
from pydantic import Field, PlainValidator
from pydantic_core import PydanticCustomError

from ._validate import Int, Real, validated
from .plotting import headless


def _as_float_or_nan(y: object) -> float:
    """A diverged loss (inf, NaN) becomes a gap in the line instead of breaking the axes."""
    try:
        if isinstance(y, (str, bytes, bool)):
            raise TypeError
        value = float(y)  # a number, or a one-element tensor or array (what d2l's Module.plot passes)
    except OverflowError:  # an integer beyond float's range
        return float("nan")
    except (TypeError, ValueError, RuntimeError):
        raise PydanticCustomError("number_type", "Input should be a real number or a one-element tensor") from None
    return value if math.isfinite(value) else float("nan")


LossValue = Annotated[float, PlainValidator(_as_float_or_nan)]


class ProgressBoard(d2l.ProgressBoard):
    """The board that plots data points as they arrive (same API as d2l's)."""

    interval = 0.25  # seconds between redraws in a live kernel

    @validated
    def draw(self, x: Real, y: LossValue, label: str, every_n: Annotated[Int, Field(ge=1, le=1_000_000)] = 1):
        """Add point (x, y) to line ``label``; plot the mean of every ``every_n`` points.

        ``y`` is a loss or a metric: any real number or one-element tensor; a
        value that is not finite (a diverged loss) becomes a gap in the line.
        """
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
