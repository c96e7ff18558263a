#!/usr/bin/env python3
"""Writes the .xls reader's fixtures with independent writers and their expected values with xlrd.

Writers: LibreOffice (`soffice --headless --convert-to xls`, from .xlsx files made here with openpyxl) and xlwt.
Expected values: xlrd, written next to each fixture as NAME.expected.json. Run from anywhere with a Python that has
openpyxl, xlwt and xlrd (`python3 -m venv v && v/bin/pip install openpyxl xlwt xlrd`) and soffice on PATH:

    python3 Tests/Fixtures/xls/make_fixtures.py

LibreOffice no longer exports BIFF5 ("MS Excel 95" fails) and xlwt writes BIFF8 only; Gnumeric's ssconvert
(Debian `gnumeric`, only needed to remake the fixtures) writes Excel 5.0/95 (BIFF7, BIFF5's record layout with
8-bit strings in the workbook's code page). GBK-coded BIFF5 strings are covered by hand-assembled records in the unit
tests (ssconvert writes code page 1252, so CJK text in its Excel 95 files reads as "?" in every reader).

Fixtures:
- lo_types.xls      LibreOffice: dates/times/date-times in several formats (CJK included), RK/MULRK/NUMBER numbers,
                    booleans, formulas with cached number/string/bool/error, merged cells, CJK text with GBK-only
                    characters, long strings crossing SST CONTINUE records, a hidden sheet, eight sheets.
- lo_types_from_xls.xlsx  LibreOffice's own .xlsx of lo_types.xls, for the CSV-equality test.
- lo_1904.xls       LibreOffice: a workbook in the 1904 date system.
- tasks.xls         LibreOffice's .xls of Samples/rectification/tasks.xlsx, for `check`/`report` on an .xls.
- encrypted.xlsx    msoffcrypto-tool's password-protected (.xlsx in an OLE envelope) copy of a one-cell openpyxl
                    workbook, password "secret" (needs `pip install msoffcrypto-tool`).
- xlwt_types.xls    xlwt: numbers, text, dates by style, booleans, errors, formulas, merged cells, hidden sheet.
- gnumeric_biff7.xls  Gnumeric's Excel 95 (BIFF7) of an openpyxl workbook: RK/NUMBER numbers, booleans, cp1252
                    text, CJK text (stored as "?"), formulas with cached number and string, a date and a date-time,
                    a merged range, a hidden sheet and a 300-row sheet.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
import xlrd
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))


def soffice(source, target_ext, outdir, filter_name=None):
    fmt = target_ext if filter_name is None else f"{target_ext}:{filter_name}"
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", outdir, source], check=True, capture_output=True)
    shutil.rmtree(profile, ignore_errors=True)
    return os.path.join(outdir, os.path.splitext(os.path.basename(source))[0] + "." + target_ext)


def types_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Types"
    ws.append(["kind", "value", "note"])
    ws.append(["int", 42, "RK integer"])
    ws.append(["negative", -7, "RK integer"])
    ws.append(["cents", 12.34, "RK x100"])
    ws.append(["double", 3.141592653589793, "NUMBER"])
    ws.append(["big", 1e20, "NUMBER"])
    ws.append(["small", 1.5e-10, "NUMBER"])
    ws.append(["bool", True, "BOOLERR"])
    ws.append(["false", False, "BOOLERR"])
    ws.append(["run", 1, 2, 3, 4, 5])  # consecutive RK numbers: MULRK
    ws.append(["text", "hello, world", "quoted \"x\""])
    ws.append(["empty-gap"])
    ws.append([])
    ws.append(["after-gap", 7])
    dates = wb.create_sheet("Dates")
    dates.append(["format", "value"])
    formats = [
        ("yyyy-mm-dd", datetime.datetime(2024, 1, 15)),
        ("yyyy-mm-dd hh:mm:ss", datetime.datetime(2024, 2, 29, 13, 45, 30)),
        ("d/m/yy", datetime.datetime(1999, 12, 31)),
        ('yyyy"年"m"月"d"日"', datetime.datetime(2025, 5, 31)),
        ("hh:mm", datetime.time(8, 30)),
        ("[h]:mm:ss", datetime.timedelta(hours=27, minutes=5)),
        ("0.00", 45000.5),
        ("mmm-yy", datetime.datetime(2023, 7, 1)),
    ]
    for code, value in formats:
        dates.append([code, value])
        dates.cell(row=dates.max_row, column=2).number_format = code
    formulas = wb.create_sheet("Formulas")
    formulas.append(["a", 2, 3])
    formulas.append(["sum", "=B1+C1"])
    formulas.append(["concat", '=A1&"-"&B1'])
    formulas.append(["compare", "=B1>C1"])
    formulas.append(["div0", "=1/0"])
    formulas.append(["na", "=NA()"])
    formulas.append(["emptystr", '=""'])
    cjk = wb.create_sheet("中文")
    cjk.append(["单位", "问题", "整改措施"])
    cjk.append(["县科协", "镕喆堃玥（GBK 独有字）", "立行立改"])
    cjk.append(["市局", "𠀀 beyond the BMP", "２０２５年５月底前"])
    cjk.merge_cells("A4:C4")
    cjk["A4"] = "合并单元格"
    cjk.merge_cells("D1:D3")
    cjk["D1"] = "纵向合并"
    long = wb.create_sheet("Long")
    long.append(["x" * 9000])                      # crosses an SST CONTINUE boundary, 8-bit characters
    long.append(["长" * 4200])                      # crosses with 16-bit characters
    long.append(["ab" * 2100 + "中" + "cd" * 100])  # switches between 8 and 16 bits across the boundary
    for index in range(20):
        long.append([f"string number {index} " + "y" * (index % 37)])
    hidden = wb.create_sheet("Hidden")
    hidden.append(["secret", 1])
    hidden.sheet_state = "hidden"
    for index in range(2):
        extra = wb.create_sheet(f"Sheet{index + 7}")
        extra.append([f"sheet {index + 7}"])
    wb.save(path)


def workbook_1904(path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["date", datetime.datetime(2024, 3, 1)])
    ws["B1"].number_format = "yyyy-mm-dd"
    ws.append(["datetime", datetime.datetime(2001, 1, 1, 6, 0)])
    ws["B2"].number_format = "yyyy-mm-dd hh:mm"
    ws.append(["number", 100])
    wb.save(path)


def xlwt_workbook(path):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Data")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    datetime_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    ws.write(0, 0, "text")
    ws.write(0, 1, "数字")
    ws.write(1, 0, 1)
    ws.write(1, 1, 1234567.891)
    ws.write(2, 0, -2.5)
    ws.write(2, 1, 10 ** 12)
    ws.write(3, 0, datetime.date(2024, 12, 31), date_style)
    ws.write(3, 1, datetime.datetime(2020, 2, 29, 23, 59, 59), datetime_style)
    ws.write(4, 0, True)
    ws.write(4, 1, False)
    ws.write(5, 0, xlwt.Formula("A2+B2"))
    ws.write(5, 1, "整改 done")
    ws.write_merge(6, 7, 0, 2, "merged")
    ws.write(9, 3, "far")
    hidden = wb.add_sheet("Hidden")
    hidden.write(0, 0, "h")
    hidden.visibility = 1
    wb.save(path)


def encrypted_workbook(path):
    work = tempfile.mkdtemp(prefix="xls-encrypted-")
    plain = os.path.join(work, "plain.xlsx")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "secret"
    wb.save(plain)
    tool = os.path.join(os.path.dirname(sys.executable), "msoffcrypto-tool")
    subprocess.run([tool, "-e", "-p", "secret", plain, path], check=True)
    shutil.rmtree(work, ignore_errors=True)


def gnumeric_biff7(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Types"
    ws.append(["kind", "value", "note"])
    ws.append(["int", 42, "RK integer"])
    ws.append(["negative", -7, "RK"])
    ws.append(["cents", 12.34, "RK x100"])
    ws.append(["double", 3.141592653589793, "NUMBER"])
    ws.append(["big", 1e20, "NUMBER"])
    ws.append(["bool", True, "BOOLERR"])
    ws.append(["false", False, None])
    ws.append(["run", 1, 2, 3, 4, 5])
    ws.append(["text", "hello, world", "café naïve"])
    ws.append(["cjk", "整改措施", "责任单位"])
    ws.append([])
    ws.append(["formula", "=B2*2", '=A2&"!"'])
    ws.append(["date", datetime.datetime(2025, 3, 31)])
    ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
    ws.append(["datetime", datetime.datetime(2024, 2, 29, 13, 45, 30)])
    ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd hh:mm:ss"
    ws.append(["merged", "across"])
    ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4)
    hidden = wb.create_sheet("hidden")
    hidden.append(["secret", 1])
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("Second")
    for i in range(1, 301):
        second.append([i, "row %d" % i, i * 0.5])
    work = tempfile.mkdtemp(prefix="gnumeric-")
    source = os.path.join(work, "source.xlsx")
    wb.save(source)
    subprocess.run(["ssconvert", "--export-type=Gnumeric_Excel:excel_biff7", source, path], check=True,
                   capture_output=True)
    shutil.rmtree(work, ignore_errors=True)


def cell_json(book, cell):
    """[kind, value]: text, number, bool, error, or date (xlrd's XL_CELL_DATE, the serial number)."""
    if cell.ctype == xlrd.XL_CELL_EMPTY or cell.ctype == xlrd.XL_CELL_BLANK:
        return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return ["text", cell.value]
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return ["number", cell.value]
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return ["bool", bool(cell.value)]
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ["error", xlrd.error_text_from_code[cell.value]]
    if cell.ctype == xlrd.XL_CELL_DATE:
        return ["date", cell.value]
    raise ValueError(cell)


def expected(xls_path):
    book = xlrd.open_workbook(xls_path, formatting_info=True)
    result = {"datemode": book.datemode, "biff_version": book.biff_version, "sheets": []}
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        cells = []
        for row in range(sheet.nrows):
            for column in range(sheet.ncols):
                value = cell_json(book, sheet.cell(row, column))
                if value is not None:
                    cells.append([row, column] + value)
        result["sheets"].append({
            "name": sheet.name,
            "visibility": sheet.visibility,
            "merged": [[r0, r1 - 1, c0, c1 - 1] for (r0, r1, c0, c1) in sheet.merged_cells],
            "cells": cells,
        })
    with open(os.path.splitext(xls_path)[0] + ".expected.json", "w", encoding="utf-8") as out:
        # One sheet per line, one cell [row, column, kind, value] after another (0-based row and column).
        out.write(json.dumps({k: v for k, v in result.items() if k != "sheets"}, ensure_ascii=False)[:-1])
        out.write(', "sheets": [\n')
        out.write(",\n".join(json.dumps(sheet, ensure_ascii=False) for sheet in result["sheets"]))
        out.write("\n]}\n")


def main():
    work = tempfile.mkdtemp(prefix="xls-fixtures-")
    for name, make in [("lo_types", types_workbook), ("lo_1904", workbook_1904)]:
        source = os.path.join(work, name + ".xlsx")
        make(source)
        xls = soffice(source, "xls", work)
        shutil.copy(xls, os.path.join(HERE, name + ".xls"))
        expected(os.path.join(HERE, name + ".xls"))
    # LibreOffice's own .xlsx of the .xls: the CSV of both must be the same.
    back = os.path.join(work, "back")
    os.makedirs(back)
    shutil.copy(os.path.join(HERE, "lo_types.xls"), os.path.join(back, "lo_types_from_xls.xls"))
    xlsx = soffice(os.path.join(back, "lo_types_from_xls.xls"), "xlsx", work)
    shutil.copy(xlsx, os.path.join(HERE, "lo_types_from_xls.xlsx"))
    tasks = soffice(os.path.join(HERE, "..", "..", "..", "Samples", "rectification", "tasks.xlsx"), "xls", work)
    shutil.copy(tasks, os.path.join(HERE, "tasks.xls"))
    expected(os.path.join(HERE, "tasks.xls"))
    xlwt_workbook(os.path.join(HERE, "xlwt_types.xls"))
    expected(os.path.join(HERE, "xlwt_types.xls"))
    encrypted_workbook(os.path.join(HERE, "encrypted.xlsx"))
    gnumeric_biff7(os.path.join(HERE, "gnumeric_biff7.xls"))
    expected(os.path.join(HERE, "gnumeric_biff7.xls"))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
