#!/usr/bin/python3
"""The notebook runner: a failing cell fails the run and is shown with its error, the other
notebooks still run, every report and the index are written (no temporary files left), reports
carry no <script src> and no external stylesheet, and the index names each report's run time,
status and the machine.

Run after `mvn -B -ntp -DskipTests package`: /usr/bin/python3 -m unittest notebooks/tools/test_run_notebooks.py"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parents[1]


def notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells],
                                  metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}})
    nbformat.write(nb, str(path))
    return path


@unittest.skipUnless((REPO / "kernel" / "target" / "jupyter" / "kernels" / "java" / "kernel.json").is_file(),
                     "build first: mvn -B -ntp -DskipTests package")
class RunNotebooksTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        cls.failing = notebook(tmp / "10-failing.ipynb",
                               'System.out.println("size=" + System.getenv("IS_SPECTRAL_SIZE"));',
                               'int answer = 6 * 7;\nthrow new IllegalStateException("planted failure " + answer);',
                               'System.out.println("must not run");')
        cls.passing = notebook(tmp / "11-passing.ipynb",
                               'dev.isspectral.display.Notebook.init();',
                               'var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).build();\n'
                               'chart.addSeries("line", new double[] {0, 1, 2}, new double[] {0, 1, 4});\nchart',
                               'System.out.println("- setup line");\nSystem.out.println("- the answer is " + (6 * 7));')
        nb = nbformat.read(str(cls.passing), as_version=4)
        nb.metadata["is_spectral"] = {"teaches": "How a chart and a headline reach the index."}
        nb.cells[1].metadata["tags"] = ["key-chart"]
        nb.cells[2].metadata["tags"] = ["headline"]
        nb.cells[2].metadata["is_spectral"] = {"headline_starts": "- the answer"}
        nbformat.write(nb, str(cls.passing))
        cls.out = tmp / "reports"
        env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "IJAVA_CLASSPATH")}
        env["IS_SPECTRAL_SIZE"] = "small"
        cls.result = subprocess.run([sys.executable, str(TOOLS / "run_notebooks.py"), "--out", str(cls.out),
                                  str(cls.failing), str(cls.passing)], env=env, capture_output=True, text=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_a_failing_cell_fails_the_run_and_is_shown_with_its_error(self):
        self.assertEqual(1, self.result.returncode, self.result.stdout + self.result.stderr)
        self.assertIn("10-failing FAILED", self.result.stderr)
        self.assertIn('throw new IllegalStateException("planted failure " + answer);', self.result.stderr)
        self.assertIn("planted failure 42", self.result.stderr)
        executed = nbformat.read(str(self.out / "10-failing.ipynb"), as_version=4)
        self.assertEqual([], executed.cells[2].outputs, "cells after the failure do not run")
        self.assertIn("size=small", executed.cells[0].outputs[0]["text"], "IS_SPECTRAL_SIZE reaches the kernel")

    def test_the_other_notebooks_still_run_and_render_their_charts(self):
        self.assertIn("11-passing ok", self.result.stdout)
        executed = nbformat.read(str(self.out / "11-passing.ipynb"), as_version=4)
        self.assertIn("image/png", executed.cells[1].outputs[0]["data"])
        html = (self.out / "11-passing.html").read_text()
        self.assertRegex(html, r'<img src="data:image/png;base64,')

    def test_reports_load_nothing_from_outside(self):
        for name in ("10-failing.html", "11-passing.html", "index.html"):
            html = (self.out / name).read_text()
            self.assertIsNone(re.search(r"<script[^>]+src=", html), name)
            self.assertIsNone(re.search(r"<link[^>]+stylesheet", html), name)

    def test_index_lists_each_report_with_status_time_and_machine(self):
        index = (self.out / "index.html").read_text()
        self.assertIn('<a href="10-failing.html">10-failing</a></td><td>FAILED', index)
        self.assertIn('<a href="11-passing.html">11-passing</a></td><td>ok', index)
        summary = json.loads((self.out / "index.json").read_text())
        self.assertEqual("small", summary["size"])
        self.assertEqual(os.cpu_count(), summary["machine"]["cores"])
        for key in ("memory", "jvm", "os", "date"):
            self.assertTrue(summary["machine"][key], key)
            self.assertIn("<th>%s</th>" % key, index)
        self.assertTrue(all(r["seconds"] > 0 for r in summary["notebooks"]))

    def test_index_shows_what_each_notebook_teaches_its_headline_thumbnail_and_the_run(self):
        index = (self.out / "index.html").read_text()
        self.assertIn('<p class="teaches">How a chart and a headline reach the index.</p>', index)
        self.assertIn('<p class="headline">This run: the answer is 42</p>', index)
        self.assertRegex(index, r'<img class="thumb" alt="key chart of 11-passing" src="data:image/png;base64,[A-Za-z0-9+/=]{100,}">')
        self.assertIn("failed before its headline result", index)
        summary = json.loads((self.out / "index.json").read_text())
        passing = [r for r in summary["notebooks"] if r["name"] == "11-passing"][0]
        self.assertEqual("the answer is 42", passing["headline"])
        self.assertRegex(summary["run"]["commit"], r"^([0-9a-f]{12}|unknown)")
        self.assertRegex(summary["run"]["load average before (1 / 5 / 15 min)"], r"^\d+\.\d\d / ")
        self.assertIn("<th>commit</th>", index)
        executed = nbformat.read(str(self.out / "11-passing.ipynb"), as_version=4)
        self.assertEqual("How a chart and a headline reach the index.", executed.metadata["is_spectral"]["teaches"],
                         "the runner's record is added to the notebook's metadata, not put in its place")

    def test_each_report_and_the_index_record_commit_load_before_and_after_and_machine(self):
        # issue 11: every HTML report and index.html say where (commit, machine) and under what load it ran
        index = (self.out / "index.html").read_text()
        for key in ("commit", "load average before (1 / 5 / 15 min)", "load average after (1 / 5 / 15 min)", "cores", "jvm", "os"):
            self.assertIn("<th>%s</th>" % key, index)
        executed = nbformat.read(str(self.out / "11-passing.ipynb"), as_version=4)
        record = executed.cells[-1]
        self.assertEqual("markdown", record.cell_type)
        self.assertRegex(record.source, r"^\*Run: commit ([0-9a-f]{12}|unknown)[^;]*; .+, %d cores, .+; load average "
                         r"\(1 / 5 / 15 min\) \d+\.\d\d / \d+\.\d\d / \d+\.\d\d before, \d+\.\d\d / \d+\.\d\d / \d+\.\d\d after; "
                         % os.cpu_count())
        html = (self.out / "11-passing.html").read_text()
        self.assertRegex(html, r"Run: commit ([0-9a-f]{12}|unknown)")
        self.assertRegex(html, r"load average \(1 / 5 / 15 min\) [0-9. /]+ before, [0-9. /]+ after")

    def test_no_temporary_files_are_left(self):
        self.assertEqual([], [p.name for p in self.out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"])


if __name__ == "__main__":
    unittest.main()
