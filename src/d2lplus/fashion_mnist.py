"""The real FashionMNIST files, found offline first and verified before use.

Where the four original ``.gz`` files come from, in this order:

1. the folder named by the environment variable ``D2LPLUS_FASHION_MNIST``
   (used as it is: nothing is copied, nothing else is tried);
2. the package's cache, ``$D2LPLUS_CACHE/fashion-mnist`` (default
   ``~/.cache/d2lplus/fashion-mnist``);
3. the Debian package ``dataset-fashion-mnist`` — installed, or fetched with
   ``apt-get download`` (no root needed) and unpacked;
4. torchvision's download (Colab, laptops with internet).

Sources 3 and 4 fill the cache, one atomic rename per file. Every file is
checked against the SHA-256 of its *decompressed* contents (the Debian and the
upstream archives compress the same bytes differently), so a truncated or
altered file is refused with an error that names it and says what to do; a
damaged file in the package's cache is replaced from sources 3–4 in place.
When no source works, the error lists every source tried with its own reason
(apt-get's message, a timeout, torchvision's exception). External commands
run with time limits (``APT_TIMEOUT``, ``DPKG_TIMEOUT``).

The tensors handed out are copies: editing them never reaches the next caller.

Run ``python -m d2lplus data`` to fill the cache ahead of time.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ._validate import FilePath, validated

ENV_DIR = "D2LPLUS_FASHION_MNIST"
ENV_CACHE = "D2LPLUS_CACHE"
DEBIAN_PACKAGE = "dataset-fashion-mnist"
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

TEXT_LABELS = ("t-shirt", "trouser", "pullover", "dress", "coat",
               "sandal", "shirt", "sneaker", "bag", "ankle boot")


@dataclass(frozen=True)
class _Spec:
    sha256: str  # of the decompressed bytes
    size: int    # decompressed size in bytes
    magic: int   # IDX magic number: 2049 labels, 2051 images
    count: int   # number of items


FILES = {
    "train-images-idx3-ubyte.gz": _Spec(
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016, 2051, 60000),
    "train-labels-idx1-ubyte.gz": _Spec(
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008, 2049, 60000),
    "t10k-images-idx3-ubyte.gz": _Spec(
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016, 2051, 10000),
    "t10k-labels-idx1-ubyte.gz": _Spec(
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008, 2049, 10000),
}

_FETCH_HINT = (f"run `python -m d2lplus data` (or `make data`) with access to the "
               f"Debian archive or the internet, or set {ENV_DIR} to a folder holding the four "
               f"original files ({', '.join(FILES)})")


class DataError(RuntimeError):
    """A dataset file is missing, unreadable or not the file it should be."""


@dataclass(frozen=True)
class FashionMNISTArrays:
    """The whole dataset in memory: uint8 images (N, 28, 28) and int64 labels (N,)."""
    train_images: torch.Tensor
    train_labels: torch.Tensor
    val_images: torch.Tensor
    val_labels: torch.Tensor


def cache_dir() -> Path:
    """The folder the package caches FashionMNIST in (not created here)."""
    root = os.environ.get(ENV_CACHE)
    if root:
        return Path(root).expanduser() / "fashion-mnist"
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg).expanduser() / "d2lplus" / "fashion-mnist"


@validated
def read_file(path: FilePath) -> bytes:
    """Decompress one dataset file and return its bytes after checking size and checksum."""
    spec = FILES.get(path.name)
    if spec is None:
        raise ValueError(f"path must name one of {', '.join(FILES)}; got {path.name!r}")
    if not path.is_file():
        raise DataError(f"FashionMNIST file {path} is missing. Remedy: {_remedy(path)}")
    try:
        with gzip.open(path, "rb") as f:
            data = f.read(spec.size + 1)
    except (OSError, EOFError, zlib.error) as err:  # truncated or not gzip at all
        raise DataError(f"FashionMNIST file {path} is damaged ({err}). Remedy: {_remedy(path)}") from None
    if len(data) != spec.size or hashlib.sha256(data).hexdigest() != spec.sha256:
        raise DataError(f"FashionMNIST file {path} does not match its checksum (wrong or altered "
                        f"contents, {len(data)} bytes decompressed, expected {spec.size}). "
                        f"Remedy: {_remedy(path)}")
    return data


def _remedy(path: Path) -> str:
    if os.environ.get(ENV_DIR) and Path(os.environ[ENV_DIR]).expanduser() == path.parent:
        return (f"replace it with the original file, or unset {ENV_DIR} to use the "
                f"package's cache instead")
    return f"delete {path} and {_FETCH_HINT}"


def _parse_idx(data: bytes, spec: _Spec) -> np.ndarray:
    magic, count = int.from_bytes(data[0:4], "big"), int.from_bytes(data[4:8], "big")
    assert magic == spec.magic and count == spec.count  # guaranteed by the checksum
    if magic == 2051:
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 28, 28)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in FILES)


def _install_into_cache(source: Path, cache: Path, replace: tuple[str, ...] = ()) -> None:
    """Copy the four files from ``source`` into ``cache``, one atomic rename each.

    A file already in the cache is kept unless its name is in ``replace`` (it
    failed verification): the good copy then takes its place in one rename, so
    a reader never finds it missing. ``source`` must have been verified.
    """
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            if (cache / name).is_file() and name not in replace:
                continue
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=cache)
            try:
                with os.fdopen(fd, "wb") as out, open(source / name, "rb") as src:
                    shutil.copyfileobj(src, out)
                os.chmod(tmp, 0o644)
                os.replace(tmp, cache / name)  # atomic: readers never see half a file
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except OSError as err:
        raise DataError(f"cannot write the FashionMNIST cache {cache} ({err.strerror}). Remedy: "
                        f"make it writable, or set {ENV_CACHE} to a writable folder") from None


class _Unavailable(Exception):
    """One source could not provide the files; the message says why."""


APT_TIMEOUT = 600   # seconds for `apt-get download` (about 30 MB)
DPKG_TIMEOUT = 120  # seconds for unpacking the .deb


def _run(command: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess:
    """Run a command with a time limit; failures become ``_Unavailable`` with the command's own words."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        raise _Unavailable(f"`{' '.join(command)}` timed out after {timeout} s") from None
    except OSError as err:
        raise _Unavailable(f"`{' '.join(command)}` could not run ({err})") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout or "").strip().splitlines()
        raise _Unavailable(f"`{' '.join(command)}` failed with exit code {done.returncode}"
                           + (f": {' / '.join(said[-3:])}" if said else ""))
    return done


def _debian_installed(workdir: Path) -> Path:
    """The installed Debian package's folder."""
    if not DEBIAN_DIR.is_dir():
        raise _Unavailable("not installed (no such folder)")
    if not _complete(DEBIAN_DIR):
        raise _Unavailable(f"lacks {', '.join(n for n in FILES if not (DEBIAN_DIR / n).is_file())}")
    return DEBIAN_DIR


def _debian_download(workdir: Path) -> Path:
    """The Debian package fetched with ``apt-get download`` (no root needed) and unpacked."""
    missing = [tool for tool in ("apt-get", "dpkg-deb") if not shutil.which(tool)]
    if missing:
        raise _Unavailable(f"{' and '.join(missing)} not found (not a Debian-based system)")
    _run(["apt-get", "download", DEBIAN_PACKAGE], APT_TIMEOUT, cwd=workdir)
    debs = sorted(workdir.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    if not debs:
        raise _Unavailable(f"apt-get reported success but left no {DEBIAN_PACKAGE}_*.deb")
    _run(["dpkg-deb", "-x", str(debs[-1]), str(workdir / "root")], DPKG_TIMEOUT)
    folder = workdir / "root" / DEBIAN_DIR.relative_to("/")
    if not _complete(folder):
        raise _Unavailable(f"the unpacked package has no complete {DEBIAN_DIR}")
    return folder


def _from_torchvision(workdir: Path) -> Path:
    try:
        import torchvision
        torchvision.datasets.FashionMNIST(root=str(workdir), train=True, download=True)
        torchvision.datasets.FashionMNIST(root=str(workdir), train=False, download=True)
    except Exception as err:  # no internet, no torchvision: reported with the others
        raise _Unavailable(f"{type(err).__name__}: {err}".strip().rstrip(":")) from None
    folder = workdir / "FashionMNIST" / "raw"
    if not _complete(folder):
        raise _Unavailable(f"the download left no complete {folder}")
    return folder


def _sources(download: bool) -> list[tuple[str, object]]:
    """The sources that can fill the cache, in the order they are tried, with their names."""
    sources = [(f"the Debian package folder {DEBIAN_DIR}", _debian_installed)]
    if download:
        sources += [(f"`apt-get download {DEBIAN_PACKAGE}`", _debian_download),
                    ("torchvision's download", _from_torchvision)]
    return sources


def _fill(cache: Path, download: bool, replace: tuple[str, ...] = ()) -> list[str]:
    """Fill ``cache`` from the first source that works; return each failed source with its reason."""
    reasons = []
    for label, source in _sources(download):
        with tempfile.TemporaryDirectory(prefix="d2lplus-fmnist-") as tmp:
            try:
                folder = source(Path(tmp))
                for name in FILES:
                    try:
                        read_file(folder / name)  # refuse to cache a bad file
                    except DataError as err:
                        raise _Unavailable(str(err).split(" Remedy:")[0]) from None
            except _Unavailable as err:
                reasons.append(f"{label}: {err}")
                continue
            _install_into_cache(folder, cache, replace)
            return []
    return reasons


def _damaged(folder: Path) -> dict[str, str]:
    """The files of ``folder`` that fail verification, with what is wrong with each."""
    bad = {}
    for name in FILES:
        try:
            read_file(folder / name)
        except DataError as err:
            bad[name] = str(err).split(" Remedy:")[0]
    return bad


@validated
def locate(download: bool = True, verify: bool = False) -> Path:
    """Return a folder holding the four files, filling the cache from the next source if needed.

    With ``verify=True`` the cached files are checked too, and a damaged one
    (truncated, altered) is replaced from the sources before the cache is used.
    """
    env = os.environ.get(ENV_DIR)
    if env:
        folder = Path(env).expanduser()
        if not folder.is_dir():
            raise DataError(f"{ENV_DIR} names {folder}, which is not a folder. Remedy: point it at "
                            f"a folder holding {', '.join(FILES)}, or unset it")
        if verify:  # the reader's own folder: checked, never replaced
            for name in FILES:
                read_file(folder / name)
        return folder
    cache = cache_dir()
    damaged = ({name: why for name, why in _damaged(cache).items() if (cache / name).exists()}
               if verify else {})
    if _complete(cache) and not damaged:
        return cache
    reasons = _fill(cache, download, replace=tuple(damaged))
    if not reasons:
        return cache
    found = ("; ".join(damaged.values()) + ", and it could not be replaced" if damaged
             else f"FashionMNIST was not found (tried the cache {cache}: no complete copy")
    raise DataError(f"{found}{'; ' if not damaged else ' (tried '}{'; '.join(reasons)}). Remedy: "
                    + (f"delete the damaged file and {_FETCH_HINT}" if damaged else _FETCH_HINT))


@functools.lru_cache(maxsize=2)
def _load(folder: str, stamp: tuple) -> FashionMNISTArrays:
    arrays = []
    for name, spec in FILES.items():
        array = _parse_idx(read_file(Path(folder) / name), spec)
        arrays.append(torch.from_numpy(array.copy()))
    train_x, train_y, val_x, val_y = arrays
    return FashionMNISTArrays(train_x, train_y.long(), val_x, val_y.long())


def _stamp(folder: Path) -> tuple:
    return tuple((p.stat().st_mtime_ns, p.stat().st_size, p.stat().st_ino) if p.exists() else None
                 for p in (folder / name for name in FILES))


@validated
def load_fashion_mnist(download: bool = True) -> FashionMNISTArrays:
    """All of FashionMNIST as tensors (60 000 training and 10 000 validation images).

    The files are read once per folder and kept in memory; every call returns
    its own copy, so editing the tensors in place (relabelling, normalising)
    never reaches the next caller. A damaged file in the package's cache is
    replaced from the sources (the Debian package, torchvision) and read again.
    """
    folder = locate(download=download)
    try:
        cached = _load(str(folder), _stamp(folder))
    except DataError:
        if os.environ.get(ENV_DIR) or folder != cache_dir():
            raise  # the reader's own folder: theirs to fix (the error says how)
        folder = locate(download=download, verify=True)
        cached = _load(str(folder), _stamp(folder))
    return FashionMNISTArrays(*(t.clone() for t in (cached.train_images, cached.train_labels,
                                                    cached.val_images, cached.val_labels)))


def main(argv: list[str] | None = None) -> int:
    """Fill the cache (set-up step); print where the files are."""
    try:
        folder = locate(download=True, verify=True)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"FashionMNIST ready in {folder}")
    return 0
