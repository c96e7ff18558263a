#!/usr/bin/env python3
"""Writes the .xls read benchmark's workbook: the first ROWS rows of a bench CSV (header included), saved as a
BIFF8 .xls by LibreOffice (numbers as RK/NUMBER, text in the SST, ISO dates typed by LibreOffice's CSV import).

Usage: gen_xls.py ROWS SOURCE.csv OUT.xls    (ROWS at most 65,536, the BIFF8 sheet limit)
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

rows, source, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="bench-xls-")
stem = os.path.splitext(os.path.basename(out))[0]
cut = os.path.join(work, stem + ".csv")
with open(source, encoding="utf-8", newline="") as f, open(cut, "w", encoding="utf-8", newline="") as g:
    writer = csv.writer(g, lineterminator="\r\n")
    for index, record in enumerate(csv.reader(f)):
        if index >= rows:
            break
        writer.writerow(record)
# CSV import options: comma, double quote, UTF-8 (76), from line 1, standard column detection.
subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                "--infilter=CSV:44,34,76,1", "--convert-to", "xls", "--outdir", work, cut],
               check=True, capture_output=True)
shutil.move(os.path.join(work, stem + ".xls"), out)
shutil.rmtree(work, ignore_errors=True)
