"""Benchmark: the 5.2 workload trained three ways in one run, epochs interleaved.

    python tools/bench.py [--epochs 10]      (make bench)

1. stock d2l: ``d2l.FashionMNIST`` (torchvision dataset, 4-worker DataLoader,
   per-image transforms) and ``d2l.Trainer`` with d2l's own ``ProgressBoard``;
2. ours: ``d2lplus.FashionMNIST`` (in memory, batches by index) and
   ``d2lplus.Trainer`` with the package's board;
3. bare: a plain PyTorch loop over in-memory tensors (the floor here).

All three train the same MLP (784-256-10, ReLU, SGD lr 0.1, batch 256) and
run a validation pass every epoch. d2l's and ours start from the same
weights and see the same batches in the same order (the helper's loader
shuffles as a DataLoader does), so their accuracies should agree closely. Epoch k of each runs back to back, so a
busy machine slows all three alike. The stock path reads the real files
(written where ``d2l.FashionMNIST`` looks for them, so it never downloads).
Prints the median seconds per epoch and the final validation accuracy of
each, and one summary line.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["D2LPLUS_HEADLESS"] = "1"

import torch
from d2l import torch as d2l
from torch import nn

import d2lplus
from d2lplus import fashion_mnist

STOCK_BOARD = d2l.ProgressBoard  # d2l's own, before anything replaces it


class MLP(d2l.Classifier):
    """The concise MLP of section 5.2."""

    def __init__(self, num_outputs, num_hiddens, lr):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(num_hiddens), nn.ReLU(),
                                 nn.LazyLinear(num_outputs))


def stock_data(workdir: Path) -> d2l.FashionMNIST:
    """d2l's FashionMNIST exactly as shipped, reading the real files from ``../data``."""
    raw = workdir / "data" / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    source = fashion_mnist.locate(download=False)
    for name in fashion_mnist.FILES:
        (raw / name.removesuffix(".gz")).write_bytes(fashion_mnist.read_file(source / name))
    (workdir / "run").mkdir()
    os.chdir(workdir / "run")  # d2l's default root is '../data', relative to the working folder
    return d2l.FashionMNIST(batch_size=256)


def ready_trainer(trainer, model, data):
    """What ``Trainer.fit`` does before its epoch loop, so that epochs can be interleaved."""
    trainer.prepare_data(data)
    trainer.prepare_model(model)
    trainer.optim = model.configure_optimizers()
    trainer.epoch = trainer.train_batch_idx = trainer.val_batch_idx = 0
    return trainer


def bare_loop(data: d2lplus.FashionMNIST):
    """A plain PyTorch training loop over the in-memory tensors: no framework at all."""
    X, y = (t for t in data.train.tensors)
    Xv, yv = (t for t in data.val.tensors)
    X, Xv = X.reshape(len(X), -1), Xv.reshape(len(Xv), -1)
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    loss_fn = nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(len(X))
        for start in range(0, len(X), 256):
            idx = order[start:start + 256]
            loss = loss_fn(net(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            return float((net(Xv).argmax(1) == yv).float().mean())

    return epoch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="d2lplus-bench-") as tmp:
        home = os.getcwd()
        stock = stock_data(Path(tmp))
        os.chdir(home)
        ours = d2lplus.FashionMNIST(batch_size=256)

        # Same initial weights (the lazy layers are materialised right after seeding) ...
        d2lplus.seed(0)
        d2l.ProgressBoard = STOCK_BOARD
        stock_model = MLP(10, 256, lr=0.1)
        stock_model(torch.zeros(1, 1, 28, 28))
        stock_trainer = ready_trainer(d2l.Trainer(max_epochs=args.epochs), stock_model, stock)
        d2lplus.seed(0)
        d2l.ProgressBoard = d2lplus.ProgressBoard
        our_model = MLP(10, 256, lr=0.1)
        our_model(torch.zeros(1, 1, 28, 28))
        our_trainer = ready_trainer(d2lplus.Trainer(max_epochs=args.epochs), our_model, ours)
        d2lplus.seed(0)
        bare_epoch = bare_loop(ours)

        times = {"d2l": [], "ours": [], "bare": []}
        bare_acc = 0.0
        for epoch in range(args.epochs):
            for name in times:
                d2lplus.seed(epoch)  # ... and the same batch order each epoch: the same maths
                start = time.perf_counter()
                if name == "bare":
                    bare_acc = bare_epoch()
                else:
                    trainer = stock_trainer if name == "d2l" else our_trainer
                    trainer.epoch = epoch
                    # d2l's board "displays" by printing in a plain script: keep that out of the log
                    with contextlib.redirect_stdout(io.StringIO()):
                        trainer.fit_epoch()
                times[name].append(time.perf_counter() - start)
            print(f"epoch {epoch + 1:2d}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()),
                  flush=True)
        acc = {"d2l": d2lplus.evaluate(stock_model, ours)["accuracy"],
               "ours": d2lplus.evaluate(our_model, ours)["accuracy"], "bare": bare_acc}
    median = {k: statistics.median(v) for k, v in times.items()}
    for name in times:
        print(f"{name:5s} median {median[name]:.2f} s/epoch, validation accuracy {acc[name]:.3f}")
    print(f"bench: ours {median['ours']:.2f}/epoch, d2l {median['d2l']:.2f}/epoch, "
          f"bare {median['bare']:.2f}/epoch, speedup {median['d2l'] / median['ours']:.1f}x, "
          f"overhead {median['ours'] / median['bare']:.2f}x, "
          f"acc ours {acc['ours']:.3f} d2l {acc['d2l']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
