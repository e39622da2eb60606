#!/usr/bin/python3
"""Opens HTML reports in headless Chromium and checks that they are self-contained.

For each report (the files named, or every *.html in the folder named) it checks that
  * every <img> decodes (img.decode() resolves and naturalWidth > 0), and
  * nothing is fetched from the network: every request the page, its frames and workers make
    (seen through the Chrome DevTools Protocol's Network.requestWillBeSent) has a local scheme
    (file:, data:, blob:, about:). As a second guard Chromium runs with its proxy pointed at a
    dead port, so a remote fetch fails instead of leaving the machine.

  * the page reads well at 1400 px (the viewport it is opened in): no table is wider than its
    container unless it sits in a scroll box (an ancestor with overflow-x auto or scroll), no
    output prints a Java object identity (`java.io.PrintStream@3134d2f1`, `[D@2d7f1e90`), and no
    table cell holds an absolute file path.
With --screenshots DIR it saves a full-page PNG of each report, 1400 px wide, as DIR/<report>.png.

The DevTools Protocol is spoken over --remote-debugging-pipe (file descriptors 3 and 4, JSON
messages ending in NUL), so nothing but the Python standard library and Debian's `chromium` is
needed. Exit status 0 when every report passes, 1 when one fails (each problem printed), 2 when
Chromium cannot be run.
"""
import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# schemes that never leave the page: a file: request is allowed only for the report itself
INLINE_SCHEMES = ("data:", "blob:", "about:", "chrome-error:")

IMAGE_CHECK = """
(async () => {
  const images = Array.from(document.images);
  const results = [];
  for (const img of images) {
    let decoded = true;
    try { await img.decode(); } catch (e) { decoded = false; }
    results.push({src: (img.currentSrc || img.src || '').slice(0, 80), decoded: decoded,
                  naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight});
  }
  return JSON.stringify(results);
})()
"""


# the width reports are checked (and screenshots taken) at
VIEWPORT_WIDTH = 1400

LAYOUT_CHECK = r"""
(() => {
  const problems = [];
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const tables = Array.from(document.querySelectorAll('table'));
  tables.forEach((t, i) => {
    const parent = t.parentElement;
    if (!parent) return;
    const width = t.getBoundingClientRect().width;
    const room = parent.clientWidth;
    const right = t.getBoundingClientRect().right;
    if ((width > room + 1 || right > document.documentElement.clientWidth + 1) && !scrolls(t)) {
      const caption = (t.caption ? t.caption.innerText : (t.innerText || '')).slice(0, 60).replace(/\s+/g, ' ');
      problems.push('table ' + (i + 1) + ' ("' + caption + '") is ' + Math.round(width) + ' px wide in a '
                    + Math.round(room) + ' px container, without a scroll box: its right columns are cut off');
    }
  });
  const text = document.body ? document.body.innerText : '';
  const identity = /(\b[a-z][\w$]*(?:\.[\w$]+)+@[0-9a-f]{5,8}\b|\[+[BCDFIJSZ]@[0-9a-f]{5,8}\b|\[+L[\w.$]+;@[0-9a-f]{5,8}\b)/g;
  const seen = new Set();
  for (const m of text.matchAll(identity)) {
    if (!seen.has(m[0])) { seen.add(m[0]); problems.push('prints an object identity: ' + m[0]); }
  }
  const path = /(^|\s)(\/(?:tmp|home|root|work|var|usr|opt|private|Users)\/[^\s]+|[A-Za-z]:\\[^\s]+)/;
  document.querySelectorAll('td').forEach((td) => {
    const m = (td.innerText || '').match(path);
    if (m) problems.push('a table cell holds a file path: ' + m[2].slice(0, 100));
  });
  return JSON.stringify(problems);
})()
"""


class ChromiumError(Exception):
    pass


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevTools:
    """A Chromium process driven over --remote-debugging-pipe."""

    def __init__(self, chromium: str):
        self.profile = tempfile.mkdtemp(prefix="check-reports-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-extensions", "--metrics-recording-only", "--mute-audio",
                "--allow-file-access-from-files",
                # a remote fetch must fail, never leave the machine: a proxy on a port nobody listens to
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--user-data-dir=" + self.profile, "about:blank"]

        def child_fds():
            # Chromium reads commands on fd 3 and writes replies on fd 4; go through fresh
            # descriptors first so neither dup2 clobbers the other's source
            read_end = os.dup(to_browser_read)
            write_end = os.dup(from_browser_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        # Chromium's log goes to a file: a pipe nobody drains would fill and stall the browser
        self.log = open(os.path.join(self.profile, "chromium.log"), "w+b")
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self.log, preexec_fn=child_fds, close_fds=False)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                self.log.seek(0)
                err = self.log.read().decode(errors="replace")
                raise ChromiumError("Chromium closed the DevTools pipe" + (": " + err[-2000:] if err else ""))
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60.0):
        self.next_id += 1
        my_id = self.next_id
        message = {"id": my_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self.to_browser, data)
            data = data[written:]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply is None:
                raise ChromiumError("no reply to %s within %.0f s" % (method, timeout))
            if reply.get("id") == my_id:
                if "error" in reply:
                    raise ChromiumError("%s failed: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self._event(reply)

    def _event(self, message):
        if "method" not in message:
            return
        self.events.append(message)
        if message["method"] == "Target.attachedToTarget":
            # a frame or worker of the page: watch its requests too, then let it run
            child = message["params"]["sessionId"]
            for method, params in (("Network.enable", {}),
                                   ("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                             "flatten": True}),
                                   ("Runtime.runIfWaitingForDebugger", {})):
                self.next_id += 1
                out = {"id": self.next_id, "method": method, "params": params, "sessionId": child}
                os.write(self.to_browser, json.dumps(out).encode() + b"\0")

    def pump(self, seconds):
        """Collects events for up to `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            message = self._read_message(deadline)
            if message is None:
                return
            self._event(message)

    def wait_for(self, method, session, timeout):
        deadline = time.monotonic() + timeout
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event["method"] == method and event.get("sessionId") == session:
                    return True
            seen = len(self.events)
            message = self._read_message(deadline)
            if message is None:
                return False
            self._event(message)


def check_report(tools: DevTools, path: Path, settle: float = 1.0, screenshot: Path = None) -> list:
    """Returns the problems found in one report (empty when it passes) and its image count; with
    `screenshot`, saves a full-page PNG of it there, VIEWPORT_WIDTH px wide."""
    problems = []
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    start = len(tools.events)
    try:
        tools.send("Network.enable", session=session)
        tools.send("Page.enable", session=session)
        tools.send("Emulation.setDeviceMetricsOverride", {"width": VIEWPORT_WIDTH, "height": 900,
                                                          "deviceScaleFactor": 1, "mobile": False}, session=session)
        tools.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True},
                   session=session)
        own_url = path.resolve().as_uri()
        tools.send("Page.navigate", {"url": own_url}, session=session)
        if not tools.wait_for("Page.loadEventFired", session, timeout=60):
            problems.append("the page did not finish loading within 60 s")
        # late fetches (timers, lazy images) show up in the next moment
        tools.pump(settle)
        result = tools.send("Runtime.evaluate", {"expression": IMAGE_CHECK, "awaitPromise": True,
                                                 "returnByValue": True}, session=session, timeout=60)
        if "exceptionDetails" in result:
            problems.append("image check failed: %s" % result["exceptionDetails"].get("text"))
            images = []
        else:
            images = json.loads(result["result"]["value"])
        for img in images:
            if not img["decoded"] or img["naturalWidth"] <= 0:
                problems.append("image does not decode (naturalWidth %d): %s" % (img["naturalWidth"], img["src"]))
        layout = tools.send("Runtime.evaluate", {"expression": LAYOUT_CHECK, "returnByValue": True},
                            session=session, timeout=60)
        if "exceptionDetails" in layout:
            problems.append("layout check failed: %s" % layout["exceptionDetails"].get("text"))
        else:
            problems.extend(json.loads(layout["result"]["value"]))
        if screenshot is not None:
            save_screenshot(tools, session, screenshot)
        tools.pump(0.2)
        for event in tools.events[start:]:
            if event["method"] == "Network.requestWillBeSent":
                url = event["params"]["request"]["url"]
                if url.startswith(INLINE_SCHEMES) or url.split("#", 1)[0] == own_url:
                    continue
                if url.startswith("file:"):
                    problems.append("not self-contained, reads a local file: %s" % url[:200])
                else:
                    problems.append("fetched from the network: %s" % url[:200])
        return problems, len(images)
    finally:
        tools.send("Target.closeTarget", {"targetId": target})


def save_screenshot(tools: DevTools, session: str, out: Path, max_height: int = 16000):
    """Saves the whole page (up to max_height px tall) as a PNG, VIEWPORT_WIDTH px wide."""
    import base64
    metrics = tools.send("Page.getLayoutMetrics", session=session)
    size = metrics.get("cssContentSize") or metrics.get("contentSize")
    height = int(min(max_height, max(1, size["height"])))
    tools.send("Emulation.setDeviceMetricsOverride", {"width": VIEWPORT_WIDTH, "height": height,
                                                      "deviceScaleFactor": 1, "mobile": False}, session=session)
    shot = tools.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                 "clip": {"x": 0, "y": 0, "width": VIEWPORT_WIDTH, "height": height,
                                                          "scale": 1}}, session=session, timeout=120)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(base64.b64decode(shot["data"]))
    os.replace(tmp, out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="HTML files, or folders whose *.html are checked")
    parser.add_argument("--min-images", type=int, default=0,
                        help="fail a report (other than index.html) with fewer images than this")
    parser.add_argument("--screenshots", type=Path, default=None,
                        help="save a full-page PNG of each report, %d px wide, into this folder" % VIEWPORT_WIDTH)
    args = parser.parse_args(argv)
    reports = []
    for p in args.paths:
        if p.is_dir():
            reports.extend(sorted(p.glob("*.html")))
        elif p.is_file():
            reports.append(p)
        else:
            print("check_reports: %s does not exist" % p, file=sys.stderr)
            return 1
    if not reports:
        print("check_reports: no HTML reports in %s" % " ".join(map(str, args.paths)), file=sys.stderr)
        return 1
    chromium = find_chromium()
    if not chromium:
        print("check_reports: chromium not found; install it with: apt-get install chromium", file=sys.stderr)
        return 2
    failed = 0
    tools = DevTools(chromium)
    try:
        for report in reports:
            shot = args.screenshots / (report.stem + ".png") if args.screenshots else None
            problems, images = check_report(tools, report, screenshot=shot)
            if report.name != "index.html" and images < args.min_images:
                problems.append("only %d image(s); expected at least %d" % (images, args.min_images))
            if problems:
                failed += 1
                print("check_reports: FAIL %s" % report)
                for problem in problems:
                    print("    " + problem)
            else:
                print("check_reports: ok   %s (%d image(s) decode, no network fetch, fits %d px)"
                      % (report, images, VIEWPORT_WIDTH) + (", screenshot %s" % shot if shot else ""))
    except ChromiumError as e:
        print("check_reports: %s" % e, file=sys.stderr)
        return 2
    finally:
        tools.close()
    print("check_reports: %d of %d report(s) pass" % (len(reports) - failed, len(reports)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
