#!/usr/bin/python3
"""Executes IS-Spectral's notebooks and exports each to a self-contained HTML report.

Every notebook in notebooks/ (or the ones named) runs top to bottom on the Jupyter kernel named
by --kernel (default "java"). A cell that fails stops that notebook; the cell and its error are
printed, the partial report is still written (marked FAILED in the index) and the run exits 1.

Output folder (default reports/): NAME.html (images inline, no script or style from the
network), NAME.ipynb (the executed notebook) and index.html linking each report with its run
time and the machine it ran on. Every file is written to a temporary file beside it and moved
into place, so a reader never sees half a report.

Defaults that make a checkout work without setup (unless --installed-kernel): when JUPYTER_PATH
is unset and our kernel has been built, kernel/target/jupyter is used; when IJAVA_CLASSPATH is
unset, notebooks/target/classpath/*.jar. The size comes from IS_SPECTRAL_SIZE (default "full"),
passed on to the kernel's environment unchanged.

Needs Debian's (or conda's) Jupyter: nbclient, nbconvert, nbformat.
"""
import argparse
import datetime
import html
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_NAME = re.compile(r"^\d\d-[a-z0-9-]+\.ipynb$")


def write_atomically(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def default_environment() -> list:
    """Fills JUPYTER_PATH and IJAVA_CLASSPATH from the build when unset; returns what was set."""
    said = []
    kernel_dir = REPO / "kernel" / "target" / "jupyter"
    if "JUPYTER_PATH" not in os.environ and (kernel_dir / "kernels" / "java" / "kernel.json").exists():
        os.environ["JUPYTER_PATH"] = str(kernel_dir)
        said.append("JUPYTER_PATH=" + str(kernel_dir))
    classpath = REPO / "notebooks" / "target" / "classpath"
    if "IJAVA_CLASSPATH" not in os.environ and classpath.is_dir():
        os.environ["IJAVA_CLASSPATH"] = str(classpath / "*.jar")
        said.append("IJAVA_CLASSPATH=" + str(classpath / "*.jar"))
    return said


def machine() -> dict:
    """The machine the notebooks ran on: cores, memory, JVM, OS, date."""
    memory = "unknown"
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    memory = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    jvm = "java not found"
    java = shutil.which("java")
    if java:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
        props = dict(re.findall(r"^\s+(java\.vm\.name|java\.runtime\.version|java\.vendor) = (.*)$", out, re.M))
        jvm = "%s %s (%s)" % (props.get("java.vm.name", "?"), props.get("java.runtime.version", "?"),
                               props.get("java.vendor", "?"))
    os_name = platform.platform()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            pretty = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line).get("PRETTY_NAME")
            if pretty:
                os_name = pretty.strip('"') + ", Linux " + platform.release()
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "commit": commit(),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "jvm": jvm,
        "os": os_name,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    """The 1-minute load average now ("n/a" where /proc/loadavg is missing)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return f.read().split()[0]
    except (OSError, IndexError):
        return "n/a"


def commit() -> str:
    """The git commit of the checkout, "+dirty" when tracked files changed; "unknown" outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=10)
        if head.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def coalesce_streams(nb) -> None:
    """Joins consecutive stream outputs of a cell (a kernel may send printf's pieces as separate
    messages; shown one per block, a sentence would break across lines)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for output in cell.get("outputs", []):
            if (output.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == output.get("name")):
                merged[-1]["text"] = merged[-1]["text"] + output["text"]
            else:
                merged.append(output)
        cell["outputs"] = merged


def html_exporter():
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="offline")
    exporter.embed_images = True  # images referenced from markdown become data: URIs too
    return exporter


def execute(path: Path, kernel: str, timeout: int, startup_timeout: int):
    """Runs one notebook; returns (notebook, error text or None, seconds)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=startup_timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e)
    except (CellTimeoutError, DeadKernelError) as e:
        error = "%s: %s" % (type(e).__name__, e)
    except Exception as e:  # the kernel did not start, say
        error = "%s: %s" % (type(e).__name__, e)
    return nb, error, time.monotonic() - start


def index_page(rows: list, info: dict, size: str) -> str:
    items = []
    for r in rows:
        status = "ok" if r["ok"] else "FAILED"
        items.append(
            "<tr><td><a href=\"{html}\">{name}</a></td><td>{status}</td><td>{seconds:.1f} s</td>"
            "<td>{cells}</td><td>{load}</td><td><a href=\"{ipynb}\">.ipynb</a></td></tr>".format(
                html=html.escape(r["html"]), name=html.escape(r["name"]), status=status,
                seconds=r["seconds"], cells=r["cells"], ipynb=html.escape(r["ipynb"]),
                load=html.escape("%s → %s" % (r.get("load_before", "n/a"), r.get("load_after", "n/a")))))
    total = sum(r["seconds"] for r in rows)
    machine_rows = "".join("<tr><th>%s</th><td>%s</td></tr>" % (html.escape(k), html.escape(str(v)))
                           for k, v in info.items())
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>IS-Spectral notebook reports</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left; }}
th {{ background: #f3f3f3; }}
</style>
</head>
<body>
<h1>IS-Spectral notebook reports</h1>
<p>Each notebook executed top to bottom at size <code>IS_SPECTRAL_SIZE={size}</code>;
every number in a report was computed in that run. Total run time {total:.1f} s.</p>
<table>
<tr><th>notebook</th><th>status</th><th>run time</th><th>code cells</th><th>load average (1 min) before → after</th><th>executed notebook</th></tr>
{items}
</table>
<h2>Machine</h2>
<table>
{machine}
</table>
</body>
</html>
""".format(size=html.escape(size), total=total, items="\n".join(items), machine=machine_rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: every NN-name.ipynb in notebooks/)")
    parser.add_argument("--out", type=Path, default=REPO / "reports", help="output folder (default: reports/)")
    parser.add_argument("--kernel", default="java", help="kernelspec name (default: java)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds allowed per cell (default: 3600)")
    parser.add_argument("--startup-timeout", type=int, default=120, help="seconds for the kernel to start")
    parser.add_argument("--installed-kernel", action="store_true",
                        help="use the kernelspec as installed (install_kernel.py, Binder): do not point JUPYTER_PATH "
                             "and IJAVA_CLASSPATH at the build")
    args = parser.parse_args(argv)

    notebooks = args.notebooks or sorted(p for p in NOTEBOOKS.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if not notebooks:
        print("run_notebooks: no notebooks found in %s" % NOTEBOOKS, file=sys.stderr)
        return 1
    for p in notebooks:
        if not p.is_file():
            print("run_notebooks: notebook %s does not exist" % p, file=sys.stderr)
            return 2
    try:
        import nbclient  # noqa: F401
        import nbconvert  # noqa: F401
    except ImportError as e:
        print("run_notebooks: %s; install Jupyter (Debian: apt-get install jupyter-nbconvert python3-nbclient "
              "jupyter-client; conda: conda env create -f environment.yml)" % e, file=sys.stderr)
        return 2

    size = os.environ.get("IS_SPECTRAL_SIZE", "full")
    if not args.installed_kernel:
        for line in default_environment():
            print("run_notebooks: " + line)
    info = machine()
    info["load before"] = load_average()
    exporter = html_exporter()
    out = args.out.resolve()
    rows = []
    failures = 0
    print("run_notebooks: %d notebook(s) at IS_SPECTRAL_SIZE=%s into %s" % (len(notebooks), size, out))
    for path in notebooks:
        path = path.resolve()
        name = path.stem
        print("run_notebooks: %s ..." % name, flush=True)
        load_before = load_average()
        nb, error, seconds = execute(path, args.kernel, args.timeout, args.startup_timeout)
        load_after = load_average()
        coalesce_streams(nb)
        # every report records where and under what load it ran (the run's context, as its last cell)
        import nbformat
        nb.cells.append(nbformat.v4.new_markdown_cell(
            "*Run: commit %s; %s, %s cores, %s; %s; %s; load average (1 min) %s before, %s after; %.1f s at size %s.*"
            % (info["commit"], info["cpu"], info["cores"], info["memory"], info["jvm"], info["os"], load_before,
               load_after, seconds, size)))
        nb.metadata["is_spectral"] = {"size": size, "seconds": round(seconds, 2), "machine": info,
                                      "ok": error is None, "load_before": load_before, "load_after": load_after}
        import nbformat
        write_atomically(out / (name + ".ipynb"), nbformat.writes(nb))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
        write_atomically(out / (name + ".html"), body)
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        rows.append({"name": name, "html": name + ".html", "ipynb": name + ".ipynb", "ok": error is None,
                     "seconds": seconds, "cells": code_cells, "load_before": load_before, "load_after": load_after})
        if error is None:
            print("run_notebooks: %s ok in %.1f s" % (name, seconds), flush=True)
        else:
            failures += 1
            print("run_notebooks: %s FAILED after %.1f s\n%s" % (name, seconds, error), file=sys.stderr, flush=True)
    info["load after"] = load_average()
    write_atomically(out / "index.html", index_page(rows, info, size))
    write_atomically(out / "index.json", json.dumps({"size": size, "machine": info, "notebooks": rows}, indent=2))
    total = sum(r["seconds"] for r in rows)
    print("run_notebooks: %d of %d notebook(s) ok, %.1f s in notebooks; index: %s"
          % (len(rows) - failures, len(rows), total, out / "index.html"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
