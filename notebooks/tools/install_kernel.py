#!/usr/bin/env python3
"""Installs IS-Spectral's Java kernel as the Jupyter kernelspec "java", for the current user.

The installed spec is the built one (kernel/target/jupyter/kernels/java: kernel.json and the
shaded kernel jar) with the notebooks' classpath written into kernel.json's "env":
IJAVA_CLASSPATH=<repo>/notebooks/target/classpath/*.jar. So a notebook opened in any Jupyter
(Lab, Notebook, nbconvert) finds the solver, the FFTW backend and their dependencies without
further setup. Build first: mvn -B -ntp -DskipTests package.

Where it goes: Jupyter's user data directory ($JUPYTER_DATA_DIR/kernels/java when that is
set, else ~/.local/share/jupyter/kernels/java), or --prefix PREFIX/share/jupyter/kernels/java
(a conda environment's, say: --prefix "$CONDA_PREFIX").
Binder's postBuild runs it; so can a local user.
"""
import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILT_SPEC = REPO / "kernel" / "target" / "jupyter" / "kernels" / "java"
CLASSPATH = REPO / "notebooks" / "target" / "classpath"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", help="install into PREFIX/share/jupyter/kernels (default: the user's data dir)")
    parser.add_argument("--name", default="java", help="kernelspec name (default: java)")
    args = parser.parse_args(argv)

    if not (BUILT_SPEC / "kernel.json").is_file():
        print("install_kernel: %s/kernel.json not found; build first: mvn -B -ntp -DskipTests package" % BUILT_SPEC,
              file=sys.stderr)
        return 1
    if not any(CLASSPATH.glob("is-spectral-solver-*.jar")):
        print("install_kernel: no solver jar in %s; build first: mvn -B -ntp -DskipTests package" % CLASSPATH,
              file=sys.stderr)
        return 1
    try:
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        print("install_kernel: jupyter_client is not installed in %s (Debian: apt-get install jupyter-client; "
              "conda: conda env create -f environment.yml)" % sys.executable, file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = Path(tmp) / args.name
        shutil.copytree(BUILT_SPEC, spec_dir)
        spec_file = spec_dir / "kernel.json"
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        spec.setdefault("env", {})["IJAVA_CLASSPATH"] = str(CLASSPATH / "*.jar")
        spec_file.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        manager = KernelSpecManager()
        if args.prefix:
            installed = manager.install_kernel_spec(str(spec_dir), kernel_name=args.name, prefix=args.prefix)
        else:
            installed = manager.install_kernel_spec(str(spec_dir), kernel_name=args.name, user=True)
    print("install_kernel: kernelspec %r installed in %s (IJAVA_CLASSPATH=%s)" % (args.name, installed, CLASSPATH / "*.jar"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
