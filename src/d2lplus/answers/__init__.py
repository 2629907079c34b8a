"""The answer key of the exercise pages, one module per chapter, kept apart from the check engine.

``selfcheck`` looks answers up here by kind (``NUMBERS``, ``SHAPES``, ``TENSORS``, ``GRADIENTS``,
``ACTIVATIONS``); each chapter module fills the tables of its own exercises.
"""

from __future__ import annotations

from . import ch02, ch03, ch04, ch05
from .base import Answer, Gradient, Trap

__all__ = ["ACTIVATIONS", "GRADIENTS", "NUMBERS", "SHAPES", "TENSORS", "Answer", "Gradient", "Trap"]

CHAPTERS = (ch02, ch03, ch04, ch05)


def _merged(table: str) -> dict:
    merged: dict = {}
    for chapter in CHAPTERS:
        part = getattr(chapter, table, {})
        clash = set(merged) & set(part)
        if clash:
            raise RuntimeError(f"{table}: ids {sorted(clash)} are defined by two chapters")
        merged.update(part)
    return merged


NUMBERS: dict[str, Answer] = _merged("NUMBERS")
SHAPES: dict[str, Answer] = _merged("SHAPES")
TENSORS: dict[str, Answer] = _merged("TENSORS")
GRADIENTS: dict[str, Gradient] = _merged("GRADIENTS")
ACTIVATIONS: dict[str, tuple] = _merged("ACTIVATIONS")
