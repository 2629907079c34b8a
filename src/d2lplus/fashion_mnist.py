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
altered file is refused with an error that names it and says what to do.

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


def read_file(path: Path) -> bytes:
    """Decompress one dataset file and return its bytes after checking size and checksum."""
    path = Path(path)
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


def _install_into_cache(source: Path, cache: Path) -> None:
    """Copy the four files from ``source`` into ``cache``, verified, one atomic rename each."""
    for name in FILES:
        read_file(source / name)  # refuse to cache a bad file
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            if (cache / name).is_file():
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


def _from_debian(workdir: Path, fetch: bool = True) -> Path | None:
    """The Debian package's folder: installed, or downloaded and unpacked without root."""
    if _complete(DEBIAN_DIR):
        return DEBIAN_DIR
    if not fetch or not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        return None
    got = subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=workdir,
                         capture_output=True, text=True)
    debs = sorted(workdir.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    if got.returncode != 0 or not debs:
        return None
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(workdir / "root")], check=True)
    folder = workdir / "root" / DEBIAN_DIR.relative_to("/")
    return folder if _complete(folder) else None


def _from_torchvision(workdir: Path) -> Path | None:
    try:
        import torchvision
        torchvision.datasets.FashionMNIST(root=str(workdir), train=True, download=True)
        torchvision.datasets.FashionMNIST(root=str(workdir), train=False, download=True)
    except Exception:  # no internet, no torchvision: the caller reports what was tried
        return None
    folder = workdir / "FashionMNIST" / "raw"
    return folder if _complete(folder) else None


def locate(download: bool = True) -> Path:
    """Return a folder holding the four files, filling the cache from the next source if needed."""
    env = os.environ.get(ENV_DIR)
    if env:
        folder = Path(env).expanduser()
        if not folder.is_dir():
            raise DataError(f"{ENV_DIR} names {folder}, which is not a folder. Remedy: point it at "
                            f"a folder holding {', '.join(FILES)}, or unset it")
        return folder
    cache = cache_dir()
    if _complete(cache):
        return cache
    tried = [f"the cache {cache}", f"the Debian package folder {DEBIAN_DIR}"]
    if download:
        tried += ["`apt-get download dataset-fashion-mnist`", "torchvision's download"]
    with tempfile.TemporaryDirectory(prefix="d2lplus-fmnist-") as tmp:
        sources = [functools.partial(_from_debian, fetch=download)]
        if download:
            sources.append(_from_torchvision)
        for source in sources:
            folder = source(Path(tmp))
            if folder is not None:
                _install_into_cache(folder, cache)
                return cache
    raise DataError(f"FashionMNIST was not found (tried {'; '.join(tried)}). Remedy: {_FETCH_HINT}")


@functools.lru_cache(maxsize=2)
def _load(folder: str, stamp: tuple) -> FashionMNISTArrays:
    arrays = []
    for name, spec in FILES.items():
        array = _parse_idx(read_file(Path(folder) / name), spec)
        arrays.append(torch.from_numpy(array.copy()))
    train_x, train_y, val_x, val_y = arrays
    return FashionMNISTArrays(train_x, train_y.long(), val_x, val_y.long())


def load_fashion_mnist(download: bool = True) -> FashionMNISTArrays:
    """All of FashionMNIST as tensors (60 000 training and 10 000 validation images).

    The result is cached in memory per folder, so several data modules in one
    notebook read the files once.
    """
    folder = locate(download=download)
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None
                  for p in (folder / name for name in FILES))
    return _load(str(folder), stamp)


def main(argv: list[str] | None = None) -> int:
    """Fill the cache (set-up step); print where the files are."""
    try:
        folder = locate(download=True)
        for name in FILES:
            read_file(folder / name)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"FashionMNIST ready in {folder}")
    return 0
