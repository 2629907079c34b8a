"""`make test` runs the suite in a network namespace with only loopback, where the platform allows."""

import os
import socket
from pathlib import Path

import pytest


@pytest.mark.skipif(os.environ.get("D2LPLUS_OFFLINE") != "1", reason="run by `make test` only where unshare works")
def test_the_suite_really_runs_without_network():
    interfaces = [line.split(":")[0].strip() for line in Path("/proc/net/dev").read_text().splitlines()[2:]]
    assert interfaces == ["lo"]  # no way out of the machine
    routes = Path("/proc/net/route").read_text().splitlines()[1:]
    assert routes == []  # no default route either
    with socket.create_server(("127.0.0.1", 0)) as server:  # loopback works: kernels and the browser use it
        assert server.getsockname()[0] == "127.0.0.1"
