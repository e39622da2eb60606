#!/usr/bin/python3
"""The report checker must catch what it claims to catch: each deliberately bad page fails with
the problem named, a clean page passes, and nbconvert's default export (require.js and MathJax
from CDNs) is caught while our offline template's export of the same notebook passes.

Run: /usr/bin/python3 -m unittest notebooks/tools/test_check_reports.py (needs chromium)."""
import base64
import struct
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_reports  # noqa: E402


def png(width: int, height: int) -> bytes:
    """A valid grey PNG, built by hand so the test needs no imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


GOOD_IMAGE = "data:image/png;base64," + base64.b64encode(png(3, 2)).decode()

PAGES = {
    "clean": '<p>ok</p><img src="%s">' % GOOD_IMAGE,
    "remote-image": '<img src="%s"><img src="http://example.com/chart.png">' % GOOD_IMAGE,
    "remote-script": '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>',
    "remote-css-import": '<style>@import url("https://fonts.googleapis.com/css?family=Roboto");</style><p>x</p>',
    "script-fetch": "<script>fetch('https://example.org/data.json').catch(() => {});</script>",
    "remote-iframe": '<iframe src="https://example.net/"></iframe>',
    "local-file-script": '<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>',
    "undecodable-image": '<img src="data:image/png;base64,iVBORw0KGgoAAAAA">',
    # 40 columns of 40-character cells: about 3000 px, wider than the 1400 px window
    "wide-table": "<div><table><caption>wide</caption><tr>%s</tr></table></div>" % (("<td>%s</td>" % ("x" * 40)) * 40),
    "wide-table-in-scroll-box": '<div style="overflow-x:auto"><table><tr>%s</tr></table></div>' % (("<td>%s</td>" % ("x" * 40)) * 40),
    "object-identity": "<pre>java.io.PrintStream@3134d2f1</pre><pre>[D@2d7f1e90</pre>",
    "path-in-cell": "<table><tr><td>fftw (tuned: /tmp/is-spectral-05-123/fft-tuning.properties)</td></tr></table>",
}


class CheckReportsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        chromium = check_reports.find_chromium()
        if not chromium:
            raise unittest.SkipTest("chromium not installed")
        cls.dir = tempfile.TemporaryDirectory()
        cls.tools = check_reports.DevTools(chromium)

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()
        cls.dir.cleanup()

    def check(self, name, body):
        path = Path(self.dir.name) / (name + ".html")
        path.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>%s</body></html>" % body)
        return check_reports.check_report(self.tools, path)

    def test_clean_page_passes_and_its_image_is_counted(self):
        problems, images = self.check("clean", PAGES["clean"])
        self.assertEqual([], problems)
        self.assertEqual(1, images)

    def test_remote_image_is_reported_as_fetched_and_undecoded(self):
        problems, images = self.check("remote-image", PAGES["remote-image"])
        self.assertEqual(2, images)
        self.assertTrue(any("fetched from the network: http://example.com/chart.png" in p for p in problems), problems)
        self.assertTrue(any("does not decode" in p and "example.com" in p for p in problems), problems)
        self.assertFalse(any(p.startswith("image does not decode") and "data:" in p for p in problems), problems)

    def test_remote_script_is_reported(self):
        problems, _ = self.check("remote-script", PAGES["remote-script"])
        self.assertTrue(any("cdnjs.cloudflare.com" in p for p in problems), problems)

    def test_remote_stylesheet_import_is_reported(self):
        problems, _ = self.check("remote-css-import", PAGES["remote-css-import"])
        self.assertTrue(any("fonts.googleapis.com" in p for p in problems), problems)

    def test_fetch_from_script_is_reported(self):
        problems, _ = self.check("script-fetch", PAGES["script-fetch"])
        self.assertTrue(any("example.org/data.json" in p for p in problems), problems)

    def test_remote_iframe_is_reported(self):
        problems, _ = self.check("remote-iframe", PAGES["remote-iframe"])
        self.assertTrue(any("example.net" in p for p in problems), problems)

    def test_script_from_another_local_file_is_reported(self):
        problems, _ = self.check("local-file-script", PAGES["local-file-script"])
        self.assertTrue(any("reads a local file: file:///usr/share/javascript/requirejs" in p for p in problems), problems)

    def test_undecodable_inline_image_is_reported_without_a_fetch(self):
        problems, images = self.check("undecodable-image", PAGES["undecodable-image"])
        self.assertEqual(1, images)
        self.assertEqual(1, len(problems), problems)
        self.assertIn("does not decode", problems[0])

    def test_table_wider_than_the_window_without_a_scroll_box_is_reported(self):
        problems, _ = self.check("wide-table", PAGES["wide-table"])
        self.assertEqual(1, len(problems), problems)
        self.assertIn('table 1 ("wide")', problems[0])
        self.assertIn("without a scroll box", problems[0])

    def test_wide_table_inside_a_scroll_box_passes(self):
        problems, _ = self.check("wide-table-in-scroll-box", PAGES["wide-table-in-scroll-box"])
        self.assertEqual([], problems)

    def test_printed_object_identities_are_reported(self):
        problems, _ = self.check("object-identity", PAGES["object-identity"])
        self.assertIn("prints an object identity: java.io.PrintStream@3134d2f1", problems)
        self.assertIn("prints an object identity: [D@2d7f1e90", problems)

    def test_file_path_in_a_table_cell_is_reported(self):
        problems, _ = self.check("path-in-cell", PAGES["path-in-cell"])
        self.assertEqual(["a table cell holds a file path: /tmp/is-spectral-05-123/fft-tuning.properties)"], problems)

    def test_screenshot_is_a_png_1400_px_wide(self):
        path = Path(self.dir.name) / "shot.html"
        path.write_text("<!DOCTYPE html><html><body><p style='height:2000px'>tall</p></body></html>")
        out = Path(self.dir.name) / "shots" / "shot.png"
        problems, _ = check_reports.check_report(self.tools, path, screenshot=out)
        self.assertEqual([], problems)
        data = out.read_bytes()
        self.assertEqual(b"\x89PNG", data[:4])
        width, height = struct.unpack(">II", data[16:24])
        self.assertEqual(check_reports.VIEWPORT_WIDTH, width)
        self.assertGreaterEqual(height, 2000)

    def test_nbconvert_default_export_is_caught_and_the_offline_template_passes(self):
        try:
            import nbformat
            from nbconvert import HTMLExporter
        except ImportError:
            self.skipTest("nbconvert not installed")
        import run_notebooks
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell("# A report\nwith an inline image below"),
            nbformat.v4.new_code_cell("chart", outputs=[nbformat.v4.new_output(
                "execute_result", data={"image/png": base64.b64encode(png(4, 4)).decode(), "text/plain": "chart"},
                execution_count=1)], execution_count=1)])
        # upstream nbconvert's defaults load both from a CDN (Debian's point at /usr/share/javascript)
        upstream = HTMLExporter(template_name="lab",
                                require_js_url="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js",
                                mathjax_url="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js"
                                            "?config=TeX-AMS_CHTML-full,Safe")
        for name, exporter in (("nbconvert-upstream", upstream), ("nbconvert-installed", HTMLExporter(template_name="lab"))):
            html, _ = exporter.from_notebook_node(nb)
            path = Path(self.dir.name) / (name + ".html")
            path.write_text(html)
            problems, _ = check_reports.check_report(self.tools, path)
            self.assertTrue(any("require" in p for p in problems), (name, problems))
            self.assertTrue(any("mathjax" in p.lower() for p in problems), (name, problems))
            if name == "nbconvert-upstream":
                self.assertTrue(all(p.startswith("fetched from the network: https://cdnjs") for p in problems), problems)
        offline_html, _ = run_notebooks.html_exporter().from_notebook_node(nb)
        path = Path(self.dir.name) / "offline.html"
        path.write_text(offline_html)
        problems, images = check_reports.check_report(self.tools, path)
        self.assertEqual([], problems)
        self.assertEqual(1, images)


if __name__ == "__main__":
    unittest.main()
