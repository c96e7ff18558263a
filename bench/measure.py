#!/usr/bin/env python3
"""Runs commands and reports wall time, CPU time and peak RSS of each, as ratios against the first (the baseline).

Usage: measure.py LABEL -- CMD ... [:: LABEL -- CMD ...]
Each command runs RUNS times (env BENCH_RUNS, default 1; empty counts as 1); the best wall time, the least CPU time
(user + system, the command and every process it waited for) and the highest peak RSS are kept.
Peak RSS is the largest of the command and every process it started (a batch's jobs included), from wait4 in
bench/runstat.c. Exit status 1 (tracksheet's "the data has findings") counts
as success; anything else stops the benchmark.
Prints a Markdown table, so the output can go straight into bench/README.md.
"""
import os
import subprocess
import sys
import time


# bench/runstat.c, compiled by `make bench`: a small C parent that reports wait4's peak RSS.
RUNSTAT = os.environ.get("RUNSTAT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "runstat"))


def run(command):
    output = subprocess.run([RUNSTAT] + command, capture_output=True, text=True, check=True)
    code, elapsed, rss_kib, cpu = output.stdout.split()
    if int(code) not in (0, 1):
        sys.exit(f"measure: {' '.join(command)} exited {code}")
    return float(elapsed), int(rss_kib) / 1024, float(cpu)


def main(argv):
    jobs, current = [], []
    for arg in argv:
        if arg == "::":
            jobs.append(current)
            current = []
        else:
            current.append(arg)
    jobs.append(current)
    runs = int(os.environ.get("BENCH_RUNS") or "1")
    results = []
    for job in jobs:
        label, separator, command = job[0], job[1], job[2:]
        assert separator == "--", "usage: measure.py LABEL -- CMD ... [:: LABEL -- CMD ...]"
        best, peak, least_cpu = float("inf"), 0.0, float("inf")
        for _ in range(runs):
            elapsed, rss, cpu = run(command)
            best, peak, least_cpu = min(best, elapsed), max(peak, rss), min(least_cpu, cpu)
        results.append((label, best, peak, least_cpu))
        print(f"  {label}: {best:.3f} s, {least_cpu:.3f} s CPU, {peak:.1f} MB", file=sys.stderr)
    base = results[0][1]
    print("| command | wall time | × baseline | CPU time | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, elapsed, rss, cpu in results:
        print(f"| {label} | {elapsed:.3f} s | {elapsed / base:.2f}× | {cpu:.3f} s | {rss:.1f} MB |")


if __name__ == "__main__":
    main(sys.argv[1:])
