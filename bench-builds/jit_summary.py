"""Summarises a HotSpot -XX:+LogCompilation file for the solver's pointwise physics (issue 17's JIT check).

Usage: python3 jit_summary.py compilation.xml [PACKAGE_PREFIX]

Prints, for every C2 compilation of a method in PACKAGE_PREFIX (default dev.isspectral.physics): its kind (normal
or OSR), bytecode size, how many calls C2 inlined into it and each call it did not inline with HotSpot's reason;
then the methods of that package that C2 compiled only as OSR code (a loop entered from the interpreter, never
a normal compile); then the uncommon traps hit at run time in C2 code of the solver (deoptimizations), by method
and reason. Standard library only; the file is read as text (a JVM still writing leaves it unterminated).
"""
import collections
import re
import sys


def attribute(tag, name):
    match = re.search(r"\b" + name + r"='([^']*)'", tag)
    return match.group(1) if match else None


def main(path, prefix):
    text = open(path, encoding="utf-8", errors="replace").read()
    compiled = {}
    normal = set()
    osr_only = collections.OrderedDict()
    print("C2 compilations of %s.* (a C2 task has no level attribute; C1's are left out)" % prefix)
    for task in re.finditer(r"(<task [^>]*>)(.*?)</task>", text, re.S):
        head, body = task.group(1), task.group(2)
        method = attribute(head, "method")
        compile_id = attribute(head, "compile_id")
        if method is None or compile_id is None:
            continue
        compiled[compile_id] = method
        if attribute(head, "level") is not None or not method.startswith(prefix):
            continue
        short = method.split(" (")[0].replace(prefix + ".", "")
        kind = "OSR" if attribute(head, "compile_kind") == "osr" else "normal"
        if kind == "normal":
            normal.add(short)
            osr_only.pop(short, None)
        elif short not in normal:
            osr_only[short] = True
        names = {m.group(1): m.group(2) for m in re.finditer(r"<method id='(\d+)' holder='\d+' name='([^']+)'", body)}
        inlined = len(re.findall(r"<inline_success", body))
        failed = collections.Counter()
        for call in re.finditer(r"<call method='(\d+)'[^>]*/>\s*<inline_fail reason='([^']*)'", body):
            failed[(names.get(call.group(1), call.group(1)), call.group(2))] += 1
        fails = "; ".join("%s x%d: %s" % (n, c, r) for (n, r), c in sorted(failed.items())) or "none"
        print("  %-40s %-6s %5s bytes  inlined %3d  not inlined: %s"
              % (short, kind, attribute(head, "bytes"), inlined, fails))
    print("OSR-only (no normal C2 compile): " + (", ".join(osr_only) or "none"))
    traps = collections.Counter()
    for trap in re.finditer(r"<uncommon_trap thread=[^>]*>", text):
        tag = trap.group(0)
        method = compiled.get(attribute(tag, "compile_id"), "?")
        if method.startswith("dev.isspectral"):
            traps[(method.split(" (")[0], attribute(tag, "reason"), attribute(tag, "action"))] += 1
    print("deoptimizations at run time in C2/C1 code of dev.isspectral.* (method, reason, action, count):")
    for (method, reason, action), count in sorted(traps.items(), key=lambda kv: -kv[1]):
        print("  %-60s %-20s %-12s %d" % (method, reason, action, count))
    if not traps:
        print("  none")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python3 jit_summary.py compilation.xml [PACKAGE_PREFIX]")
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "dev.isspectral.physics")
