#!/usr/bin/python3
"""Executes IS-Spectral's notebooks and exports each to a self-contained HTML report.

Every notebook in notebooks/ (or the ones named) runs top to bottom on the Jupyter kernel named
by --kernel (default "java"). A cell that fails stops that notebook; the cell and its error are
printed, the partial report is still written (marked FAILED in the index) and the run exits 1.

Output folder (default reports/): NAME.html (images inline, no script or style from the
network), NAME.ipynb (the executed notebook) and index.html: per notebook a thumbnail of its key
chart (the first image of the cell tagged `key-chart`), one sentence on what it teaches (notebook
metadata `is_spectral.teaches`), its headline result computed in this run (the first line the cell
tagged `headline` printed, or the first starting with that cell's `is_spectral.headline_starts`),
status and run time; then the run's commit, the machine and its load before and after. Every file is written to a temporary file beside it and moved
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
from urllib.parse import quote

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
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "jvm": jvm,
        "os": os_name,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def run_context() -> dict:
    """The commit the notebooks ran from (with "+ uncommitted changes" when the tree is dirty)."""
    commit = "unknown (not a git checkout)"
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, timeout=30)
        if head.returncode == 0:
            commit = head.stdout.strip()
            dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                                   capture_output=True, text=True, timeout=30)
            if dirty.returncode == 0 and dirty.stdout.strip():
                commit += " + uncommitted changes"
    except (OSError, subprocess.SubprocessError):
        pass
    return {"commit": commit}


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, e.g. "1.52 / 1.20 / 0.98", or "unknown"."""
    try:
        return " / ".join("%.2f" % x for x in os.getloadavg())
    except OSError:
        return "unknown"


def summary(nb) -> dict:
    """What the index shows of an executed notebook: what it teaches, its headline result and a
    thumbnail of its key chart (a base64 PNG), each None when the notebook does not provide it."""
    teaches = nb.metadata.get("is_spectral", {}).get("teaches")
    headline = None
    thumbnail = None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if "headline" in tags and headline is None:
            starts = cell.get("metadata", {}).get("is_spectral", {}).get("headline_starts", "")
            text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                           if o.get("output_type") == "stream" and o.get("name") == "stdout")
            if not text.strip():
                text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", [])
                               if o.get("output_type") in ("execute_result", "display_data"))
            lines = [l.strip() for l in text.splitlines() if l.strip() and l.strip().startswith(starts)]
            if lines:
                headline = lines[0].lstrip("- ")
        if "key-chart" in tags and thumbnail is None:
            for o in cell.get("outputs", []):
                png = o.get("data", {}).get("image/png") if o.get("output_type") in ("execute_result", "display_data") else None
                if png:
                    thumbnail = png.replace("\n", "") if isinstance(png, str) else "".join(png).replace("\n", "")
                    break
    return {"teaches": teaches, "headline": headline, "thumbnail": thumbnail}


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

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as e:  # not JSON, not a notebook, unreadable: reported, and the other notebooks still run
        return None, "not a readable notebook: %s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""), 0.0
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


def earlier_rows(out: Path, names: set) -> list:
    """Index rows for the notebooks of notebooks/ that this run did not execute but whose executed
    notebook (NAME.ipynb) an earlier run left in {@code out}: read back from that file, marked with the
    commit and size it ran at, so that running one notebook does not drop the others from the index."""
    import nbformat
    rows = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        if not NOTEBOOK_NAME.match(path.name) or path.stem in names:
            continue
        executed = out / (path.stem + ".ipynb")
        if not executed.is_file() or not (out / (path.stem + ".html")).is_file():
            continue
        try:
            nb = nbformat.read(str(executed), as_version=4)
        except Exception:  # unreadable: left out of the index rather than guessed
            continue
        meta = nb.metadata.get("is_spectral", {})
        rows.append(dict({"name": path.stem, "html": path.stem + ".html", "ipynb": path.stem + ".ipynb",
                          "ok": bool(meta.get("ok", False)), "seconds": float(meta.get("seconds", 0.0)),
                          "cells": sum(1 for c in nb.cells if c.cell_type == "code"),
                          "earlier": "commit %s, size %s" % (meta.get("commit", "unknown"), meta.get("size", "unknown"))},
                         **summary(nb)))
    return rows


def report_name(stem: str, taken: set) -> str:
    """The file stem for a notebook's reports: its own, unless that is the index's or another notebook's."""
    name = stem
    n = 2
    while name in taken:
        name = "%s-%d" % (stem, n) if stem != "index" or n > 2 else "index-notebook"
        n += 1
    taken.add(name)
    return name


def index_page(rows: list, info: dict, size: str, context: dict = None) -> str:
    items = []
    for r in rows:
        status = "ok" if r["ok"] else "FAILED"
        if r.get("earlier"):
            status += " (earlier run: %s)" % r["earlier"]
        if not r["html"]:  # the notebook could not be read: no report to link, say why
            items.append("<tr><td></td><td>{name}</td><td>FAILED</td><td></td><td>{error}</td><td></td><td></td></tr>".format(
                name=html.escape(r["name"]), error=html.escape(r.get("error", ""))))
            continue
        thumb = ('<a href="{html}"><img class="thumb" alt="key chart of {name}" src="data:image/png;base64,{png}"></a>'
                 .format(html=html.escape(quote(r["html"])), name=html.escape(r["name"]), png=r["thumbnail"])
                 if r.get("thumbnail") else '<span class="none">no chart</span>')
        about = ""
        if r.get("teaches"):
            about += '<p class="teaches">%s</p>' % html.escape(r["teaches"])
        if r.get("headline"):
            about += '<p class="headline">This run: %s</p>' % html.escape(r["headline"])
        elif not r["ok"]:
            about += '<p class="headline">This run failed before its headline result; see the report.</p>'
        items.append(
            "<tr><td>{thumb}</td><td><a href=\"{html}\">{name}</a></td><td>{status}</td><td>{seconds:.1f} s</td>"
            "<td>{about}</td><td>{cells}</td><td><a href=\"{ipynb}\">.ipynb</a></td></tr>".format(
                thumb=thumb, html=html.escape(quote(r["html"])), name=html.escape(r["name"]), status=status,
                seconds=r["seconds"], about=about, cells=r["cells"], ipynb=html.escape(quote(r["ipynb"]))))
    total = sum(r["seconds"] for r in rows if not r.get("earlier"))
    earlier = sum(1 for r in rows if r.get("earlier"))
    kept = ("" if not earlier else " %d of the %d notebooks were not run this time: their rows and reports are kept "
            "from an earlier run in this folder, marked with its commit." % (earlier, len(rows)))
    run_rows = "".join("<tr><th>%s</th><td>%s</td></tr>" % (html.escape(k), html.escape(str(v)))
                       for k, v in (context or {}).items())
    machine_rows = "".join("<tr><th>%s</th><td>%s</td></tr>" % (html.escape(k), html.escape(str(v)))
                           for k, v in info.items())
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>IS-Spectral notebook reports</title>
<style>
body {{ font-family: sans-serif; max-width: 80em; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.4em 0.8em; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
img.thumb {{ width: 260px; height: auto; border: 1px solid #ddd; }}
p.teaches {{ margin: 0 0 0.5em 0; }}
p.headline {{ margin: 0; font-weight: bold; }}
span.none {{ color: #888; }}
.scroll {{ overflow-x: auto; }}
</style>
</head>
<body>
<h1>IS-Spectral notebook reports</h1>
<p>Each notebook executed top to bottom at size <code>IS_SPECTRAL_SIZE={size}</code>;
every number in a report, and each headline below, was computed in that run. Run time of this run {total:.1f} s.{kept}</p>
<div class="scroll">
<table>
<tr><th>key chart</th><th>notebook</th><th>status</th><th>run time</th><th>what it teaches, and what this run found</th><th>code cells</th><th>executed notebook</th></tr>
{items}
</table>
</div>
<h2>This run</h2>
<table>
{run}
</table>
<h2>Machine</h2>
<table>
{machine}
</table>
</body>
</html>
""".format(size=html.escape(size), total=total, kept=html.escape(kept), items="\n".join(items), run=run_rows, machine=machine_rows)


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
    context = run_context()
    context["load average before (1 / 5 / 15 min)"] = load_average()
    exporter = html_exporter()
    out = args.out.resolve()
    rows = []
    failures = 0
    print("run_notebooks: %d notebook(s) at IS_SPECTRAL_SIZE=%s into %s" % (len(notebooks), size, out))
    taken = {"index"}  # index.html and index.json are the run's own; a notebook named index gets another name
    for path in notebooks:
        path = path.resolve()
        name = report_name(path.stem, taken)
        print("run_notebooks: %s ..." % name, flush=True)
        load_before = load_average()
        nb, error, seconds = execute(path, args.kernel, args.timeout, args.startup_timeout)
        load_after = load_average()
        if nb is None:
            failures += 1
            rows.append({"name": name, "html": "", "ipynb": "", "ok": False, "seconds": seconds, "cells": 0,
                         "error": error})
            print("run_notebooks: %s FAILED: %s" % (path, error), file=sys.stderr, flush=True)
            continue
        coalesce_streams(nb)
        nb.metadata.setdefault("is_spectral", {}).update({"size": size, "seconds": round(seconds, 2), "machine": info,
                                                          "ok": error is None, "commit": context["commit"]})
        import nbformat
        # every report records where and under what load it ran (the run's context, as its last cell)
        nb.cells.append(nbformat.v4.new_markdown_cell(
            "*Run: commit %s; %s, %s cores, %s; %s; %s; load average (1 / 5 / 15 min) %s before, %s after; "
            "%.1f s at size %s.*" % (context["commit"], info["cpu"], info["cores"], info["memory"], info["jvm"],
                                     info["os"], load_before, load_after, seconds, size)))
        write_atomically(out / (name + ".ipynb"), nbformat.writes(nb))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
        write_atomically(out / (name + ".html"), body)
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        rows.append(dict({"name": name, "html": name + ".html", "ipynb": name + ".ipynb", "ok": error is None,
                          "seconds": seconds, "cells": code_cells}, **summary(nb)))
        if error is None:
            print("run_notebooks: %s ok in %.1f s" % (name, seconds), flush=True)
        else:
            failures += 1
            print("run_notebooks: %s FAILED after %.1f s\n%s" % (name, seconds, error), file=sys.stderr, flush=True)
    context["load average after (1 / 5 / 15 min)"] = load_average()
    if args.notebooks:  # a subset: the index keeps the other notebooks' reports already in the folder, marked as earlier
        kept = earlier_rows(out, {r["name"] for r in rows})
        if kept:  # in notebook order, the earlier ones among those just run
            rows = sorted(rows + kept, key=lambda r: r["name"])
    write_atomically(out / "index.html", index_page(rows, info, size, context))
    listed = [{k: v for k, v in r.items() if k != "thumbnail"} for r in rows]
    write_atomically(out / "index.json", json.dumps({"size": size, "run": context, "machine": info, "notebooks": listed},
                                                    indent=2))
    total = sum(r["seconds"] for r in rows if not r.get("earlier"))
    print("run_notebooks: %d of %d notebook(s) ok, %.1f s in notebooks; index: %s"
          % (sum(1 for r in rows if not r.get("earlier")) - failures, sum(1 for r in rows if not r.get("earlier")), total,
             out / "index.html"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
