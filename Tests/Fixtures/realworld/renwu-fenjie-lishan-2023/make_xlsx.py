#!/usr/bin/python3
"""Writes tasks.xlsx from tasks.csv (GBK) as an office lays a 任务分解 table out in Excel.

- row 1: a title banner merged across the table (立山区政府2023年重点工作任务分解和责任分工方案);
- row 2: a meta row with the document number and date, merged across;
- row 3: the header; data from row 4, the 类别 column merged vertically over its items
  (the value sits in the top cell only, as Excel keeps it).

Run from anywhere: /usr/bin/python3 Tests/Fixtures/realworld/renwu-fenjie-lishan-2023/make_xlsx.py
"""
import csv
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "立山区政府2023年重点工作任务分解和责任分工方案"
META = "鞍立政发〔2023〕2号    2023年3月28日"


def main():
    with open(os.path.join(HERE, "tasks.csv"), encoding="gbk", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    width = len(header)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分解"
    sheet.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=1, value=META)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for c, name in enumerate(header, 1):
        sheet.cell(row=3, column=c, value=name).font = Font(bold=True)
    first = 4
    for r, row in enumerate(data, first):
        for c, text in enumerate(row, 1):
            cell = sheet.cell(row=r, column=c, value=text or None)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    # 类别 merged over the rows it heads.
    start = 0
    for end in range(1, len(data) + 1):
        if end == len(data) or data[end][0]:
            if end - start > 1:
                sheet.merge_cells(start_row=first + start, start_column=1, end_row=first + end - 1, end_column=1)
            start = end
    for letter, w in zip("ABCD", (22, 40, 12, 34)):
        sheet.column_dimensions[letter].width = w
    book.save(os.path.join(HERE, "tasks.xlsx"))


if __name__ == "__main__":
    main()
