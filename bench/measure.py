#!/usr/bin/env python3
"""Runs commands and reports wall time, CPU time and peak RSS of each, as ratios against the first (the baseline).

Usage: measure.py LABEL -- CMD ... [:: LABEL -- CMD ...]
Each command runs RUNS times (env BENCH_RUNS, default 1; empty counts as 1), in rounds: every command once, in order,
then again, so that a baseline and the commands set beside it meet the same moments of a shared machine. The best wall
time, the least CPU time (user + system, the command and every process it waited for) and the highest peak RSS are
kept; both times are also given as ratios to the baseline's (CPU time moves less with other tenants' load).
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
    commands = []
    for job in jobs:
        label, separator, command = job[0], job[1], job[2:]
        assert separator == "--", "usage: measure.py LABEL -- CMD ... [:: LABEL -- CMD ...]"
        commands.append((label, command))
    best = [float("inf")] * len(commands)
    least_cpu = [float("inf")] * len(commands)
    peak = [0.0] * len(commands)
    for _ in range(runs):
        for index, (_, command) in enumerate(commands):
            elapsed, rss, cpu = run(command)
            best[index], least_cpu[index] = min(best[index], elapsed), min(least_cpu[index], cpu)
            peak[index] = max(peak[index], rss)
    for index, (label, _) in enumerate(commands):
        print(f"  {label}: {best[index]:.3f} s, {least_cpu[index]:.3f} s CPU, {peak[index]:.1f} MB", file=sys.stderr)
    print("| command | wall time | × baseline | CPU time | × baseline's CPU | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for index, (label, _) in enumerate(commands):
        print(f"| {label} | {best[index]:.3f} s | {best[index] / best[0]:.2f}× | {least_cpu[index]:.3f} s "
              f"| {least_cpu[index] / least_cpu[0]:.2f}× | {peak[index]:.1f} MB |")


if __name__ == "__main__":
    main(sys.argv[1:])
