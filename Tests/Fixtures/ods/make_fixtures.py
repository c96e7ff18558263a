#!/usr/bin/env python3
"""Regenerates the .ods reader fixtures and their expected values, from writers and a reader that are not ours.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl odfpy pandas
    /tmp/venv/bin/python Tests/Fixtures/ods/make_fixtures.py     (needs soffice: apt libreoffice-calc-nogui)

Writes, next to this script:
- libreoffice.ods: LibreOffice's own .ods (`soffice --convert-to ods`) of source.xlsx, which openpyxl makes here:
  numbers, percentages, currency, dates, date-times, times, booleans, CJK text, multi-line cells, runs of spaces,
  merged cells, repeated cells and rows, a hidden sheet, many sheets.
- libreoffice-resaved.xlsx: the .xlsx LibreOffice saves from libreoffice.ods (the CSV of both must be equal).
- tasks.ods: Samples/rectification/tasks.xlsx saved as .ods by LibreOffice (`check` must read it as the .xlsx).
- odfpy.ods: hand-built edge cases written with odfpy (spaces, tabs, line breaks, spans, links, annotations,
  covered cells, spans, repeated values, gaps, LibreOffice's trailing empty million rows, every value type).
- *.expected.json: per sheet, the rows an independent reader sees, as typed cells: null (empty), ["n", number],
  ["s", text], ["b", bool], ["d", "YYYY-MM-DDTHH:MM:SS(.fff)"], ["t", seconds] (time), ["e", seconds] (elapsed).
  For libreoffice.ods the reader is pandas' ODF reader (odfpy underneath); for odfpy.ods the values are the ones
  this script wrote, and pandas' reader is checked against them for the cells it understands.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import Alignment
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableProperties
from odf.table import Table, TableRow, TableCell, CoveredTableCell
from odf.text import P, S, Tab, LineBreak, Span, A
from odf.office import Annotation
from pandas.io.excel._odfreader import ODFReader

HERE = os.path.dirname(os.path.abspath(__file__))


def make_source_xlsx(path):
    book = openpyxl.Workbook()
    types = book.active
    types.title = "类型"
    types.append(["名称", "数值", "百分比", "金额", "日期", "日期时间", "时间"])
    rows = [
        ("整改任务一", 12, 0.25, 1234.5, datetime.date(2025, 3, 31), datetime.datetime(2025, 3, 31, 8, 30), datetime.time(9, 15)),
        ("第二项", -0.1, 1.0, 0, datetime.date(1999, 12, 31), datetime.datetime(2024, 2, 29, 23, 59, 59), datetime.time(0, 0, 1)),
        ("Ⅲ 中文、标点。", 3.14159265358979, 0.0005, -42.42, datetime.date(1900, 3, 1), datetime.datetime(2000, 1, 1, 12, 0), datetime.time(23, 59, 59)),
    ]
    for row in rows:
        types.append(list(row))
    for row in types.iter_rows(min_row=2):
        row[2].number_format = "0.00%"
        row[3].number_format = '"¥"#,##0.00'
        row[4].number_format = "yyyy-mm-dd"
        row[5].number_format = "yyyy-mm-dd hh:mm:ss"
        row[6].number_format = "hh:mm:ss"
    types["A6"] = "第一行\n第二行\n第三行"
    types["A6"].alignment = Alignment(wrap_text=True)
    types["B6"] = "a    b  c"
    types["C6"] = "  leading and trailing  "
    types["D6"] = 1e20
    types["E6"] = 123456789012
    types["H8"] = "far cell"

    # LibreOffice imports an .xlsx boolean as the formula TRUE()/FALSE() and stores it in .ods as a float 1/0
    # (pandas reads 1.0), but writes it back to .xlsx as t="b": a sheet of its own, so the CSV comparison can
    # leave it out with that reason.
    booleans = book.create_sheet("布尔")
    booleans.append([True, False])

    merged = book.create_sheet("合并")
    merged["A1"] = "标题跨三列"
    merged.merge_cells("A1:C1")
    merged["A2"] = "左"
    merged["B2"] = "跨两行"
    merged.merge_cells("B2:B3")
    merged["C2"] = 1
    merged["C3"] = 2
    merged["A4"] = "块"
    merged.merge_cells("A4:B5")

    repeated = book.create_sheet("重复")
    repeated.append(["编号", "状态", "状态", "状态", "数"])
    for _ in range(50):
        repeated.append(["同", "已完成", "已完成", "已完成", 7])
    repeated.append(["末", None, None, None, 0])
    repeated["A60"] = "gap"

    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "hidden value"
    hidden.sheet_state = "hidden"

    for index in range(1, 6):
        sheet = book.create_sheet(f"S{index}")
        sheet["A1"] = f"sheet {index}"
        sheet.cell(row=index + 1, column=index, value=index * 1.5)
    book.create_sheet("空")
    book.save(path)


def soffice_convert(source, target_ext, out_dir):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target_ext,
                        "--outdir", out_dir, source], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def typed(value):
    """A pandas ODF reader value as a typed JSON cell."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, (int, float)):
        return ["n", float(value)]
    if isinstance(value, datetime.datetime) or hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            text += f".{value.microsecond // 1000:03d}"
        return ["d", text]
    if isinstance(value, datetime.time):
        return ["t", value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6]
    return ["s", str(value)]


def trimmed(rows):
    rows = [list(row) for row in rows]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def pandas_rows(path, names=None):
    reader = ODFReader(path)
    result = {}
    for name in names or reader.sheet_names:
        data = reader.get_sheet_data(reader.get_sheet_by_name(name), file_rows_needed=None)
        result[name] = trimmed([[typed(value) for value in row] for row in data])
    return result


def cell(value_type=None, text=None, **attributes):
    element = TableCell(valuetype=value_type, **attributes) if value_type else TableCell(**attributes)
    if text is not None:
        for paragraph in text if isinstance(text, list) else [text]:
            element.addElement(paragraph if not isinstance(paragraph, str) else P(text=paragraph))
    return element


def make_odfpy(path):
    """Hand-built edge cases; returns the expected rows per sheet (what this script wrote)."""
    document = OpenDocumentSpreadsheet()
    hidden_style = Style(name="taHidden", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    document.automaticstyles.addElement(hidden_style)
    expected = {}

    # Sheet 1: text markup.
    text = Table(name="文本")
    row = TableRow()
    p = P(text="a")
    p.addElement(S(c=3))
    p.addText("b")
    p.addElement(S())
    p.addText("c")
    row.addElement(cell("string", [p]))
    p = P(text="col1")
    p.addElement(Tab())
    p.addText("col2")
    p.addElement(LineBreak())
    p.addText("next")
    row.addElement(cell("string", [p]))
    p = P(text="see ")
    span = Span(text="bold ")
    p.addElement(span)
    link = A(href="https://example.org/", text="链接")
    p.addElement(link)
    row.addElement(cell("string", [p]))
    row.addElement(cell("string", ["第一段", "第二段", ""]))
    annotated = cell("float", None, value="5")
    note = Annotation()
    note.addElement(P(text="a comment, not the value"))
    annotated.addElement(note)
    annotated.addElement(P(text="5"))
    row.addElement(annotated)
    row.addElement(cell("string", None, stringvalue="from string-value"))
    text.addElement(row)
    expected["文本"] = [[["s", "a   b c"], ["s", "col1\tcol2\nnext"], ["s", "see bold 链接"], ["s", "第一段\n第二段\n"],
                       ["n", 5.0], ["s", "from string-value"]]]
    document.spreadsheet.addElement(text)

    # Sheet 2: value types.
    values = Table(name="值")
    def add(*cells):
        row = TableRow()
        for element in cells:
            row.addElement(element)
        values.addElement(row)
    add(cell("float", "1.5", value="1.5"), cell("percentage", "12.5%", value="0.125"),
        cell("currency", "¥3.00", value="3", currency="CNY"), cell("float", "1E+300", value="1e300"))
    add(cell("date", "2025-03-31", datevalue="2025-03-31"), cell("date", "2024-02-29 13:45:30.25", datevalue="2024-02-29T13:45:30.25"),
        cell("time", "13:45:00", timevalue="PT13H45M00S"), cell("time", "36:00:00", timevalue="PT36H00M00S"),
        cell("time", "-01:30:00", timevalue="-PT1H30M"))
    add(cell("boolean", "TRUE", booleanvalue="true"), cell("boolean", "FALSE", booleanvalue="false"),
        cell("void"), cell(None, "untyped text"), cell("float", "-0.000001", value="-0.000001"))
    expected["值"] = [
        [["n", 1.5], ["n", 0.125], ["n", 3.0], ["n", 1e300]],
        [["d", "2025-03-31T00:00:00"], ["d", "2024-02-29T13:45:30.250"], ["t", 49500.0], ["e", 129600.0], ["e", -5400.0]],
        [["b", True], ["b", False], None, ["s", "untyped text"], ["n", -0.000001]],
    ]
    document.spreadsheet.addElement(values)

    # Sheet 3: repetition, gaps, spans and covered cells, and LibreOffice's trailing empty grid.
    grid = Table(name="重复与合并")
    row = TableRow(numberrowsrepeated=3)
    row.addElement(cell("string", "x", numbercolumnsrepeated=2))
    row.addElement(TableCell(numbercolumnsrepeated=5))
    row.addElement(cell("float", "9", value="9"))
    row.addElement(TableCell(numbercolumnsrepeated=1016))
    grid.addElement(row)
    empty = TableRow(numberrowsrepeated=2)
    empty.addElement(TableCell(numbercolumnsrepeated=1024))
    grid.addElement(empty)
    row = TableRow()
    row.addElement(cell("string", "merged", numbercolumnsspanned=2, numberrowsspanned=2))
    row.addElement(CoveredTableCell())
    row.addElement(cell("float", "1", value="1"))
    grid.addElement(row)
    row = TableRow()
    row.addElement(CoveredTableCell(numbercolumnsrepeated=2))
    row.addElement(cell("float", "2", value="2"))
    grid.addElement(row)
    tail = TableRow(numberrowsrepeated=1048567)
    tail.addElement(TableCell(numbercolumnsrepeated=1024))
    grid.addElement(tail)
    repeated_row = [["s", "x"], ["s", "x"], None, None, None, None, None, ["n", 9.0]]
    expected["重复与合并"] = [repeated_row, repeated_row, repeated_row, [], [],
                         [["s", "merged"], None, ["n", 1.0]], [None, None, ["n", 2.0]]]
    document.spreadsheet.addElement(grid)

    hidden = Table(name="隐藏表", stylename=hidden_style)
    row = TableRow()
    row.addElement(cell("string", "secret"))
    hidden.addElement(row)
    expected["隐藏表"] = [[["s", "secret"]]]
    document.spreadsheet.addElement(hidden)
    document.save(path)
    return expected


def main():
    work = tempfile.mkdtemp(prefix="ods-fixtures-")
    try:
        source = os.path.join(work, "source.xlsx")
        make_source_xlsx(source)
        soffice_convert(source, "ods", work)
        shutil.copy(os.path.join(work, "source.ods"), os.path.join(HERE, "libreoffice.ods"))
        resave_dir = os.path.join(work, "resaved")
        os.mkdir(resave_dir)
        soffice_convert(os.path.join(HERE, "libreoffice.ods"), "xlsx", resave_dir)
        shutil.copy(os.path.join(resave_dir, "libreoffice.xlsx"), os.path.join(HERE, "libreoffice-resaved.xlsx"))
        # The rectification sample (merged cells, a title banner, a two-row header) as LibreOffice saves it in .ods.
        soffice_convert(os.path.join(HERE, "..", "..", "..", "Samples", "rectification", "tasks.xlsx"), "ods", work)
        shutil.copy(os.path.join(work, "tasks.ods"), os.path.join(HERE, "tasks.ods"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(HERE, "libreoffice.expected.json"), "w") as out:
        json.dump(pandas_rows(os.path.join(HERE, "libreoffice.ods")), out, ensure_ascii=False, indent=1)

    odfpy_path = os.path.join(HERE, "odfpy.ods")
    expected = make_odfpy(odfpy_path)
    with open(os.path.join(HERE, "odfpy.expected.json"), "w") as out:
        json.dump(expected, out, ensure_ascii=False, indent=1)
    # pandas' reader agrees with what was written, for the cells it understands (it has no tabs, line breaks or
    # elapsed durations, and reads times from their displayed text).
    seen = pandas_rows(odfpy_path, ["重复与合并", "隐藏表"])
    for name in ("重复与合并", "隐藏表"):
        assert seen[name] == expected[name], (name, seen[name], expected[name])
    print("fixtures written to", HERE)


if __name__ == "__main__":
    sys.exit(main())
