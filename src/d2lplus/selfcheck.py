"""Self-checks for the exercise pages: call one with your answer, read ✓ or a hint.

Every check prints one line, bilingual, and returns ``None`` (so nothing more
is echoed under the line in a notebook)::

    ✓ Exercise 2.3.4: correct · 정답입니다.
    ✗ Exercise 2.3.4: not yet · 아직 아닙니다. Hint: … · 힌트: …

A wrong answer gets a hint of what to look at, never the expected answer.

Not answered yet: pass the Python Ellipsis ``...`` as the answer (the student
edition of each exercise page does) and the check prints ::

    · 2.1.2: not answered yet — replace ... with your answer · 아직 답하지 않았습니다

and returns ``None`` without raising. The exercise id (or function name) is
still validated, so a typo there is reported at once.

Input that cannot be an answer at all (wrong type, an unknown exercise id)
raises ``TypeError`` or ``ValueError`` whose message starts with the
parameter's name and says what is allowed. Answers that went wrong get ✗ and a
hint: NaN or infinity, ``None`` (a function that forgot to return), a tensor of
the wrong shape, a function of yours that raises, and a ``torch.Size`` where a
shape worked out by hand is asked for.

Checks of an answer to a numbered exercise:

- ``check_number(exercise, value)``: a number (or one-element tensor); answers
  that are whole numbers (counts, sizes, classes) must match exactly;
- ``check_shape(exercise, shape)``: a shape worked out by hand, written as a tuple such as ``(2, 4)``;
- ``check_tensor(exercise, tensor)``: a tensor.

Checks of a function you wrote. Each compares your function with a reference
that this package owns, chosen by the name or exercise id you pass, on test
inputs the check chooses (away from kinks and singular points) — never with
another function of yours:

- ``check_softmax(softmax)``, ``check_cross_entropy(cross_entropy)``;
- ``check_activation(name, function)`` for ReLU, pReLU, sigmoid, tanh, GELU and Swish;
- ``check_gradient(exercise, grad)``: your hand-derived derivative against
  autograd's gradient of the exercise's own function.

``exercises()`` lists the ids (or names) each check knows.
"""

from .function_checks import check_activation, check_cross_entropy, check_gradient, check_softmax
from .selfcheck_engine import (  # noqa: F401  (the private tables: the tests read the answer key through them)
    _GRADIENTS,
    _KINDS,
    _NUMBERS,
    _SHAPES,
    _TENSORS,
    OPEN,
    RIGHT,
    WRONG,
    check_number,
    check_shape,
    check_tensor,
    exercises,
)

__all__ = ["check_activation", "check_cross_entropy", "check_gradient", "check_number",
           "check_shape", "check_softmax", "check_tensor", "exercises"]
