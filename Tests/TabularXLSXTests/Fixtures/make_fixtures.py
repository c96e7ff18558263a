#!/usr/bin/python3
"""Writes the TabularXLSX reader fixtures into this folder.

Writer fixtures come from XlsxWriter (apt python3-xlsxwriter) and openpyxl (apt python3-openpyxl); quirky and
hostile packages are assembled by hand with zipfile. The expected values in TabularXLSXTests are the inputs
written here. Run: /usr/bin/python3 Tests/TabularXLSXTests/Fixtures/make_fixtures.py
"""
import datetime
import warnings
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib

import openpyxl
import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
warnings.filterwarnings("ignore", message="Duplicate name")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def out(name):
    return os.path.join(HERE, name)


# ---------------------------------------------------------------------------------------------------------------
# Writer fixtures


def xlsxwriter_types():
    wb = xlsxwriter.Workbook(out("xlsxwriter_types.xlsx"))
    wb.set_properties({"created": datetime.datetime(2020, 1, 1)})
    ws = wb.add_worksheet("Types")
    bold = wb.add_format({"bold": True})
    ws.write_string("A1", "text")
    ws.write_number("B1", 42)
    ws.write_number("C1", 0.1)
    ws.write_boolean("D1", True)
    ws.write_formula("E1", "=1+1", None, 2)
    ws.write_formula("F1", '="a"&"b"', None, "ab")
    ws.write_rich_string("G1", bold, "bold", " and plain")
    ws.write_string("H1", "  padded  ")
    ws.write_number("I1", -3.5)
    ws.write_number("J1", 1e20)
    ws.write_number("K1", 123456789012)
    ws.write_boolean("L1", False)
    ws.write_string("A3", "a")
    ws.write_string("D3", "d")
    ws.write_string("A6", "row six")
    ws.write_string("B6", "tab\tand\nnewline")
    ws.write_string("C6", "ctrl\x01char")
    ws.write_string("D6", "_x0041_ literal")
    ws.write_string("E6", "日本語 ünïcödé 😀")

    dates = wb.add_worksheet("Dates")
    rows = [
        (datetime.datetime(2024, 1, 15), "yyyy-mm-dd"),
        (datetime.datetime(2024, 1, 15, 10, 30), "yyyy-mm-dd hh:mm:ss"),
        (datetime.datetime(2024, 1, 15), 'yyyy"年"m"月"d"日"'),
        (datetime.datetime(2024, 1, 15), "[$-804]aaaa"),
        (90.5 / 86400, "mm:ss.0"),
        (1.5, "[h]:mm:ss"),
        (1234.5, "0.00E+00"),
        (1234.5, "[Red]0.00"),
        (datetime.datetime(2024, 2, 29), 14),
        (datetime.datetime(2024, 2, 29, 23, 59, 59), 22),
        (2.25, 46),
        (0.75, 20),
        (12, '"yy"0'),
        (59, "yyyy-mm-dd"),
        (61, "yyyy-mm-dd"),
        (datetime.datetime(2024, 1, 15, 8, 5), "dd/mm/yyyy\\ h:mm"),
        (45000, "General"),
        (0.5, "h:mm AM/PM"),
        (45000.25, "hh:mm"),
    ]
    for index, (value, fmt) in enumerate(rows):
        cell_format = wb.add_format({"num_format": fmt})
        if isinstance(value, datetime.datetime):
            dates.write_datetime(index, 0, value, cell_format)
        else:
            dates.write_number(index, 0, value, cell_format)
        dates.write_string(index, 1, str(fmt))

    merged = wb.add_worksheet("Merged")
    merged.merge_range("B1:D1", "header")
    merged.merge_range("A2:A5", "group")
    merged.write_string("B2", "x")
    merged.write_string("C5", "y")

    hidden = wb.add_worksheet("Hidden")
    hidden.write_string("A1", "secret")
    hidden.hide()

    chart_sheet = wb.add_chartsheet("Chart")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Types!$B$1:$C$1"})
    chart_sheet.set_chart(chart)

    empty = wb.add_worksheet("Empty")
    empty.set_column("A:C", 20)
    wb.close()


def xlsxwriter_1904():
    wb = xlsxwriter.Workbook(out("xlsxwriter_1904.xlsx"), {"date_1904": True})
    wb.set_properties({"created": datetime.datetime(2020, 1, 1)})
    ws = wb.add_worksheet("Dates1904")
    fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_datetime("A1", datetime.datetime(2024, 1, 15), fmt)
    ws.write_number("A2", 0, fmt)
    ws.write_number("A3", 1.5, wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
    wb.close()


def xlsxwriter_constant_memory():
    wb = xlsxwriter.Workbook(out("xlsxwriter_constant_memory.xlsx"), {"constant_memory": True})
    wb.set_properties({"created": datetime.datetime(2020, 1, 1)})
    ws = wb.add_worksheet("Stream")
    for row in range(200):
        ws.write_string(row, 0, "name %d" % row)
        ws.write_number(row, 1, row * 1.5)
        ws.write_boolean(row, 2, row % 2 == 0)
    wb.close()


def openpyxl_basic():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "First"
    ws.append(["name", "count", "price", "ok", "when"])
    ws.append(["alpha", 1, 2.5, True, datetime.datetime(2023, 12, 31, 23, 59, 58)])
    ws.append(["beta", None, -0.25, False, datetime.date(2000, 2, 29)])
    ws["B5"] = "after gap"
    ws["F2"] = "=B2*2"  # openpyxl stores no cached value: the reader sees an empty cell
    ws.merge_cells("A7:C8")
    ws["A7"] = "merged block"
    second = wb.create_sheet("Second")
    second["A1"] = "hidden one"
    second.sheet_state = "hidden"
    third = wb.create_sheet("Third")
    third["A1"] = "very hidden"
    third.sheet_state = "veryHidden"
    fix_openpyxl_dates(wb)
    wb.save(out("openpyxl_basic.xlsx"))
    renormalize(out("openpyxl_basic.xlsx"))

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("WriteOnly")
    for row in range(100):
        ws.append(["r%d" % row, row, row / 4])
    fix_openpyxl_dates(wb)
    wb.save(out("openpyxl_write_only.xlsx"))
    renormalize(out("openpyxl_write_only.xlsx"))


def fix_openpyxl_dates(wb):
    wb.properties.created = datetime.datetime(2020, 1, 1)
    wb.properties.modified = datetime.datetime(2020, 1, 1)


def renormalize(path):
    """Rewrites a package with fixed entry timestamps, so that regenerating fixtures changes no bytes."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def libreoffice():
    """Round-trips an openpyxl workbook through LibreOffice Calc (apt libreoffice-calc-nogui), so that the
    fixture is LibreOffice's own XLSX. Skipped, keeping the committed file, when soffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found; keeping the committed libreoffice_roundtrip.xlsx")
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calc"
    ws.append(["label", "amount", "when", "flag", "time"])
    ws.append(["first", 10, datetime.datetime(2024, 5, 17), True, datetime.time(13, 45, 30)])
    ws.append(["second", -2.5, datetime.datetime(1999, 12, 31, 18, 30), False, datetime.time(0, 0, 1)])
    ws["C2"].number_format = "yyyy-mm-dd"
    ws["C3"].number_format = "yyyy-mm-dd hh:mm"
    ws["E2"].number_format = "hh:mm:ss"
    ws["E3"].number_format = "hh:mm:ss"
    ws["A5"] = "merged"
    ws.merge_cells("A5:B6")
    ws["D8"] = "=B2*2"
    ws["F1"] = "  spaced  "
    hidden = wb.create_sheet("Hidden")
    hidden["A1"] = "h"
    hidden.sheet_state = "hidden"
    work = tempfile.mkdtemp()
    source = os.path.join(work, "in", "libreoffice_roundtrip.xlsx")
    os.makedirs(os.path.dirname(source))
    wb.save(source)
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + work + "/profile", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", HERE, source], check=True, capture_output=True)
    shutil.rmtree(work)
    renormalize(out("libreoffice_roundtrip.xlsx"))


# ---------------------------------------------------------------------------------------------------------------
# Hand-assembled packages

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>""" % (PKG_REL, REL)


def workbook_xml(sheets, extra=""):
    items = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (name, i + 1, i + 1) for i, name in enumerate(sheets))
    return '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>' % (
        MAIN, REL, extra, items)


def workbook_rels(targets, shared=True, styles=True):
    items = []
    for i, (kind, target) in enumerate(targets):
        items.append('<Relationship Id="rId%d" Type="%s/%s" Target="%s"/>' % (i + 1, REL, kind, target))
    if shared:
        items.append('<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL)
    if styles:
        items.append('<Relationship Id="rIdT" Type="%s/styles" Target="styles.xml"/>' % REL)
    return '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">%s</Relationships>' % (PKG_REL, "".join(items))


def sheet_xml(body, tail=""):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>%s</sheetData>%s</worksheet>' % (MAIN, body, tail)


def sst_xml(strings):
    items = "".join("<si><t>%s</t></si>" % s for s in strings)
    return '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
        MAIN, len(strings), len(strings), items)


STYLES = """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="%s">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>""" % MAIN


def write_zip(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(out(name), "w", compression) as archive:
        for part_name, data in parts:
            info = zipfile.ZipInfo(part_name, date_time=FIXED_TIME)
            info.compress_type = compression
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def simple_package(name, sheet_body, strings=("zero", "one"), tail="", wb_extra="", sheet_raw=None):
    write_zip(name, [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Sheet1"], wb_extra)),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("worksheet", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sheet_raw if sheet_raw is not None else sheet_xml(sheet_body, tail)),
        ("xl/sharedStrings.xml", sst_xml(strings)),
        ("xl/styles.xml", STYLES),
    ])


def quirks():
    # Strict namespaces, x: prefixes everywhere, workbook outside xl/, absolute and relative targets, a
    # relationship naming SharedStrings.xml while the entry is sharedstrings.xml, backslashes in an entry name,
    # cells without r, phonetic runs, _xHHHH_ escapes, xml:space, CDATA, character references, t="str|e|b|d".
    root_rels = ('<?xml version="1.0"?><Relationships xmlns="%s"><Relationship Id="rId1" '
                 'Type="%s/officeDocument" Target="/book/main.xml"/></Relationships>') % (PKG_REL, STRICT_REL)
    content_types = CONTENT_TYPES.replace("/xl/workbook.xml", "/book/main.xml")
    workbook = ('<?xml version="1.0"?><x:workbook xmlns:x="%s" xmlns:r="%s"><x:workbookPr date1904="true"/>'
                '<x:sheets><x:sheet name="Strict &amp; Prefixed" sheetId="1" r:id="rId1"/>'
                '<x:sheet name="Second" sheetId="2" state="hidden" r:id="rId2"/></x:sheets></x:workbook>') % (
        STRICT_MAIN, STRICT_REL)
    rels = ('<?xml version="1.0"?><Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="sheets/s1.xml"/>'
            '<Relationship Id="rId2" Type="%s/worksheet" Target="/book/sheets/../sheets/s2.xml"/>'
            '<Relationship Id="rId3" Type="%s/sharedStrings" Target="/book/SharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="%s/styles" Target="styles.xml"/>'
            '<Relationship Id="rId5" Type="%s/hyperlink" Target="https://example.com/" TargetMode="External"/>'
            '</Relationships>') % (PKG_REL, STRICT_REL, STRICT_REL, STRICT_REL, STRICT_REL, STRICT_REL)
    sst = ('<?xml version="1.0"?><x:sst xmlns:x="%s" count="4" uniqueCount="4">'
           '<x:si><x:t>plain</x:t></x:si>'
           '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>rich</x:t></x:r><x:r><x:t xml:space="preserve"> text </x:t></x:r></x:si>'
           '<x:si><x:t>東京</x:t><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>'
           '<x:si><x:t>line_x000D__x000A_break _x005F_x0041_ _xD83D__xDE00_</x:t></x:si>'
           '</x:sst>') % STRICT_MAIN
    styles = STYLES.replace(MAIN, STRICT_MAIN)
    s1 = ('<?xml version="1.0"?><x:worksheet xmlns:x="%s"><x:dimension ref="A1"/><x:sheetData>'
          '<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c>'
          '<x:c t="s"><x:v>3</x:v></x:c></x:row>'
          '<x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve">  inline  </x:t></x:is></x:c>'
          '<x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r>'
          '<x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:is></x:c>'
          '<x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>plainx</x:v></x:c>'
          '<x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>'
          '<x:c t="b"><x:v>1</x:v></x:c><x:c t="d"><x:v>2024-03-01T12:00:00</x:v></x:c></x:row>'
          '<x:row r="4"><x:c r="B4"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="D4" s="1"><x:v>0</x:v></x:c>'
          '<x:c r="E4" t="inlineStr"><x:is><x:t><![CDATA[<cdata & more>]]></x:t></x:is></x:c>'
          '<x:c r="F4" t="inlineStr"><x:is><x:t>&#x4E2D;&#25991; &lt;&gt;&quot;&apos;&amp;</x:t></x:is></x:c>'
          '<x:c r="G4" s="0"/></x:row>'
          '<x:row r="5" spans="1:3"/>'
          '</x:sheetData></x:worksheet>') % STRICT_MAIN
    s2 = sheet_xml('<row r="1"><c r="A1"><v>7</v></c></row>').replace(MAIN, STRICT_MAIN)
    write_zip("quirks_strict.xlsx", [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("book/main.xml", workbook),
        ("book/_rels/main.xml.rels", rels),
        ("book\\sheets\\s1.xml", s1),
        ("book/sheets/s2.xml", s2),
        ("book/sharedstrings.xml", sst),
        ("book/styles.xml", styles),
    ])


def ole(name, stream_name):
    header = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    directory = stream_name.encode("utf-16-le") + bytes(64 - len(stream_name) * 2) + bytes(64)
    with open(out(name), "wb") as handle:
        handle.write(header + bytes(512) + directory + bytes(512 - len(directory)))


def truncated_deflate(target, level):
    with zipfile.ZipFile(out("xlsxwriter_constant_memory.xlsx")) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    parts.sort(key=lambda part: part[0] == "xl/worksheets/sheet1.xml")
    blob, central, offset = bytearray(), [], 0
    for name, payload in parts:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        packed = compressor.compress(payload) + compressor.flush()
        if name == "xl/worksheets/sheet1.xml":
            packed = packed[: len(packed) // 2]
        encoded, crc = name.encode(), zlib.crc32(payload)
        blob += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), len(payload), len(encoded), 0)
        blob += encoded + packed
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(packed), len(payload),
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        offset = len(blob)
    directory = b"".join(central)
    blob += directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0)
    open(out(target), "wb").write(bytes(blob))


def hostile():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
              '</sheetData></worksheet>') % MAIN
    simple_package("hostile_billion_laughs.xlsx", None, sheet_raw=laughs)
    xxe = ('<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>') % (MAIN, REL)
    write_zip("hostile_xxe.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", xxe),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("worksheet", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sheet_xml("")),
    ])
    simple_package("hostile_sst_out_of_range.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>')
    simple_package("hostile_style_out_of_range.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C2" s="9"><v>1</v></c></row>')
    simple_package("hostile_beyond_xfd.xlsx", '<row r="1"><c r="XFE1"><v>1</v></c></row>')
    simple_package("hostile_row_beyond.xlsx", '<row r="1048577"><c r="A1048577"><v>1</v></c></row>')
    simple_package("hostile_deep_nesting.xlsx", '<row r="1"><c r="A1">' + "<x>" * 5000 + "</x>" * 5000 + "</c></row>")
    simple_package("hostile_unbalanced.xlsx", '<row r="1"><c r="A1"><v>1</c></v></row>')
    simple_package("hostile_rows_out_of_order.xlsx", '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>')
    simple_package("hostile_bad_number.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>twelve</v></c></row>')
    simple_package("hostile_bad_entity.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')
    full = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>')
    simple_package("hostile_truncated_xml.xlsx", None, sheet_raw=full[: len(full) - 40])

    # A relationship target that climbs out of the package.
    write_zip("hostile_target_escape.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Sheet1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("worksheet", "../../etc/passwd")], shared=False, styles=False)),
    ])
    # A sheet part the relationships name but the package lacks.
    write_zip("hostile_missing_sheet.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Sheet1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("worksheet", "worksheets/sheet1.xml")], shared=False, styles=False)),
    ])
    # A workbook with only a chart sheet.
    write_zip("hostile_no_worksheet.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Chart1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("chartsheet", "chartsheets/sheet1.xml")], shared=False, styles=False)),
        ("xl/chartsheets/sheet1.xml", '<chartsheet xmlns="%s"/>' % MAIN),
    ])
    # No workbook part at all.
    write_zip("hostile_no_workbook.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("docProps/app.xml", "<a/>")])
    # An entry whose name climbs out of the extraction folder.
    write_zip("hostile_dotdot_entry.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Sheet1"])), ("../evil.xml", "<evil/>"),
    ])
    # The same entry twice, with different content.
    write_zip("hostile_duplicate_entry.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(["Sheet1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("worksheet", "worksheets/sheet1.xml")], shared=False, styles=False)),
        ("xl/worksheets/sheet1.xml", sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')),
        ("xl/worksheets/sheet1.xml", sheet_xml('<row r="1"><c r="A1"><v>2</v></c></row>')),
    ])
    # Other formats.
    write_zip("other_xlsb.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS.replace("workbook.xml", "workbook.bin")),
                                  ("xl/workbook.bin", b"\x83\x01\x00")])
    write_zip("other_ods.xlsx", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")],
              compression=zipfile.ZIP_STORED)
    ole("other_encrypted.xlsx", "EncryptedPackage")
    ole("other_legacy.xls", "Workbook")
    with open(out("other_csv_renamed.xlsx"), "w") as handle:
        handle.write("name,count\nalpha,1\n")
    open(out("other_empty.xlsx"), "wb").close()

    # Corrupt containers: a bad CRC (stored sheet, one byte changed) and a file cut in half.
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>CRC</t></is></c></row>'
    simple_package("corrupt_crc.xlsx", body)
    parts = []
    with zipfile.ZipFile(out("corrupt_crc.xlsx")) as archive:
        for info in archive.infolist():
            parts.append((info.filename, archive.read(info.filename)))
    write_zip("corrupt_crc.xlsx", parts, compression=zipfile.ZIP_STORED)
    data = bytearray(open(out("corrupt_crc.xlsx"), "rb").read())
    spot = data.find(b">CRC<")
    data[spot + 1] = ord("X")
    open(out("corrupt_crc.xlsx"), "wb").write(bytes(data))
    valid = open(out("xlsxwriter_constant_memory.xlsx"), "rb").read()
    open(out("corrupt_truncated.xlsx"), "wb").write(valid[: len(valid) // 2])

    # Deflate data scrambled in the middle of the sheet entry (headers intact): inflation must fail, not hang.
    data = bytearray(valid)
    header = data.find(b"PK\x03\x04" + b"", 0)
    while header != -1:
        name_length, extra_length = struct.unpack("<HH", data[header + 26:header + 30])
        compressed = struct.unpack("<I", data[header + 18:header + 22])[0]
        if data[header + 30:header + 30 + name_length] == b"xl/worksheets/sheet1.xml":
            start = header + 30 + name_length + extra_length + compressed // 3
            state = 12345
            for offset in range(start, start + 300):
                state = (state * 1103515245 + 12345) & 0x7FFFFFFF
                data[offset] = state >> 16 & 0xFF
            break
        header = data.find(b"PK\x03\x04", header + 4)
    open(out("corrupt_deflate.xlsx"), "wb").write(bytes(data))

    # The sheet entry last, its deflate stream cut in half (sizes and central directory consistent with the cut),
    # once with compressed blocks and once with stored deflate blocks, whose cut leaves inflate wanting input.
    truncated_deflate("corrupt_truncated_deflate.xlsx", 6)
    truncated_deflate("corrupt_truncated_stored.xlsx", 0)

    # Zip bombs: 24 MiB of whitespace inside sheetData (ratio ~1000:1), and an entry that lies about its size.
    padding = " " * (24 << 20)
    simple_package("bomb_ratio.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>' + padding)
    simple_package("bomb_lying_size.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (4 << 20))
    data = bytearray(open(out("bomb_lying_size.xlsx"), "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02" + b"", 0)
    while central != -1:
        name_length = struct.unpack("<H", data[central + 28:central + 30])[0]
        if data[central + 46:central + 46 + name_length] == name:
            data[central + 24:central + 28] = struct.pack("<I", 1000)  # declared uncompressed size
        central = data.find(b"PK\x01\x02", central + 4)
    open(out("bomb_lying_size.xlsx"), "wb").write(bytes(data))


if __name__ == "__main__":
    xlsxwriter_types()
    xlsxwriter_1904()
    xlsxwriter_constant_memory()
    openpyxl_basic()
    libreoffice()
    quirks()
    hostile()
