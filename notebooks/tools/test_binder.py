#!/usr/bin/python3
"""Binder and conda: the two environment files match, and binder/postBuild's steps, run on this
machine into a temporary home (HOME and JUPYTER_DATA_DIR in a temp dir; Debian's Jupyter and
python3 in place of conda's), install a kernel that executes a notebook using the solver, the FFTW
backend and the solver's renderers.

Run: /usr/bin/python3 -m unittest notebooks/tools/test_binder.py (builds the project: ~1 minute)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
TOOLS = Path(__file__).resolve().parent


class EnvironmentFilesTest(unittest.TestCase):

    def test_root_environment_matches_binder(self):
        import yaml
        binder = yaml.safe_load((REPO / "binder" / "environment.yml").read_text())
        root = yaml.safe_load((REPO / "environment.yml").read_text())
        self.assertEqual(binder, root, "environment.yml and binder/environment.yml must list the same environment")

    def test_binder_environment_has_what_the_notebooks_need(self):
        import yaml
        env = yaml.safe_load((REPO / "binder" / "environment.yml").read_text())
        self.assertEqual(["conda-forge"], env["channels"])
        names = {d.split("=")[0].split(">")[0].split("<")[0].strip(): d for d in env["dependencies"]}
        for needed in ("openjdk", "maven", "jupyterlab", "nbconvert", "nbclient", "jupyter_client"):
            self.assertIn(needed, names)
        self.assertEqual("openjdk=17", names["openjdk"], "the project is built with --release 17 and the kernel needs Java 17")

    def test_post_build_is_executable_and_strict(self):
        post_build = REPO / "binder" / "postBuild"
        self.assertTrue(os.access(post_build, os.X_OK), "repo2docker runs binder/postBuild directly: it must be executable")
        text = post_build.read_text()
        self.assertTrue(text.startswith("#!/usr/bin/env bash"))
        self.assertIn("set -euo pipefail", text)


PROBE = [
    'dev.isspectral.display.Notebook.init();\n'
    'System.out.println("kernel=" + System.getProperty("java.class.path"));\n'
    'System.out.println("classpath=" + System.getenv("IJAVA_CLASSPATH"));',
    'import dev.isspectral.sim.*;\nimport dev.isspectral.physics.*;\n'
    'System.out.println("fftw=" + dev.isspectral.fft.FftEngines.unavailableReason("fftw").orElse("available"));\n'
    'Solver s = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))\n'
    '        .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3))\n'
    '        .tuning(Tuning.optimized().withFftBackend("fftw")).build().start();\n'
    's.advance(2);\n'
    'System.out.println("engine=" + s.fftEngine());',
    'dev.isspectral.plot.FieldPlots.slice(s, "eps", 2, 0)',
]


class PostBuildTest(unittest.TestCase):

    def test_post_build_installs_a_kernel_that_runs_a_notebook(self):
        jupyter = shutil.which("jupyter", path="/usr/bin") or shutil.which("jupyter")
        if jupyter is None:
            self.skipTest("Jupyter not installed")
        real_repo = Path(os.environ.get("HOME", "/root")) / ".m2" / "repository"
        with tempfile.TemporaryDirectory(prefix="postbuild-") as tmp:
            tmp = Path(tmp)
            home = tmp / "home"
            data = home / ".local" / "share" / "jupyter"
            bin_dir = tmp / "bin"
            for d in (home, bin_dir):
                d.mkdir(parents=True)
            # Debian's Jupyter in place of conda's: postBuild calls `python3`
            (bin_dir / "python3").symlink_to(sys.executable)
            (bin_dir / "jupyter").symlink_to(jupyter)
            env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "IJAVA_CLASSPATH", "JUPYTER_CONFIG_DIR")}
            env.update(HOME=str(home), JUPYTER_DATA_DIR=str(data), PATH=str(bin_dir) + os.pathsep + env.get("PATH", ""),
                       # the temporary home has no Maven cache: share the machine's (read, and filled as usual)
                       MAVEN_OPTS=(env.get("MAVEN_OPTS", "") + " -Dmaven.repo.local=" + str(real_repo)).strip())
            build = subprocess.run(["bash", str(REPO / "binder" / "postBuild")], cwd=str(tmp), env=env,
                                   capture_output=True, text=True, timeout=1200)
            self.assertEqual(0, build.returncode, build.stdout[-3000:] + build.stderr[-3000:])

            spec_file = data / "kernels" / "java" / "kernel.json"
            self.assertTrue(spec_file.is_file(), "postBuild must install the kernelspec into JUPYTER_DATA_DIR")
            spec = json.loads(spec_file.read_text())
            self.assertEqual(str(REPO / "notebooks" / "target" / "classpath" / "*.jar"), spec["env"]["IJAVA_CLASSPATH"])
            self.assertEqual("java", spec["language"])
            self.assertTrue((spec_file.parent / "is-spectral-kernel.jar").is_file())

            probe = tmp / "probe.ipynb"
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in PROBE],
                                          metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}})
            nbformat.write(nb, str(probe))
            out = tmp / "reports"
            run = subprocess.run([sys.executable, str(TOOLS / "run_notebooks.py"), "--installed-kernel", "--out", str(out),
                                  str(probe)], cwd=str(tmp), env=env, capture_output=True, text=True, timeout=600)
            self.assertEqual(0, run.returncode, run.stdout[-3000:] + run.stderr[-3000:])
            executed = nbformat.read(str(out / "probe.ipynb"), as_version=4)
            text = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream")
            self.assertIn("kernel=" + str(spec_file.parent / "is-spectral-kernel.jar"), text,
                          "the notebook must run on the kernel postBuild installed")
            self.assertIn("classpath=" + spec["env"]["IJAVA_CLASSPATH"], text)
            self.assertIn("fftw=available", text)
            self.assertIn("engine=Fftw", text)
            image = executed.cells[2].outputs[0]
            self.assertIn("image/png", image["data"], "the solver's chart renderer must be found")
            self.assertTrue((out / "probe.html").is_file() and (out / "index.html").is_file())


if __name__ == "__main__":
    unittest.main()
