"""Argument validation for the public helpers, declared in their signatures and done by pydantic.

``@validated`` checks every call against the function's annotations (pydantic's
``validate_call`` in strict mode: ``"3"`` is not 3, ``True`` is not 1) and turns
pydantic's report into one ``TypeError`` (wrong type) or ``ValueError`` (wrong
value) whose message starts with the parameter's name and says what is allowed:
``lr must be greater than 0, got -1``. The types below are the vocabulary the
signatures use; rules that tie two arguments together stay plain ``if`` lines.
"""

from __future__ import annotations

import functools
import inspect
import numbers
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, TypeVar

import torch
from pydantic import BeforeValidator, ConfigDict, Field, PlainValidator, ValidationError, WrapValidator, validate_call
from pydantic_core import PydanticCustomError

F = TypeVar("F", bound=Callable)
T = TypeVar("T")

STRICT = ConfigDict(strict=True, arbitrary_types_allowed=True)


def _scalar(value: object) -> object:
    """A one-element tensor (``y[0]``, ``loss.sum()``) stands for its number; a boolean one does not."""
    if isinstance(value, torch.Tensor) and value.numel() == 1 and value.dtype != torch.bool:
        return value.item()
    return value


def _integral(value: object) -> object:
    """NumPy's integer scalars and one-element integer tensors count as integers (strict mode would refuse them)."""
    value = _scalar(value)
    return int(value) if isinstance(value, numbers.Integral) and not isinstance(value, bool) else value


def _real(value: object) -> object:
    """Any real number counts (NumPy's float32, a one-element tensor); an integer beyond float's range is not finite."""
    value = _scalar(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise PydanticCustomError("finite_number", "Input should be a finite number") from None
    return value


def _pair(value: object) -> object:
    """A list or tuple of two values becomes a tuple; anything else is refused with what a pair is."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PydanticCustomError("pair_type", "Input should be a pair of two values")
    items = tuple(value)
    if len(items) != 2:
        raise PydanticCustomError("pair_length", "Input should be a pair of two values")
    return items


def _listed(value: object) -> object:
    """Any sequence but a string (a ``range``, a ``deque``) is read as a list (strict mode takes lists and tuples)."""
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, list, tuple)):
        return list(value)
    return value


def _path(value: object) -> Path:
    if not isinstance(value, (str, Path)):
        raise PydanticCustomError("path_type", "Input should be a file path (str or Path)")
    if not str(value):
        raise PydanticCustomError("path_empty", "Input should be a file path, not an empty string")
    return Path(value)


def _names(value: object) -> object:
    """A set, frozenset, list or tuple (of strings, checked next) becomes a frozenset; a string is refused."""
    if isinstance(value, (set, frozenset)) or isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return frozenset(value)
    raise PydanticCustomError("names_type", "Input should be a collection of names (a set, list or tuple)")


def _unchanged(value: object, handler: Callable) -> object:
    """Check ``value`` against the schema but hand on the object itself, not pydantic's copy."""
    handler(value)
    return value


def instance_of(cls: type, what: str) -> object:
    """The type "an instance of ``cls``", refused with ``must be {what}`` (d2l's and torch's ``Module`` differ)."""
    def check(value: object) -> object:
        if not isinstance(value, cls):
            raise PydanticCustomError("instance_type", "Input should be " + what)
        return value
    return Annotated[cls, PlainValidator(check)]


Int = Annotated[int, BeforeValidator(_integral)]
Real = Annotated[float, BeforeValidator(_real), Field(allow_inf_nan=False)]
Seq = Annotated[Sequence[T], BeforeValidator(_listed)]
Pair = Annotated[tuple[T, T], BeforeValidator(_pair)]
FilePath = Annotated[Path, BeforeValidator(_path)]
Seed = Annotated[Int, Field(ge=0, le=2**32 - 1)]  # what torch.manual_seed and NumPy's seed both take
Text = Annotated[str, Field(min_length=1)]
Names = Annotated[frozenset[str], BeforeValidator(_names)]
Unchanged = Annotated[T, WrapValidator(_unchanged)]  # a record (a run, a study) checked, then passed on as it is
FigSize = Pair[Annotated[Real, Field(ge=0.5, le=40)]]  # (width, height) in inches


def validated(function: F) -> F:
    """``function`` with its arguments checked against its annotations before it runs."""
    checked = validate_call(config=STRICT)(function)
    signature = inspect.signature(function)

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return checked(*args, **kwargs)
        except ValidationError as error:
            if error.title not in (function.__name__, function.__qualname__):  # raised inside, not by its arguments
                raise
            raise _readable(error, signature, args, kwargs) from None

    return call  # type: ignore[return-value]


_TYPE_ERRORS = {"is_instance_of", "is_subclass_of", "callable_type", "sequence_str", "pair_type", "path_type",
                "unexpected_keyword_argument", "unexpected_positional_argument", "missing_argument",
                "missing_keyword_only_argument", "missing_positional_only_argument", "multiple_argument_values"}


def _readable(error: ValidationError, signature: inspect.Signature, args: tuple, kwargs: dict) -> Exception:
    """One message per argument (the alternatives of a union joined by "or"); TypeError if every one is a type."""
    bound = _bind(signature, args, kwargs)
    groups: dict[str, dict] = {}
    for item in error.errors(include_url=False):
        name, value = _name(item["loc"], signature, bound)  # the value as given, before any conversion
        group = groups.setdefault(name, {"value": item["input"] if value is _ABSENT else value,
                                         "phrases": [], "types": []})
        missing = item["type"] == "missing" and len(item["loc"]) > 1
        phrase = f"must have the entry {item['loc'][-1]!r}" if missing else _phrase(item)
        if phrase not in group["phrases"]:
            group["phrases"].append(phrase)
        group["types"].append(item["type"] in _TYPE_ERRORS or item["type"].endswith("_type"))
    parts = []
    for name, group in groups.items():
        shown = group["value"]
        parts.append(f"{name} {_either(group['phrases'])}, got {_got(shown, all(group['types']))}")
    kind = TypeError if all(all(g["types"]) for g in groups.values()) else ValueError
    return kind("; ".join(parts))


_CLASSES = {"Sequence": "a sequence (a list or tuple)", "Mapping": "a mapping (a dict)", "Tensor": "a torch tensor",
            "ndarray": "a NumPy array", "Figure": "a matplotlib Figure", "Axes": "matplotlib Axes",
            "Path": "a file path (str or Path)"}


def _either(phrases: list[str]) -> str:
    """``must be a torch tensor or a NumPy array``: the alternatives of a union, "must be" said once."""
    if len(phrases) > 1 and all(p.startswith("must be ") for p in phrases):
        return "must be " + " or ".join(p[len("must be "):] for p in phrases)
    return " or ".join(phrases)


def _phrase(item: dict) -> str:
    """What pydantic says the input should be or have, as "must be ..." or "must have ..."."""
    message, kind = item["msg"], item["type"]
    if kind == "sequence_str":
        return "must be a sequence (a list or tuple), not a string"
    if kind.startswith(("unexpected_", "missing_", "multiple_")):
        return f"is not an argument the function takes ({message.lower()})"
    if kind == "is_instance_of" and (item.get("ctx") or {}).get("class") in _CLASSES:
        return "must be " + _CLASSES[item["ctx"]["class"]]
    match = re.match(r"(?:Input|Value|String|List|Tuple|Dictionary) should (.*?)(?: after validation)?(?:, not .*)?$",
                     message)
    return f"must {match.group(1)}" if match else f"must be valid ({message})"


def _bind(signature: inspect.Signature, args: tuple, kwargs: dict) -> dict:
    try:
        return dict(signature.bind_partial(*args, **kwargs).arguments)
    except TypeError:
        return dict(kwargs)


_ABSENT = object()


def _name(loc: tuple, signature: inspect.Signature, bound: dict) -> tuple[str, object]:
    """``nodes['a'][1]`` for pydantic's ``('nodes', 'a', 1)``: positions become names, union tags are left out."""
    head, rest = loc[0], list(loc[1:])
    if isinstance(head, int):  # a positional argument: its parameter, or an item of *args
        params = list(signature.parameters.values())
        fixed = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if head < len(fixed):
            head = fixed[head].name
        else:
            star = next((p.name for p in params if p.kind == p.VAR_POSITIONAL), "args")
            head, rest = star, [head - len(fixed), *rest]
    name, value = str(head), bound.get(head, _ABSENT)
    for step in rest:
        if isinstance(value, Mapping) and step in value:
            name, value = f"{name}[{step!r}]", value[step]
        elif isinstance(step, int) and isinstance(value, (list, tuple)) and -len(value) <= step < len(value):
            name, value = f"{name}[{step}]", value[step]
        # any other step names a member of a union (pydantic's tag), not a place in the argument
    return name, value


def _got(value: object, with_type: bool, limit: int = 60) -> str:
    """``repr(value)`` (after its type's name for a type error), cut short: a huge number or a long list
    should not fill the message."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(int(value)) >= 10**30:
        return f"an integer with {len(str(abs(int(value))))} digits"
    text = repr(value)
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return f"{type(value).__name__} {text}" if with_type else text
