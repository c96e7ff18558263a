#!/usr/bin/env python3
"""Reads the first sheet of a workbook with a Python reader, for the read benchmark.

Usage: read_python.py calamine|fastexcel|openpyxl|xlrd BOOK.xlsx (xlrd: BOOK.xls)

Each reader does what it does fastest: calamine loads the sheet into Python lists (`to_python`), fastexcel loads it
into Arrow columns (`load_sheet(...).to_arrow()`), openpyxl iterates values in read-only mode, xlrd (.xls only)
loads the sheet and lists each row's values. None writes CSV, so
the comparison flatters them: tracksheet also formats and writes every cell.
"""
import sys

reader, book = sys.argv[1], sys.argv[2]
if reader == "calamine":
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(book).get_sheet_by_index(0).to_python()
elif reader == "fastexcel":
    import fastexcel
    table = fastexcel.read_excel(book).load_sheet(0, header_row=None).to_arrow()
    rows = table.num_rows
elif reader == "xlrd":
    import xlrd
    sheet = xlrd.open_workbook(book, on_demand=True).sheet_by_index(0)
    rows = [sheet.row_values(index) for index in range(sheet.nrows)]
elif reader == "openpyxl":
    import openpyxl
    rows = sum(1 for _ in openpyxl.load_workbook(book, read_only=True).worksheets[0].iter_rows(values_only=True))
else:
    sys.exit(f"unknown reader {reader}")
