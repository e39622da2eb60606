#!/usr/bin/python3
"""Opens HTML reports in headless Chromium at a given window width and checks that nothing is wider.

For each report it sets the viewport to WIDTH x 900 CSS pixels (device scale 1), loads the page and checks
  * the document does not scroll sideways: document.documentElement.scrollWidth <= WIDTH, and
  * no table, image or figure reaches past the right edge of the window (a table inside a scrolling
    box counts at the box's edge: what the reader sees without scrolling sideways).
With --screenshots DIR it also writes each report there as PNGs of 1800 px height (NAME-1.png, ...), to look at.
Uses check_reports.DevTools (the DevTools Protocol over a pipe), so it needs only Python and Chromium.
Exit status 0 when every report fits, 1 when one does not (each offender printed), 2 when Chromium
cannot be run.
"""
import argparse
import base64
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_reports import ChromiumError, DevTools, find_chromium  # noqa: E402

SEGMENT = 1800

MEASURE = """
(() => {
  const width = window.innerWidth;
  const doc = document.documentElement;
  const out = {innerWidth: width, scrollWidth: doc.scrollWidth, scrollHeight: doc.scrollHeight, wide: []};
  for (const el of document.querySelectorAll('table, img, figure, pre, h1, h2, h3, p, nav')) {
    // what is visible of it: clipped by the nearest scrolling box, if any
    let right = el.getBoundingClientRect().right;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') {
        right = Math.min(right, p.getBoundingClientRect().right);
        break;
      }
    }
    if (right > width + 0.5) {
      out.wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
                    (el.closest('section') ? 'in section#' + el.closest('section').id : '') + ': right edge ' +
                    Math.round(right));
    }
  }
  return JSON.stringify(out);
})()
"""


def measure(tools, path, width, screenshot_dir):
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        tools.send("Page.enable", session=session)
        tools.send("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        tools.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        if not tools.wait_for("Page.loadEventFired", session, timeout=60):
            return ["the page did not finish loading within 60 s"], None
        tools.pump(0.3)
        result = tools.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session)
        m = json.loads(result["result"]["value"])
        problems = []
        if m["scrollWidth"] > width:
            problems.append("the page is %d px wide at a %d px window: it scrolls sideways" % (m["scrollWidth"], width))
        problems.extend("wider than the window: " + w for w in m["wide"])
        if screenshot_dir:
            # pages of SEGMENT px, NAME-1.png, NAME-2.png, ...: small enough to look at one by one
            top, part = 0, 1
            while top < m["scrollHeight"]:
                height = min(SEGMENT, m["scrollHeight"] - top)
                shot = tools.send("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True,
                                   "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}},
                                  session=session, timeout=120)
                out = Path(screenshot_dir) / ("%s-%d.png" % (path.stem, part))
                out.write_bytes(base64.b64decode(shot["data"]))
                top += height
                part += 1
        return problems, m
    finally:
        tools.send("Target.closeTarget", {"targetId": target})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="HTML files")
    parser.add_argument("--width", type=int, default=1400, help="window width in CSS pixels (default 1400)")
    parser.add_argument("--screenshots", type=Path, help="write each report as 1800 px tall PNGs into this folder")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if not chromium:
        print("report_width: chromium not found; install it with: apt-get install chromium", file=sys.stderr)
        return 2
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    failed = 0
    tools = DevTools(chromium)
    try:
        for report in args.paths:
            problems, m = measure(tools, report, args.width, args.screenshots)
            if problems:
                failed += 1
                print("report_width: FAIL %s" % report)
                for p in problems:
                    print("    " + p)
            else:
                print("report_width: ok   %s (%d px wide, %d px tall at a %d px window)"
                      % (report, m["scrollWidth"], m["scrollHeight"], args.width))
    except ChromiumError as e:
        print("report_width: %s" % e, file=sys.stderr)
        return 2
    finally:
        tools.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
