#!/usr/bin/env python3
# Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
"""Writes fp16-numpy-golden.txt: float32 inputs and numpy's float32 -> float16 conversion.

numpy converts float32 to float16 with IEEE round-to-nearest-even on the exact value (its
npy_floatbits_to_halfbits), independently of muppet-djl. FloatingPointMatchesIeeeHalfTest compares
FloatingPoint(5,10)/nearest against every line. Each line: input float32 bits, then the float16
result widened back to float32 (exact), both as 8 hex digits. Regenerate with
    python3 generate_fp16_golden.py > fp16-numpy-golden.txt
"""
import numpy as np

rng = np.random.default_rng(20261122)
edges = [
    0.0, -0.0, np.inf, -np.inf, np.nan,
    65504.0, 65519.99, 65520.0, 65536.0, 1e10, 3.4028235e38,
    2.0 ** -24, 2.0 ** -25, 1.5 * 2.0 ** -25, 2.0 ** -26, 2.0 ** -14, 2.0 ** -14 - 2.0 ** -25,
    1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11, 1.3, 1.375, 1.125, -2.7, 1e-45, 1.17549435e-38,
]
inputs = [np.float32(v) for v in edges]
# Random bit patterns over every exponent, then values spread log-uniformly around the fp16 range.
inputs += list(rng.integers(0, 2 ** 32, size=1500, dtype=np.uint64).astype(np.uint32).view(np.float32))
mags = np.exp2(rng.uniform(-27.0, 17.0, size=1500)).astype(np.float32)
signs = np.where(rng.integers(0, 2, size=1500) == 1, -1.0, 1.0).astype(np.float32)
inputs += list(mags * signs)
# Exact ties: float32 mantissa with the 13 dropped bits equal to 1000000000000b.
tie_bits = (rng.integers(103 << 23, 143 << 23, size=500, dtype=np.uint64) & ~np.uint64(0x1FFF)) | 0x1000
inputs += list(tie_bits.astype(np.uint32).view(np.float32))

with np.errstate(over="ignore", invalid="ignore"):
    for x in inputs:
        x = np.float32(x)
        y = np.float32(np.float16(x))
        print("%08x %08x" % (np.array(x).view(np.uint32), np.array(y).view(np.uint32)))
