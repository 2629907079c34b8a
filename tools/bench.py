"""Benchmark: the 5.2 workload trained four ways in one run, epochs interleaved and paired.

    python tools/bench.py [--epochs 6]      (make bench)

1. d2l: stock ``d2l.FashionMNIST`` (torchvision dataset, 4-worker DataLoader,
   per-image transforms) and ``d2l.Trainer`` with d2l's own ``ProgressBoard``;
2. d2l-w0: the same with ``num_workers=0`` (no worker processes fighting
   over two cores, still per-image transforms);
3. ours: ``d2lplus.FashionMNIST`` (in memory, batches by index) and
   ``d2lplus.Trainer`` with the package's board;
4. bare: a plain PyTorch loop over in-memory tensors (the floor here).

All four train the same MLP (784-256-10, ReLU, SGD lr 0.1, batch 256) with a
validation pass every epoch, on the same device: the CPU, which is where stock
d2l 1.0.3 trains (its Trainer refuses GPUs), so the helpers' trainer is held to
it with ``num_gpus=0``. The three d2l-API paths start from the same weights and,
re-seeded before every epoch, see the same batches in the same order (the
helper's loader shuffles as a DataLoader does), so their accuracies agree.

Epoch k of every path runs back to back (the order rotating each epoch), and
the headline figures are medians of *paired* per-epoch ratios — epoch k of d2l
over epoch k of ours — with their spread (min–max and interquartile range), so
that a machine busy with other work shows as a wider spread rather than a
different headline. The stock paths read the real files (written where
``d2l.FashionMNIST`` looks for them, so they never download).
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


def spread(values: list[float]) -> str:
    """Median with min–max and interquartile range, e.g. ``12.3x (min 11.0, max 13.1; IQR 12.0-12.6)``."""
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
    return (f"{statistics.median(values):.2f}x (min {min(values):.2f}, max {max(values):.2f}; "
            f"IQR {q1:.2f}-{q3:.2f}; {len(values)} epochs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=6)
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    device = torch.device("cpu")
    print(f"device: {device} for all paths (stock d2l 1.0.3 trains on the CPU only); torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="d2lplus-bench-") as tmp:
        home = os.getcwd()
        stock = stock_data(Path(tmp))
        stock_w0 = d2l.FashionMNIST(batch_size=256)  # same files, same transforms ...
        stock_w0.num_workers = 0                     # ... and no worker processes
        os.chdir(home)
        ours = d2lplus.FashionMNIST(batch_size=256)

        # Same initial weights (the lazy layers are materialised right after seeding) ...
        models, trainers = {}, {}
        for name, data in [("d2l", stock), ("d2l-w0", stock_w0), ("ours", ours)]:
            d2lplus.seed(0)
            d2l.ProgressBoard = d2lplus.ProgressBoard if name == "ours" else STOCK_BOARD
            model = MLP(10, 256, lr=0.1)
            model(torch.zeros(1, 1, 28, 28))
            trainer = (d2lplus.Trainer(max_epochs=args.epochs, num_gpus=0) if name == "ours"
                       else d2l.Trainer(max_epochs=args.epochs))
            models[name], trainers[name] = model, ready_trainer(trainer, model, data)
        d2lplus.seed(0)
        bare_epoch = bare_loop(ours)
        on = {name: str(next(model.parameters()).device) for name, model in models.items()}
        assert set(on.values()) == {str(device)}, f"paths on different devices: {on}"

        names = ["d2l", "d2l-w0", "ours", "bare"]
        times = {name: [] for name in names}
        bare_acc = 0.0
        for epoch in range(args.epochs):
            for name in names[epoch % 4:] + names[:epoch % 4]:  # rotate: no path always runs first
                d2lplus.seed(epoch)  # ... and the same batch order each epoch: the same maths
                start = time.perf_counter()
                if name == "bare":
                    bare_acc = bare_epoch()
                else:
                    trainers[name].epoch = epoch
                    # d2l's board "displays" by printing in a plain script: keep that out of the log
                    with contextlib.redirect_stdout(io.StringIO()):
                        trainers[name].fit_epoch()
                times[name].append(time.perf_counter() - start)
            print(f"epoch {epoch + 1:2d}: " + ", ".join(f"{k} {times[k][-1]:.2f} s" for k in names), flush=True)
        acc = {name: d2lplus.evaluate(models[name], ours)["accuracy"] for name in models}
        acc["bare"] = bare_acc
    for name in names:
        print(f"{name:6s} median {statistics.median(times[name]):.2f} s/epoch "
              f"(min {min(times[name]):.2f}, max {max(times[name]):.2f}), validation accuracy {acc[name]:.3f}")

    def paired(a: str, b: str) -> list[float]:
        return [x / y for x, y in zip(times[a], times[b], strict=True)]

    print(f"speed-up  d2l / ours     (per-epoch pairs): {spread(paired('d2l', 'ours'))}")
    print(f"  of it:  d2l / d2l-w0   (worker processes on {os.cpu_count()} cores): {spread(paired('d2l', 'd2l-w0'))}")
    print(f"          d2l-w0 / ours  (in-memory batches, no per-image transforms): {spread(paired('d2l-w0', 'ours'))}")
    print(f"overhead  ours / bare    (per-epoch pairs): {spread(paired('ours', 'bare'))}")
    print(f"bench: device {device}, speed-up {statistics.median(paired('d2l', 'ours')):.1f}x, "
          f"overhead {statistics.median(paired('ours', 'bare')):.2f}x (medians of paired ratios), "
          f"acc d2l {acc['d2l']:.3f} d2l-w0 {acc['d2l-w0']:.3f} ours {acc['ours']:.3f} bare {acc['bare']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
