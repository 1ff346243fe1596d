#!/usr/bin/env python3
"""Makes the Fashion-MNIST subset shipped in the examples module's resources.

Reads Debian's `dataset-fashion-mnist` package (apt-get install dataset-fashion-mnist), keeps the
first 10,000 training and the first 2,000 test images with their labels, and writes them in the
original IDX format, gzip-compressed with a fixed timestamp so the output is reproducible.

    python3 tools/make_fashion_subset.py [SRC_DIR] [DEST_DIR]
"""
import gzip
import os
import struct
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
DEST = (
    sys.argv[2]
    if len(sys.argv) > 2
    else "examples/src/main/resources/io/github/muppetdjl/examples/data/fashion-mnist"
)
FILES = [
    ("train-images-idx3-ubyte.gz", 10000),
    ("train-labels-idx1-ubyte.gz", 10000),
    ("t10k-images-idx3-ubyte.gz", 2000),
    ("t10k-labels-idx1-ubyte.gz", 2000),
]


def subset(name, count):
    with gzip.open(os.path.join(SRC, name), "rb") as f:
        data = f.read()
    magic, total = struct.unpack(">II", data[:8])
    ndim = magic & 0xFF
    dims = list(struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim]))
    header = 4 + 4 * ndim
    item = 1
    for d in dims[1:]:
        item *= d
    if count > total:
        raise SystemExit(f"{name} holds {total} items, fewer than {count}")
    dims[0] = count
    out = struct.pack(">I", magic) + struct.pack(">" + "I" * ndim, *dims)
    out += data[header : header + count * item]
    os.makedirs(DEST, exist_ok=True)
    with open(os.path.join(DEST, name), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(out)
    print(f"{name}: {count} of {total}")


for n, c in FILES:
    subset(n, c)
