"""Tests of jit_summary.py on a small hand-made LogCompilation file: run with
/usr/bin/python3 -m unittest discover -s bench-builds -p 'test_jit_summary.py'"""
import contextlib
import io
import os
import tempfile
import unittest

import jit_summary


def task(compile_id, method, bytes_, stamp, callee_id, callee, outcomes, level=None):
    """One <task>: a compile of dev.isspectral.physics.<method> (bytes_ bytecodes; C2 unless level is given) whose
    body declares method callee_id (callee: the rest of its attributes) and calls it once per entry of outcomes,
    each call followed by that entry, an <inline_success .../> or <inline_fail .../> line."""
    level = f" level='{level}'" if level is not None else ""
    lines = [f"<task compile_id='{compile_id}' method='dev.isspectral.physics.{method}' bytes='{bytes_}'{level}"
             f" stamp='{stamp}'>",
             f"<method id='{callee_id}' {callee}/>"]
    for outcome in outcomes:
        lines += [f"<call method='{callee_id}' count='5' prof_factor='1' inline='1'/>", outcome]
    return "\n".join(lines + ["</task>"]) + "\n"


KINEMATICS = "PointwiseKernel$Pass kinematics (II)V"
DOT = "holder='2' name='dot' return='3' arguments='3' flags='8' bytes='16'"
STRESS = "holder='2' name='stress' return='3' arguments='3' flags='2' bytes='400'"
HOT = "<inline_success reason='inline (hot)'/>"

LOG = ("<hotspot_log>\n"
       + task(10, KINEMATICS, 1238, "1.0", 1, DOT, ["<inline_fail reason='callee uses too much stack'/>"], level=3)
       + task(11, KINEMATICS, 1238, "2.0", 1, DOT, [HOT, HOT])
       + task(12, "PointwiseKernel$Pass runTile (II)V", 219, "3.0", 4, STRESS,
              ["<inline_fail reason='hot method too big'/>"])
       + """<task compile_id='13' compile_kind='osr' method='dev.isspectral.physics.PrimitiveRecovery recoverChunk (II)V' bytes='1003' osr_bci='17' stamp='4.0'>
</task>
<uncommon_trap thread='7' reason='unstable_if' action='reinterpret' compile_id='11' compiler='c2' level='4' stamp='5.0'>
<uncommon_trap thread='7' reason='unstable_if' action='reinterpret' compile_id='11' compiler='c2' level='4' stamp='6.0'>
<uncommon_trap bci='3' reason='null_check' action='make_not_entrant'/>
</hotspot_log>
""")


class JitSummaryTest(unittest.TestCase):
    def summary(self):
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write(LOG)
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                jit_summary.main(f.name, "dev.isspectral.physics")
            return out.getvalue()
        finally:
            os.unlink(f.name)

    def test_c2_compiles_only_with_inlining_counts_and_reasons(self):
        lines = self.summary().splitlines()
        kinematics = [l for l in lines if l.startswith("  PointwiseKernel$Pass kinematics")]
        self.assertEqual(1, len(kinematics), "the C1 compile (level='3') must be left out")
        self.assertIn("inlined   2", kinematics[0])
        self.assertIn("not inlined: none", kinematics[0])
        run_tile = [l for l in lines if "runTile" in l][0]
        self.assertIn("stress x1: hot method too big", run_tile)

    def test_osr_only_methods_listed(self):
        self.assertIn("OSR-only (no normal C2 compile): PrimitiveRecovery recoverChunk", self.summary())

    def test_run_time_traps_counted_by_method_and_reason(self):
        text = self.summary()
        trap = [l for l in text.splitlines() if "unstable_if" in l]
        self.assertEqual(1, len(trap))
        self.assertTrue(trap[0].rstrip().endswith(" 2"), trap[0])
        self.assertNotIn("null_check", text, "a trap declared in compiled code is not a trap hit at run time")


if __name__ == "__main__":
    unittest.main()
