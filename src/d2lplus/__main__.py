"""Command line.

``python -m d2lplus data`` fills the FashionMNIST cache (a set-up step);
``python -m d2lplus lr-study [PATH]`` recomputes the learning-rate study of
section 5.2 that the package stores (one CPU thread, several minutes).
"""

import sys

from .fashion_mnist import main as prepare_data


def recompute_lr_study() -> int:
    from .study import main  # torch and d2l only for this command

    return main()


COMMANDS = {"data": prepare_data, "lr-study": recompute_lr_study}
ARGS = {"data": 0, "lr-study": 1}  # how many optional arguments each command takes

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS or len(sys.argv) > 2 + ARGS[sys.argv[1]]:
        print("usage: python -m d2lplus {data | lr-study [PATH]}", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(COMMANDS[sys.argv[1]]())
