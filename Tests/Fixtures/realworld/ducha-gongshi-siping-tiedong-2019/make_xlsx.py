#!/usr/bin/python3
"""Writes tasks.xlsx from tasks.csv as an office lays a 整改情况公示 table out in Excel, footer included.

- row 1: the notice title as a banner merged across the table;
- row 2: the notice's opening sentence as a meta row merged across;
- row 3: the header; rows 4-6: the three completion items, with 序号/整改任务/整改目标 merged vertically;
- then the signature and note rows of the notice (特此公示!, 公示时间, 联系电话, 附表, unit, date),
  each merged across the table, as WPS/Excel users type them under the data.

Run from anywhere: /usr/bin/python3 Tests/Fixtures/realworld/ducha-gongshi-siping-tiedong-2019/make_xlsx.py
"""
import csv
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "关于铁东区中央生态环境保护督察“回头看”反馈问题整改任务(序号十)整改情况的公示情况说明"
META = ("根据《吉林省环保督察反馈问题整改工作领导小组办公室关于认真做好中央环保督察反馈问题整改销号工作的通知》要求,"
        "现对四平市环保督察反馈问题整改工作领导小组向我区反馈的中央生态环境保护督察“回头看”反馈问题(序号十)整改完成情况进行公示。")


def main():
    with open(os.path.join(HERE, "tasks.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    width = len(header)
    data = [r for r in rows[1:] if len(r) == width]
    footer = [r for r in rows[1:] if len(r) != width]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "公示"
    sheet.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=13)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=1, value=META).alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for c, name in enumerate(header, 1):
        sheet.cell(row=3, column=c, value=name).font = Font(bold=True)
    first = 4
    for r, row in enumerate(data, first):
        for c, text in enumerate(row, 1):
            sheet.cell(row=r, column=c, value=text or None).alignment = Alignment(wrap_text=True, vertical="center")
    last = first + len(data) - 1
    for c in (1, 2, 3):
        sheet.merge_cells(start_row=first, start_column=c, end_row=last, end_column=c)
    for r, row in enumerate(footer, last + 1):
        sheet.cell(row=r, column=1, value=row[0])
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    for letter, w in zip("ABCD", (6, 40, 24, 60)):
        sheet.column_dimensions[letter].width = w
    book.save(os.path.join(HERE, "tasks.xlsx"))


if __name__ == "__main__":
    main()
