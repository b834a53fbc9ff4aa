"""Floors from Python in the same run: numpy dgemm GFLOP/s, XᵀX of 1,000,000 x 50, memory
bandwidth (numpy sum and copy over 1 GiB), raw file read MB/s. Prints one JSON line per floor.

Run: python floors.py --peer numpy [--read-file PATH] [--gemm-n 4000]
"""
import json
import time

import numpy as np


def best(function, repetitions):
    function()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", default="numpy")
    parser.add_argument("--gemm-n", type=int, default=4000)
    parser.add_argument("--read-file")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    n = args.gemm_n
    a, b = rng.random((n, n)), rng.random((n, n))
    seconds = best(lambda: a @ b, 2)
    print(json.dumps({"workload": "floor-dgemm", "implementation": "numpy", "status": "ok",
                      "computeSeconds": seconds, "extra": {"n": n, "gflops": 2 * n ** 3 / seconds / 1e9}}))
    del a, b
    x = rng.random((1_000_000, 50))
    seconds = best(lambda: x.T @ x, 3)
    print(json.dumps({"workload": "floor-syrk", "implementation": "numpy", "status": "ok",
                      "computeSeconds": seconds,
                      "extra": {"rows": 1_000_000, "cols": 50, "gflops": 1e6 * 50 * 51 / seconds / 1e9}}))
    del x
    big = np.ones(1024 * 1024 * 1024 // 8)
    target = np.empty_like(big)
    read = best(lambda: big.sum(), 3)
    copy = best(lambda: np.copyto(target, big), 3)
    print(json.dumps({"workload": "floor-membw", "implementation": "numpy", "status": "ok",
                      "extra": {"mebibytes": 1024, "readGBps": big.nbytes / read / 1e9,
                                "copyGBps": 2 * big.nbytes / copy / 1e9}}))
    if args.read_file:
        buffer = bytearray(16 * 1024 * 1024)
        view = memoryview(buffer)
        total = 0
        start = time.perf_counter()
        with open(args.read_file, "rb", buffering=0) as handle:
            while True:
                got = handle.readinto(view)
                if not got:
                    break
                total += got
        seconds = time.perf_counter() - start
        print(json.dumps({"workload": "floor-fileread", "implementation": "python", "status": "ok",
                          "computeSeconds": seconds,
                          "extra": {"file": args.read_file, "bytes": total, "megabytesPerSecond": total / seconds / 1e6}}))


main()
