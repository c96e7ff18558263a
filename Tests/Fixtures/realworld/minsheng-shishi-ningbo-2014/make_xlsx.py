#!/usr/bin/python3
"""Writes tasks.xlsx from tasks.csv and item3-districts.csv as an office lays the progress list out in Excel.

- row 1: a title banner merged across the table (2014年市政府民生实事项目1—6月份进展情况公示);
- row 2: the header; data from row 3, prose cells wrapped, item 3's district figures kept as a multi-line cell;
- a second sheet 分区完成情况 with item 3's district table as its own small table.

Run from anywhere: /usr/bin/python3 Tests/Fixtures/realworld/minsheng-shishi-ningbo-2014/make_xlsx.py
"""
import csv
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "2014年市政府民生实事项目1—6月份进展情况公示"


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def main():
    rows = read("tasks.csv")
    header, data = rows[0], rows[1:]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "进展情况"
    sheet.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for c, name in enumerate(header, 1):
        sheet.cell(row=2, column=c, value=name).font = Font(bold=True)
    for r, row in enumerate(data, 3):
        for c, text in enumerate(row, 1):
            value = int(text) if c == 1 else (text or None)
            cell = sheet.cell(row=r, column=c, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (6, 30, 10, 22, 18, 30, 50)):
        sheet.column_dimensions[letter].width = width

    districts = read("item3-districts.csv")
    second = book.create_sheet("分区完成情况")
    second.cell(row=1, column=1, value="3.新辟公交线路10条,优化调整20条。").font = Font(bold=True)
    second.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(districts[0]))
    for r, row in enumerate(districts, 2):
        for c, text in enumerate(row, 1):
            value = int(text) if text.isdigit() else (text or None)
            second.cell(row=r, column=c, value=value)
    second.column_dimensions["A"].width = 22
    book.save(os.path.join(HERE, "tasks.xlsx"))


if __name__ == "__main__":
    main()
