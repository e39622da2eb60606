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
