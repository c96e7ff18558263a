#!/usr/bin/python3
"""Writes tasks.xlsx from tasks.csv the way offices lay the 整改任务分解表 out in Excel.

- row 1: a merged title banner 县科协落实巡察反馈问题整改任务分解表;
- rows 2-3: a two-row header, 责任主体 merged over 责任领导/责任单位/责任人, every other header merged vertically;
- data from row 4, the 方面/问题/问题编号/具体问题 columns merged vertically over each group's rows
  (the value sits in the top cell only, as Excel keeps it);
- deadlines written as ISO dates (2025-04-30) become real date cells.

Run from anywhere: /usr/bin/python3 Samples/rectification/make_xlsx.py
"""
import csv
import datetime
import os
import re

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "县科协落实巡察反馈问题整改任务分解表"


def main():
    with open(os.path.join(HERE, "tasks.csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    columns = len(header)
    owner_columns = [header.index(name) for name in ("责任领导", "责任股室", "责任人")]
    lower_names = {owner_columns[0]: "责任领导", owner_columns[1]: "责任单位", owner_columns[2]: "责任人"}

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    sheet.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")

    first_owner = owner_columns[0] + 1
    sheet.cell(row=2, column=first_owner, value="责任主体")
    sheet.merge_cells(start_row=2, start_column=first_owner, end_row=2, end_column=owner_columns[-1] + 1)
    for index, name in enumerate(header):
        if index in lower_names:
            sheet.cell(row=3, column=index + 1, value=lower_names[index])
        else:
            sheet.cell(row=2, column=index + 1, value=name)
            sheet.merge_cells(start_row=2, start_column=index + 1, end_row=3, end_column=index + 1)

    deadline = header.index("完成时限")
    for offset, row in enumerate(data):
        for index, text in enumerate(row):
            value = text
            if index == 0:
                value = int(text)
            elif index == deadline and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                value = datetime.datetime.strptime(text, "%Y-%m-%d")
            cell = sheet.cell(row=4 + offset, column=index + 1, value=value)
            if isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd"

    # Merge each level vertically over the rows that share it (a level restarts when a level above changes).
    for level in range(4):
        columns_of_level = {0: [1], 1: [2], 2: [3, 4], 3: []}[level]
        if not columns_of_level:
            continue
        keys = [tuple(row[1:1 + columns_of_level[-1]]) for row in data]
        start = 0
        for end in range(1, len(data) + 1):
            if end == len(data) or keys[end] != keys[start]:
                if end - start > 1:
                    for column in columns_of_level:
                        sheet.merge_cells(start_row=4 + start, start_column=column + 1,
                                          end_row=3 + end, end_column=column + 1)
                start = end

    for letter, width in zip("ABCDEFGHIJK", (6, 24, 24, 8, 20, 60, 10, 12, 10, 16, 22)):
        sheet.column_dimensions[letter].width = width
    book.save(os.path.join(HERE, "tasks.xlsx"))


if __name__ == "__main__":
    main()
