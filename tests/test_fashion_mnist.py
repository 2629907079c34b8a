"""The dataset files: real data loads; every way a file can be wrong ends in a clear error."""

import ast
import gzip
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
import torch

import d2lplus
from d2lplus import fashion_mnist as fm

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"


@pytest.fixture(scope="module")
def real_folder() -> Path:
    """Where the set-up put the real files (the package's cache)."""
    return fm.locate(download=False)


@pytest.fixture
def copy_of(real_folder, tmp_path, monkeypatch):
    """A private copy of the four files, used through the D2LPLUS_FASHION_MNIST variable."""
    folder = tmp_path / "fmnist"
    folder.mkdir()
    for name in fm.FILES:
        shutil.copy(real_folder / name, folder / name)
    monkeypatch.setenv(fm.ENV_DIR, str(folder))
    return folder


def test_real_dataset_has_the_published_sizes_and_balanced_classes():
    data = fm.load_fashion_mnist(download=False)
    assert data.train_images.shape == (60000, 28, 28) and data.train_images.dtype == torch.uint8
    assert data.val_images.shape == (10000, 28, 28)
    assert torch.equal(torch.bincount(data.train_labels), torch.full((10,), 6000))
    assert torch.equal(torch.bincount(data.val_labels), torch.full((10,), 1000))
    assert 70 < data.train_images.float().mean() < 75  # mean pixel of FashionMNIST ≈ 72.94


def test_env_folder_that_does_not_exist(monkeypatch, tmp_path):
    monkeypatch.setenv(fm.ENV_DIR, str(tmp_path / "nowhere"))
    with pytest.raises(fm.DataError, match=r"D2LPLUS_FASHION_MNIST names .*nowhere, which is not a "
                                           r"folder. Remedy: point it at a folder holding"):
        fm.load_fashion_mnist()


def test_missing_label_file(copy_of):
    (copy_of / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(fm.DataError, match=r"t10k-labels-idx1-ubyte.gz is missing. Remedy: "):
        fm.load_fashion_mnist()


def test_truncated_file(copy_of):
    path = copy_of / TRAIN_IMAGES
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(fm.DataError, match=rf"{TRAIN_IMAGES} is damaged .*Remedy: replace it with the original"):
        fm.load_fashion_mnist()


@pytest.mark.slow
def test_altered_contents_fail_the_checksum(copy_of):
    path = copy_of / TRAIN_IMAGES
    data = bytearray(gzip.decompress(path.read_bytes()))
    data[1000] ^= 0xFF  # one pixel changed: still a valid gzip of the right size
    path.write_bytes(gzip.compress(bytes(data), compresslevel=1))  # level 9 takes seconds on 47 MB
    with pytest.raises(fm.DataError, match=rf"{TRAIN_IMAGES} does not match its checksum"):
        fm.load_fashion_mnist()


def test_a_damaged_cache_file_names_the_file_and_the_remedy(real_folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "fashion-mnist"
    cache.mkdir(parents=True)
    for name in fm.FILES:
        shutil.copy(real_folder / name, cache / name)
    (cache / TRAIN_IMAGES).write_bytes(b"not a gzip file")
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", tmp_path / "no-debian")  # nothing to replace it from
    with pytest.raises(fm.DataError, match=rf"{TRAIN_IMAGES} is damaged .*, and it could not be replaced "
                                           r"\(tried the Debian package folder .*no-debian: not installed.*\)\. "
                                           r"Remedy: delete .* and run `python -m d2lplus data`"):
        fm.load_fashion_mnist(download=False)


def test_cache_is_filled_from_the_debian_folder(real_folder, tmp_path, monkeypatch):
    debian = tmp_path / "usr-share-datasets"
    shutil.copytree(real_folder, debian)
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", debian)
    folder = fm.locate(download=False)
    assert folder == tmp_path / "cache" / "fashion-mnist"
    assert sorted(p.name for p in folder.iterdir()) == sorted(fm.FILES)  # no temporary leftovers
    assert fm.load_fashion_mnist(download=False).val_labels.shape == (10000,)


def test_a_bad_debian_file_is_never_cached(real_folder, tmp_path, monkeypatch):
    debian = tmp_path / "debian"
    shutil.copytree(real_folder, debian)
    (debian / TRAIN_IMAGES).write_bytes(b"")
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", debian)
    with pytest.raises(fm.DataError, match=TRAIN_IMAGES):
        fm.locate(download=False)
    assert not (tmp_path / "cache" / "fashion-mnist" / TRAIN_IMAGES).exists()


def test_unwritable_cache(real_folder, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(blocker / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", real_folder)
    with pytest.raises(fm.DataError, match=r"cannot write the FashionMNIST cache .*Remedy: make it "
                                           r"writable, or set D2LPLUS_CACHE"):
        fm.locate(download=False)


def test_nothing_found_offline(tmp_path, monkeypatch):
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "empty-cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", tmp_path / "no-debian")
    with pytest.raises(fm.DataError, match=r"FashionMNIST was not found \(tried the cache .*\). Remedy: run "):
        fm.load_fashion_mnist(download=False)


def test_read_file_only_knows_the_four_files(tmp_path):
    with pytest.raises(ValueError, match="path must name one of train-images-idx3-ubyte.gz"):
        fm.read_file(tmp_path / "mnist.gz")


def _prepare(debian: str, cache: str, queue, barrier) -> None:
    """One process filling the cache (run twice at once by the test below).

    Both wait at ``barrier`` right before they write into the cache, so the
    two fills overlap: neither can finish before the other has started.
    """
    import os

    from d2lplus import fashion_mnist as module
    os.environ.pop(module.ENV_DIR, None)
    os.environ[module.ENV_CACHE] = cache
    module.DEBIAN_DIR = Path(debian)
    install = module._install_into_cache

    def install_together(*args, **kwargs):
        barrier.wait(timeout=120)  # a process that never gets here breaks the barrier: the test fails
        return install(*args, **kwargs)

    module._install_into_cache = install_together
    try:
        folder = module.locate(download=False)
        queue.put(("ok", [len(module.read_file(folder / name)) for name in module.FILES]))
    except Exception as err:  # reported to the parent, which fails the test
        queue.put(("error", repr(err)))


@pytest.mark.slow
def test_two_processes_filling_the_cache_at_once(real_folder, tmp_path):
    import multiprocessing

    debian = tmp_path / "debian"
    shutil.copytree(real_folder, debian)
    ctx = multiprocessing.get_context("spawn")
    queue, barrier = ctx.Queue(), ctx.Barrier(2)
    workers = [ctx.Process(target=_prepare, args=(str(debian), str(tmp_path / "cache"), queue, barrier))
               for _ in range(2)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    sizes = [spec.size for spec in fm.FILES.values()]
    assert results == [("ok", sizes), ("ok", sizes)]
    assert sorted(p.name for p in (tmp_path / "cache" / "fashion-mnist").iterdir()) == sorted(fm.FILES)


def test_tensors_handed_out_are_private_copies():
    """A reader who edits the data in place changes nothing for the next data module in the kernel."""
    first = d2lplus.FashionMNIST(batch_size=256, download=False)
    first.train.tensors[1][:] = 0          # relabel everything as t-shirts
    first.val.tensors[0].zero_()           # blank every validation image
    arrays = fm.load_fashion_mnist(download=False)
    arrays.train_labels.fill_(3)
    arrays.train_images.zero_()
    second = d2lplus.FashionMNIST(batch_size=256, download=False)
    assert torch.equal(torch.bincount(second.train.tensors[1]), torch.full((10,), 6000))
    assert 0.25 < float(second.val.tensors[0].mean()) < 0.32
    again = fm.load_fashion_mnist(download=False)
    assert torch.equal(torch.bincount(again.train_labels), torch.full((10,), 6000))
    assert 70 < again.train_images.float().mean() < 75


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _alter(path: Path) -> None:
    data = bytearray(gzip.decompress(path.read_bytes()))
    data[100] = (data[100] + 1) % 10  # one label changed: a valid gzip of the right size
    path.write_bytes(gzip.compress(bytes(data)))


@pytest.mark.parametrize("name, damage", [(TRAIN_IMAGES, _truncate), ("train-labels-idx1-ubyte.gz", _alter)],
                         ids=["truncated", "altered"])
def test_a_damaged_cache_file_is_found_and_replaced(real_folder, tmp_path, monkeypatch, name, damage):
    cache = tmp_path / "cache" / "fashion-mnist"
    shutil.copytree(real_folder, cache)
    damage(cache / name)
    debian = tmp_path / "debian"  # a source to refill from
    shutil.copytree(real_folder, debian)
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", debian)
    data = fm.load_fashion_mnist(download=False)
    assert torch.equal(torch.bincount(data.train_labels), torch.full((10,), 6000))
    assert (cache / name).read_bytes() == (real_folder / name).read_bytes()
    assert sorted(p.name for p in cache.iterdir()) == sorted(fm.FILES)  # replaced in place, no leftovers
    assert fm.locate(download=False, verify=True) == cache


def test_the_set_up_command_repairs_the_cache(real_folder, tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache" / "fashion-mnist"
    shutil.copytree(real_folder, cache)
    _truncate(cache / TRAIN_IMAGES)
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", real_folder)
    assert fm.main([]) == 0
    assert fm.read_file(cache / TRAIN_IMAGES)


class _NoNetwork(OSError):
    pass


def _no_torchvision_download(monkeypatch):
    class Datasets:
        @staticmethod
        def FashionMNIST(*args, **kwargs):
            raise _NoNetwork("<urlopen error [Errno -3] Temporary failure in name resolution>")

    fake = types.SimpleNamespace(datasets=Datasets)
    monkeypatch.setitem(sys.modules, "torchvision", fake)


def test_when_every_source_fails_each_keeps_its_reason(tmp_path, monkeypatch):
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", tmp_path / "no-debian")
    monkeypatch.setattr(fm.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    calls = []

    def apt_fails(command, **kwargs):
        calls.append((command, kwargs))
        return subprocess.CompletedProcess(command, 100, stdout="Reading package lists...",
                                           stderr="E: Unable to locate package dataset-fashion-mnist")

    monkeypatch.setattr(fm.subprocess, "run", apt_fails)
    _no_torchvision_download(monkeypatch)
    with pytest.raises(fm.DataError) as info:
        fm.locate(download=True)
    message = str(info.value)
    assert re.search(r"the Debian package folder .*no-debian: not installed", message), message
    assert ("`apt-get download dataset-fashion-mnist`: `apt-get download dataset-fashion-mnist` failed with "
            "exit code 100: E: Unable to locate package dataset-fashion-mnist") in message, message
    assert ("torchvision's download: _NoNetwork: <urlopen error [Errno -3] Temporary failure in name "
            "resolution>") in message, message
    assert "Remedy: run `python -m d2lplus data`" in message
    assert [c[0][:2] for c in calls] == [["apt-get", "download"]]
    assert calls[0][1]["timeout"] == fm.APT_TIMEOUT


def test_a_hanging_apt_get_is_stopped_and_reported(tmp_path, monkeypatch):
    monkeypatch.delenv(fm.ENV_DIR, raising=False)
    monkeypatch.setenv(fm.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fm, "DEBIAN_DIR", tmp_path / "no-debian")
    monkeypatch.setattr(fm.shutil, "which", lambda tool: f"/usr/bin/{tool}")

    def hangs(command, timeout=None, **kwargs):
        assert timeout is not None, "a subprocess call without a timeout"
        raise subprocess.TimeoutExpired(command, timeout)

    monkeypatch.setattr(fm.subprocess, "run", hangs)
    _no_torchvision_download(monkeypatch)
    with pytest.raises(fm.DataError, match=r"`apt-get download dataset-fashion-mnist`: `apt-get download "
                                           r"dataset-fashion-mnist` timed out after 600 s; torchvision's"):
        fm.locate(download=True)


def test_every_subprocess_call_in_the_package_has_a_timeout():
    package = Path(fm.__file__).parent
    calls = []
    for source in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"):
                calls.append((source.name, node.lineno, node.func.attr,
                              any(k.arg == "timeout" for k in node.keywords)))
    assert calls, "the search found no subprocess call at all"
    assert [c for c in calls if c[2] == "Popen" or not c[3]] == []
