"""Rewrites an IS-Spectral checkpoint as another tool might: every dataset chunked, gzip-compressed and big-endian
('>f8'), every attribute copied. Usage: rewrite_chunked.py IN.h5 OUT.h5. The checkpoint reader must read such a file
(through jHDF, not its contiguous fast path) and restart from it bit for bit."""
import sys

import h5py


def copy(src, dst):
    for key, value in src.attrs.items():
        dst.attrs[key] = value
    for name, node in src.items():
        if isinstance(node, h5py.Group):
            copy(node, dst.create_group(name))
        else:
            data = node[...]
            d = dst.create_dataset(name, data=data.astype('>f8'), chunks=(max(1, data.size // 3),),
                                   compression='gzip')
            for key, value in node.attrs.items():
                d.attrs[key] = value


with h5py.File(sys.argv[1], 'r') as src, h5py.File(sys.argv[2], 'w') as dst:
    copy(src, dst)
