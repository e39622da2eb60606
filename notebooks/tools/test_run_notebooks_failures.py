"""run_notebooks.py when notebooks are broken or oddly named (issue 14); needs nbclient/nbconvert, no kernel.

The kernel named is one that does not exist, so every notebook fails fast; what is tested is that the run goes on:
a notebook that is not JSON is reported (no traceback), the others still run, the index is written, the exit status
is 1; a notebook named index does not overwrite the index; a name with # and ? is linked correctly.
/usr/bin/python3 -m unittest notebooks/tools/test_run_notebooks_failures.py"""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent

NOTEBOOK = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# hello"]}],
            "metadata": {"kernelspec": {"name": "no-such-kernel", "display_name": "none", "language": "none"}},
            "nbformat": 4, "nbformat_minor": 5}


class BrokenAndOddNotebooks(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = Path(cls.tmp.name)
        (root / "bad.ipynb").write_text("{ this is not json", encoding="utf-8")
        for name in ("index.ipynb", "a#b?c.ipynb", "zz.ipynb"):
            (root / name).write_text(json.dumps(NOTEBOOK), encoding="utf-8")
        cls.out = root / "reports"
        cls.result = subprocess.run(
            [sys.executable, str(TOOLS / "run_notebooks.py"), "--installed-kernel", "--kernel", "no-such-kernel",
             "--startup-timeout", "20", "--out", str(cls.out)]
            + [str(root / n) for n in ("bad.ipynb", "index.ipynb", "a#b?c.ipynb", "zz.ipynb")],
            capture_output=True, text=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_an_invalid_notebook_is_reported_without_a_traceback_and_the_rest_run(self):
        self.assertEqual(1, self.result.returncode, self.result.stderr)
        self.assertNotIn("Traceback", self.result.stderr)
        self.assertIn("bad.ipynb FAILED: not a readable notebook", self.result.stderr)
        for name in ("index-notebook", "a#b?c", "zz"):
            self.assertTrue((self.out / (name + ".html")).is_file(), name)
        index = json.loads((self.out / "index.json").read_text(encoding="utf-8"))
        self.assertEqual(["bad", "index-notebook", "a#b?c", "zz"], [r["name"] for r in index["notebooks"]])

    def test_a_notebook_named_index_does_not_overwrite_the_index(self):
        page = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn("IS-Spectral notebook reports", page)
        self.assertIn('href="index-notebook.html"', page)

    def test_names_with_hash_and_question_mark_are_linked_percent_encoded(self):
        page = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn('href="a%23b%3Fc.html"', page)
        self.assertIn('href="a%23b%3Fc.ipynb"', page)


if __name__ == "__main__":
    unittest.main()


class ASubsetKeepsTheOtherReports(unittest.TestCase):
    """`bash run.sh notebooks/NN-x.ipynb` runs one notebook; the index must still list the reports an earlier run
    left in the folder (marked as earlier, with their commit), not only the one just run."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = Path(cls.tmp.name)
        cls.out = root / "reports"
        cls.out.mkdir()
        earlier = dict(NOTEBOOK, metadata=dict(NOTEBOOK["metadata"], is_spectral={
            "ok": True, "seconds": 12.5, "commit": "abc1234", "size": "small", "teaches": "What the earlier run taught."}))
        (cls.out / "01-quickstart.ipynb").write_text(json.dumps(earlier), encoding="utf-8")
        (cls.out / "01-quickstart.html").write_text("<html></html>", encoding="utf-8")
        (root / "zz.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
        cls.result = subprocess.run(
            [sys.executable, str(TOOLS / "run_notebooks.py"), "--installed-kernel", "--kernel", "no-such-kernel",
             "--startup-timeout", "20", "--out", str(cls.out), str(root / "zz.ipynb")],
            capture_output=True, text=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_index_lists_the_earlier_report_marked_with_its_commit(self):
        index = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn('href="01-quickstart.html"', index)
        self.assertIn("earlier run: commit abc1234, size small", index)
        self.assertIn("What the earlier run taught.", index)
        self.assertIn("1 of the 2 notebooks were not run this time", index)
        listed = json.loads((self.out / "index.json").read_text(encoding="utf-8"))["notebooks"]
        self.assertEqual(["01-quickstart", "zz"], [n["name"] for n in listed])
        self.assertEqual("commit abc1234, size small", listed[0]["earlier"])
        self.assertNotIn("earlier", listed[1])

    def test_the_summary_line_counts_only_what_ran(self):
        self.assertEqual(1, self.result.returncode, self.result.stderr)
        self.assertIn("0 of 1 notebook(s) ok", self.result.stdout)
