"""Settings for every pytest run: unit tests, nbval over the notebooks, site checks."""

import os

# Kernels started by nbval inherit this: progress boards draw one final figure
# instead of animating, exactly as when the notebooks were executed.
os.environ["D2LPLUS_HEADLESS"] = "1"
os.environ.setdefault("PYTHONHASHSEED", "0")

IGNORE_TAGS = ("nbval-ignore-output", "nbval-skip")


def pytest_configure(config):
    config.addinivalue_line("markers", "after_notebooks: run after nbval has executed every notebook")


def pytest_sessionstart(session):
    import subprocess

    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                          capture_output=True, text=True, cwd=session.config.rootpath)
    session.config._git_status_at_start = sorted(done.stdout.splitlines())


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.get_closest_marker("after_notebooks") is not None)  # stable
    cells = [item for item in items if hasattr(item, "cell") and item.cell.cell_type == "code"]
    ignored = [item for item in cells
               if any(tag in IGNORE_TAGS for tag in item.cell.metadata.get("tags", []))]
    config._nbval_counts = (len(cells) - len(ignored), len(ignored))
    config._nbval_ignored = [f"{item.path.relative_to(config.rootpath)}::{item.name} "
                             f"({', '.join(t for t in item.cell.metadata.get('tags', []) if t in IGNORE_TAGS)}: "
                             f"{item.cell.source.strip().splitlines()[-1][:60]})" for item in ignored]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = getattr(config, "_nbval_counts", None)
    if counts and sum(counts):
        compared, ignored = counts
        share = 100 * compared / (compared + ignored)
        terminalreporter.write_line(
            f"nbval: {compared} code cells compared, {ignored} ignored by tag "
            f"({share:.1f} % compared)")
        for line in getattr(config, "_nbval_ignored", []):
            terminalreporter.write_line(f"  ignored: {line}")
