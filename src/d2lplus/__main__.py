"""Command line: ``python -m d2lplus data`` fills the FashionMNIST cache (a set-up step)."""

import sys

from .fashion_mnist import main as prepare_data

COMMANDS = {"data": prepare_data}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m d2lplus {{{'|'.join(COMMANDS)}}}", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(COMMANDS[sys.argv[1]]())
