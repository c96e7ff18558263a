#!/usr/bin/python3
"""Writes tasks.xlsx from tasks.csv (GBK) as an office lays a 进度公示 list out in Excel, footer included.

- row 1: a title banner merged across the table (巴中市2017年市自选“十件民生实事”1—9月进度公示);
- row 2: the notice's summary sentence (截至9月底 …) as a meta row merged across;
- row 3: the header; data from row 4 with the 县(区) column merged vertically over its items;
- then the notice's closing rows (异议/联系人/联系电话, the office, the date) merged across, under the data.

Run from anywhere: /usr/bin/python3 Tests/Fixtures/realworld/minsheng-shishi-bazhong-2017/make_xlsx.py
"""
import csv
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "巴中市2017年市自选“十件民生实事”1—9月进度公示"
META = ("截至9月底,已提前完成或超额完成年度目标任务的有3项,占目标任务的30%;正常推进的有4项,占目标任务的40%;"
        "推进缓慢的有3(城区公办幼儿园建设、乡镇污水处理站建设、乡镇加油站建设),占目标任务的30%。")


def main():
    with open(os.path.join(HERE, "tasks.csv"), encoding="gbk", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    width = len(header)
    data = [r for r in rows[1:] if len(r) == width]
    footer = [r for r in rows[1:] if len(r) != width]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "进度公示"
    sheet.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=1, value=META).alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for c, name in enumerate(header, 1):
        sheet.cell(row=3, column=c, value=name).font = Font(bold=True)
    first = 4
    for r, row in enumerate(data, first):
        for c, text in enumerate(row, 1):
            value = int(text) if c == 1 else (text or None)
            sheet.cell(row=r, column=c, value=value).alignment = Alignment(vertical="center")
    start = 0
    for end in range(1, len(data) + 1):
        if end == len(data) or data[end][1]:
            if end - start > 1:
                sheet.merge_cells(start_row=first + start, start_column=2, end_row=first + end - 1, end_column=2)
            start = end
    last = first + len(data) - 1
    for r, row in enumerate(footer, last + 1):
        sheet.cell(row=r, column=1, value=row[0])
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    for letter, w in zip("ABCD", (6, 10, 24, 12)):
        sheet.column_dimensions[letter].width = w
    book.save(os.path.join(HERE, "tasks.xlsx"))


if __name__ == "__main__":
    main()
