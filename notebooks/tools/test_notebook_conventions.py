#!/usr/bin/python3
"""Every notebook in notebooks/ follows the shared conventions (notebooks/README.md): its name,
kernelspec "java", an opening markdown cell that says what it shows, its time and its seed, a
first code cell that calls Notebook.init() and reads and prints IS_SPECTRAL_SIZE, no stored
outputs (every number is computed when it runs), no TeX (reports carry no MathJax), no hand-made timing
(System.nanoTime / currentTimeMillis: every time goes through the library's measurement method,
dev.isspectral.measure, which gives it its interval), and a closing "What we learned" cell. For reports a reader can trust and an index worth opening: no cell whose
value would print a Java object identity (a cell ending in `System.out.printf(...);` shows
`java.io.PrintStream@3134d2f1`), no methods declared in cells (a helper belongs in the library,
documented and tested, where every notebook and test can call it), code cells of at most
MAX_CELL_LINES lines, and the metadata notebooks/tools/run_notebooks.py builds the index from: a
one-sentence `is_spectral.teaches`, one cell tagged `headline` and one tagged `key-chart`."""
import re
import unittest
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1]
MAX_CELL_LINES = 60
METHOD_DECLARATION = re.compile(r"^\s*(?:(?:static|final|public|private)\s+)*(?!return\b|new\b|else\b)"
                                r"[A-Za-z_][\w<>\[\],.? ]*?\s+(\w+)\s*\([^;{]*\)\s*\{", re.M)
CONTROL = {"if", "for", "while", "switch", "catch", "synchronized", "try"}
# a statement whose value is a PrintStream (or other object without a useful text form)
PRINTS_STREAM = re.compile(r"^System\.(out|err)\.(printf|format|append)\s*\(")


def last_statement(source: str) -> str:
    """The last top-level statement of Java code: split at ';' and '}' outside strings, comments,
    parentheses and braces."""
    statements, current, depth, i = [], [], 0, 0
    while i < len(source):
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
            continue
        if source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = len(source) if end < 0 else end + 2
            continue
        if c in "\"'":
            if source.startswith('"""', i):
                end = source.find('"""', i + 3)
                end = len(source) if end < 0 else end + 3
            else:
                end = i + 1
                while end < len(source) and source[end] != c:
                    end += 2 if source[end] == "\\" else 1
                end += 1
            current.append(source[i:end])
            i = end
            continue
        current.append(c)
        if c in "({[":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                statements.append("".join(current))
                current = []
        elif c == ";" and depth == 0:
            statements.append("".join(current))
            current = []
        i += 1
    statements.append("".join(current))
    statements = [s.strip() for s in statements if s.strip()]
    return statements[-1] if statements else ""
EXPECTED = ["01-quickstart", "02-baseline-profiling", "03-memory-optimization", "04-fft-tuning",
            "05-success-metrics", "06-physics-validation", "07-ensembles", "08-snapshots"]


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


    def test_no_cell_prints_an_object_identity(self):
        for path in self.notebooks():
            nb = nbformat.read(str(path), as_version=4)
            for i, c in enumerate(nb.cells):
                if c.cell_type != "code":
                    continue
                last = last_statement(c.source)
                with self.subTest(notebook=path.name, cell=i):
                    self.assertIsNone(PRINTS_STREAM.match(last),
                                      "the cell's value is a PrintStream, shown as java.io.PrintStream@...; end with "
                                      "System.out.println(String.format(...)) instead: " + last[:80])

    def test_last_statement_is_found_outside_strings_and_blocks(self):
        self.assertEqual('System.out.printf("a;b}%n", x);', last_statement('int x = 1;\nSystem.out.printf("a;b}%n", x);\n'))
        self.assertEqual("for (int i = 0; i < 3; i++) { f(i); }", last_statement("g();\nfor (int i = 0; i < 3; i++) { f(i); }"))
        self.assertEqual("chart", last_statement("var chart = make(); // ends; here\nchart"))
        self.assertIsNotNone(PRINTS_STREAM.match(last_statement('a();\nSystem.out.printf(L, "%d%n",\n  n);')))

    def test_method_declarations_are_found_and_lambdas_and_control_are_not(self):
        def declared(source):
            return {m.group(1) for m in METHOD_DECLARATION.finditer(source)} - CONTROL
        self.assertEqual({"check"}, declared('String check(String what, double x) {\n  return what;\n}'))
        self.assertEqual({"rows"}, declared('static double[][] rows(Table t, int n) {}'))
        self.assertEqual(set(), declared('IntFunction<double[]> at = n -> f(n);\nfor (int i = 0; i < 3; i++) {\n}'))
        self.assertEqual(set(), declared('if (x > 0) {\n} else if (y) {\n}\nreturn new int[] {1};'))

    def test_cells_declare_no_helpers_and_stay_short(self):
        for path in self.notebooks():
            nb = nbformat.read(str(path), as_version=4)
            for i, c in enumerate(nb.cells):
                if c.cell_type != "code":
                    continue
                with self.subTest(notebook=path.name, cell=i):
                    declared = {m.group(1) for m in METHOD_DECLARATION.finditer(c.source)} - CONTROL
                    self.assertEqual(set(), declared,
                                     "methods belong in the library (documented, tested), not in a cell")
                    self.assertLessEqual(len(c.source.split("\n")), MAX_CELL_LINES, "a cell does one thing in a few lines")

    def test_each_notebook_says_what_it_teaches_and_marks_its_headline_and_key_chart(self):
        for path in self.notebooks():
            with self.subTest(notebook=path.name):
                nb = nbformat.read(str(path), as_version=4)
                teaches = nb.metadata.get("is_spectral", {}).get("teaches", "")
                self.assertRegex(teaches, r"^[A-Z].{30,300}\.$", "metadata is_spectral.teaches: one sentence")
                for tag in ("headline", "key-chart"):
                    tagged = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
                    self.assertEqual(1, len(tagged), "one code cell tagged " + tag)
                    self.assertEqual("code", tagged[0].cell_type)


if __name__ == "__main__":
    unittest.main()
