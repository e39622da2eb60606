"""Reads IS-Spectral HDF5 files the way a Python user would, with h5py, and reports what it found as JSON.

usage: read_with_h5py.py FILE.h5 ... [--xdmf SIDECAR.xdmf]

For every file: every attribute of every group and dataset (decoded to JSON values), and for every dataset
its shape, dtype, the value at grid index (1, 2, 3) and whether its crc32 attribute equals zlib.crc32 of its
little-endian bytes. With --xdmf: the sidecar parses as XML, and every HDF reference in it names a dataset
of the stated dimensions in a file beside it. Exits 1 on any failure.
"""
import json
import os
import sys
import xml.etree.ElementTree as ElementTree
import zlib

import h5py
import numpy


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, numpy.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, (numpy.integer,)):
        return int(value)
    if isinstance(value, (numpy.floating,)):
        return float(value) if numpy.isfinite(value) else str(value)
    if isinstance(value, float) and not numpy.isfinite(value):
        return str(value)
    return value


def read_file(path):
    report = {"attributes": {}, "datasets": {}}

    def visit(name, node):
        attributes = {key: plain(node.attrs[key]) for key in node.attrs}
        if attributes:
            report["attributes"]["/" + name] = attributes
        if isinstance(node, h5py.Dataset):
            data = node[...]
            crc = zlib.crc32(numpy.ascontiguousarray(data, dtype="<f8").tobytes())
            report["datasets"]["/" + name] = {
                "shape": list(data.shape),
                "dtype": str(data.dtype),
                "at_1_2_3": float(data[1, 2, 3]) if data.ndim == 3 else None,
                "crc32_ok": int(node.attrs["crc32"]) == crc,
            }

    with h5py.File(path, "r") as f:
        report["attributes"]["/"] = {key: plain(f.attrs[key]) for key in f.attrs}
        f.visititems(visit)
    return report


def check_xdmf(path):
    folder = os.path.dirname(os.path.abspath(path))
    tree = ElementTree.parse(path)
    references = 0
    times = []
    for grid in tree.iter("Grid"):
        time = grid.find("Time")
        if time is not None:
            times.append(float(time.get("Value")))
    for item in tree.iter("DataItem"):
        if item.get("Format") != "HDF":
            continue
        file_name, dataset = item.text.strip().split(":", 1)
        dims = [int(d) for d in item.get("Dimensions").split()]
        with h5py.File(os.path.join(folder, file_name), "r") as f:
            if list(f[dataset].shape) != dims:
                raise SystemExit("xdmf: %s:%s has shape %s, the sidecar says %s" % (file_name, dataset, f[dataset].shape, dims))
        references += 1
    return {"references": references, "times": times}


def main(argv):
    files = []
    xdmf = None
    i = 0
    while i < len(argv):
        if argv[i] == "--xdmf":
            xdmf = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    out = {"h5py": h5py.__version__, "files": {f: read_file(f) for f in files}}
    if xdmf:
        out["xdmf"] = check_xdmf(xdmf)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    bad = [(f, d) for f, r in out["files"].items() for d, v in r["datasets"].items() if not v["crc32_ok"]]
    if bad:
        print("\ncrc32 mismatch: %s" % bad, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
