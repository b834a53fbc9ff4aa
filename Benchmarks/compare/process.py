#!/usr/bin/env python3
"""Runs one benchmark process and adds what the process cost as a whole to each JSON result line
it prints: wall time from start to exit and peak resident memory (getrusage RUSAGE_CHILDREN
ru_maxrss of the one child — the process's own high-water mark, interpreter and libraries
included), plus the size of its input file.

Usage: process.py [--input FILE] -- COMMAND [ARG...]
Every stdout line that is a JSON object gets
  "process": {"wallSeconds": s, "peakRSSMegabytes": MB, "inputBytes": n}
other lines pass through unchanged; the exit status is the command's. stdlib only.
"""
import json
import os
import resource
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    input_bytes = None
    if len(args) >= 2 and args[0] == "--input":
        try:
            input_bytes = os.path.getsize(args[1])
        except OSError:
            input_bytes = None
        args = args[2:]
    if not args or args[0] != "--":
        sys.exit(__doc__)
    command = args[1:]
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.PIPE)
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    process = {"wallSeconds": wall, "peakRSSMegabytes": peak_kib * 1024 / 1e6}
    if input_bytes is not None:
        process["inputBytes"] = input_bytes
    for line in completed.stdout.decode("utf-8", "replace").splitlines():
        stripped = line.strip()
        if stripped.startswith("{"):
            try:
                result = json.loads(stripped)
            except json.JSONDecodeError:
                print(line)
                continue
            result["process"] = process
            print(json.dumps(result, sort_keys=True))
        else:
            print(line)
    sys.exit(completed.returncode)


main()
