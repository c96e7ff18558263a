"""Compares two XLSX workbooks as a reader sees them, through openpyxl: sheets (names, order, visibility), every
cell's value, type and look (number format, font, fill, border, alignment, protection), hyperlinks, merged ranges,
row heights, column widths and visibility, freeze panes, autofilter, data validations, conditional formats, print
settings, and the charts' series references. Prints the differences and exits 1 if there are any, else prints what
was compared and exits 0. Usage: compare_workbooks.py A.xlsx B.xlsx"""
import sys
import openpyxl


def color(c):
    if c is None:
        return None
    value = {"rgb": c.rgb, "theme": c.theme, "indexed": c.indexed, "auto": c.auto}.get(c.type)
    return (c.type, value, c.tint)


def look(cell):
    f, b, a = cell.font, cell.border, cell.alignment
    side = lambda s: (s.style, color(s.color)) if s else None
    return (
        cell.number_format,
        (f.name, f.sz, f.b, f.i, f.u, f.strike, color(f.color), f.vertAlign),
        (cell.fill.fill_type, color(cell.fill.fgColor),
         color(cell.fill.bgColor)),
        (side(b.left), side(b.right), side(b.top), side(b.bottom), side(b.diagonal)),
        (a.horizontal, a.vertical, a.wrap_text, a.shrink_to_fit, a.indent, a.text_rotation),
        (cell.protection.locked, cell.protection.hidden),
    )


def sheet_facts(ws):
    facts = {
        "state": ws.sheet_state,
        "dimensions": ws.dimensions,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "rows": {i: (None if d.height is None else round(d.height, 2), d.hidden) for i, d in ws.row_dimensions.items() if d.height is not None or d.hidden},
        "columns": {k: (d.width, d.hidden, d.min, d.max) for k, d in ws.column_dimensions.items()},
        "validations": sorted((str(v.sqref), v.type, v.formula1, v.allow_blank, v.showErrorMessage, v.errorTitle, v.error)
                              for v in ws.data_validations.dataValidation),
        "conditional": sorted((str(rng.sqref), tuple((r.type, tuple(r.formula or ()), r.stopIfTrue, r.priority,
                               repr(r.dxf.fill) if r.dxf else None, repr(r.dxf.font) if r.dxf else None) for r in rules))
                              for rng, rules in ws.conditional_formatting._cf_rules.items()),
        "print": (ws.print_title_rows, ws.print_title_cols, ws.page_setup.orientation, ws.page_setup.paperSize,
                  ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                  if ws.sheet_properties.pageSetUpPr else None, ws.print_options.horizontalCentered,
                  ws.oddFooter.center.text, ws.oddHeader.center.text, tuple(vars(ws.page_margins).items())),
        "gridlines": (ws.sheet_view.showGridLines, ws.print_options.gridLines),
        "charts": [tuple((s.val.numRef.f if s.val and s.val.numRef else None,
                          s.cat.strRef.f if s.cat and s.cat.strRef else (s.cat.numRef.f if s.cat and s.cat.numRef else None),
                          s.tx.strRef.f if s.tx and s.tx.strRef else None) for s in c.series) for c in ws._charts],
    }
    return facts


def unpack(cell, into):
    key, field, escaped = None, [], False
    for ch in cell:
        if escaped:
            field.append({"t": "\t", "n": "\n", "r": "\r"}.get(ch, ch)); escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "\t" and key is None:
            key, field = "".join(field), []
        elif ch == "\n":
            if key is not None:
                into[key] = "".join(field)
            key, field = None, []
        else:
            field.append(ch)


def meta(ws):
    """The meta sheet as a reader takes it: its values (the version left out) and its deadlines, from version 1's
    deadline rows or version 2's packed deadlines cells."""
    values, deadlines = {}, {}
    for r in ws.iter_rows(values_only=True):
        r = [("" if v is None else str(v)).replace("_x000D_", "\r") for v in r] + ["", "", ""]
        if r[0] == "deadline":
            deadlines[r[1]] = r[2]
        elif r[0] == "deadlines":
            unpack(r[1], deadlines)
        elif r[0] != "version":
            values.setdefault(r[0], r[1])
    return values, deadlines


def main(a_path, b_path):
    a, b = openpyxl.load_workbook(a_path), openpyxl.load_workbook(b_path)
    problems = []
    if a.sheetnames != b.sheetnames:
        problems.append(f"sheets {a.sheetnames} != {b.sheetnames}")
    if a.active.title != b.active.title:
        problems.append(f"active sheet {a.active.title} != {b.active.title}")
    cells = 0
    for name in a.sheetnames:
        if name not in b.sheetnames:
            continue
        wa, wb = a[name], b[name]
        fa, fb = sheet_facts(wa), sheet_facts(wb)
        for key in fa:
            if name == "_tracksheet" and key == "dimensions":
                continue  # the meta sheet's shape changes on purpose; its record is compared below
            if fa[key] != fb[key]:
                problems.append(f"{name}: {key} differ: {str(fa[key])[:300]} != {str(fb[key])[:300]}")
        if name == "_tracksheet":
            ma, mb = meta(wa), meta(wb)
            if ma != mb:
                problems.append(f"_tracksheet: records differ: {str(ma)[:300]} != {str(mb)[:300]}")
            else:
                print(f"_tracksheet: the same record: {len(ma[0])} values besides the version, {len(ma[1])} deadlines")
            continue
        rows_a = list(wa.iter_rows())
        rows_b = list(wb.iter_rows())
        if len(rows_a) != len(rows_b):
            problems.append(f"{name}: {len(rows_a)} rows != {len(rows_b)}")
        for ra, rb in zip(rows_a, rows_b):
            if len(ra) != len(rb):
                problems.append(f"{name} row {ra[0].row}: {len(ra)} cells != {len(rb)}")
            for ca, cb in zip(ra, rb):
                cells += 1
                va, vb = (ca.value, ca.data_type, look(ca), ca.hyperlink.location if ca.hyperlink else None), \
                         (cb.value, cb.data_type, look(cb), cb.hyperlink.location if cb.hyperlink else None)
                if va != vb:
                    problems.append(f"{name}!{ca.coordinate}: {va} != {vb}")
                    if len(problems) > 40:
                        break
    props = lambda w: (w.properties.title, w.properties.subject, w.properties.creator, w.properties.keywords,
                       w.properties.description, w.properties.created)
    if props(a) != props(b):
        problems.append(f"document properties {props(a)} != {props(b)}")
    for p in problems[:40]:
        print(p)
    if problems:
        print(f"{len(problems)} differences")
        return 1
    print(f"equal: {len(a.sheetnames)} sheets, {cells} cells with values, types, looks and links; merges, rows, "
          f"columns, panes, filters, validations, conditional formats, print settings, charts, properties")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
