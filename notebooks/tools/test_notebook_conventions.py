#!/usr/bin/python3
"""Every notebook in notebooks/ follows the shared conventions (notebooks/README.md): its name,
kernelspec "java", an opening markdown cell that says what it shows, its time and its seed, a
first code cell that calls Notebook.init() and reads and prints IS_SPECTRAL_SIZE, no stored
outputs (every number is computed when it runs), no TeX (reports carry no MathJax), no hand-made timing
(System.nanoTime / currentTimeMillis: every time goes through the library's measurement method,
dev.isspectral.measure, which gives it its interval), and a closing "What we learned" cell."""
import re
import unittest
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1]
EXPECTED = ["01-quickstart", "02-baseline-profiling", "03-memory-optimization", "04-fft-tuning",
            "05-success-metrics", "06-physics-validation"]


class NotebookConventionsTest(unittest.TestCase):

    def notebooks(self):
        found = sorted(NOTEBOOKS.glob("*.ipynb"))
        self.assertTrue(found, "no notebooks in " + str(NOTEBOOKS))
        return found

    def test_names_are_the_agreed_ones(self):
        for path in self.notebooks():
            self.assertIn(path.stem, EXPECTED, "unexpected notebook name " + path.name)

    def test_each_notebook_follows_the_conventions(self):
        for path in self.notebooks():
            with self.subTest(notebook=path.name):
                nb = nbformat.read(str(path), as_version=4)
                nbformat.validate(nb)
                spec = nb.metadata.get("kernelspec", {})
                self.assertEqual(("java", "java"), (spec.get("name"), spec.get("language")))
                first = nb.cells[0]
                self.assertEqual("markdown", first.cell_type, "opens with a markdown cell")
                self.assertRegex(first.source, r"(?i)\btime\b", "says how long it takes")
                self.assertRegex(first.source, r"(?i)\bseed\b", "says its seed")
                self.assertRegex(first.source, r"\bsmall\b", "gives the time at size small")
                self.assertRegex(first.source, r"\bfull\b", "gives the time at size full")
                code = [c for c in nb.cells if c.cell_type == "code"]
                self.assertIn("dev.isspectral.display.Notebook.init();", code[0].source)
                self.assertIn('System.getenv().getOrDefault("IS_SPECTRAL_SIZE", "full")', code[0].source)
                self.assertIn('"running at size=" + SIZE', code[0].source)
                self.assertEqual("markdown", nb.cells[-1].cell_type, "ends with a markdown cell")
                # the closing "What we learned" section: its heading in one of the last three cells (a cell
                # between may compute the section's claims live), and nothing but that section after it
                closing = [c for c in nb.cells[-3:]
                           if c.cell_type == "markdown" and re.search(r"(?im)^#+\s*What we learned", c.source)]
                self.assertTrue(closing, "ends with a 'What we learned' section (heading in the last three cells)")
                for c in code:
                    self.assertEqual([], c.get("outputs", []), "stored outputs: numbers must be computed live")
                for c in nb.cells:
                    if c.cell_type == "markdown":
                        self.assertIsNone(re.search(r"\$[^$\s][^$]*\$|\\\(|\\\[", c.source),
                                          "TeX in markdown needs MathJax, which reports do not load: " + c.source[:80])
                    else:
                        # basekernel (and IJava) read `= %word` as an assigned line magic, even inside a string
                        self.assertIsNone(re.search(r"=\s*%\w", c.source), "`= %word` is parsed as a line magic: "
                                          + c.source[:80])
                        # timings go through dev.isspectral.measure (Measure, Compare, Scaling, ...), not a stopwatch
                        self.assertIsNone(re.search(r"System\s*\.\s*(nanoTime|currentTimeMillis)\b", c.source),
                                          "hand-made timing in a notebook cell (use dev.isspectral.measure): "
                                          + c.source[:80])


if __name__ == "__main__":
    unittest.main()
