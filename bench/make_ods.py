#!/usr/bin/env python3
"""Writes the ODS benchmark input: the first ROWS data rows of the bench CSV, saved as .ods by LibreOffice.

Usage: make_ods.py BENCH.csv ROWS OUT.ods     (needs soffice: apt libreoffice-calc-nogui)

LibreOffice imports the CSV as UTF-8, comma-separated, with its own type detection (numbers, percentages, ISO
dates become typed cells), and writes the .ods with its usual repetition of identical cells and its trailing empty
rows, which is what a reader meets in the wild.
"""
import os
import shutil
import subprocess
import sys
import tempfile

source, rows, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
work = tempfile.mkdtemp(prefix="bench-ods-")
try:
    head = os.path.join(work, "data.csv")
    with open(source, encoding="utf-8", newline="") as infile, open(head, "w", encoding="utf-8", newline="") as out:
        # Rows end in CRLF; quoted fields may hold a bare LF, so count CRLF-terminated records (the header is one).
        written = -1
        buffer = ""
        for line in infile:
            buffer += line
            if buffer.endswith("\r\n"):
                out.write(buffer)
                buffer = ""
                written += 1
                if written == rows:
                    break
    profile = os.path.join(work, "profile")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir", work, head],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.move(os.path.join(work, "data.ods"), target)
finally:
    shutil.rmtree(work, ignore_errors=True)
