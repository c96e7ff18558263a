#!/usr/bin/env python3
"""Writes a deterministic benchmark CSV: ROWS rows x 12 columns of what office tables hold.

Columns: 序号, 姓名, 身份证号 (18 digits, must stay text), 单位, 金额 (decimals), 比例 (percent),
日期 (ISO), 中文日期 (2025年3月31日), 数量 (integers), 电话 (text), 备注 (Chinese text, sometimes with a quoted
newline and commas), 编码 (leading zeros, text).
"""
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.argv[2] if len(sys.argv) > 2 else "-"
rng = random.Random(20250331)
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
units = ["办公室", "科普股", "学会部", "财务室", "县科技馆", "组织人事股"]
notes = ["按时完成", "已整改完成并长期坚持", "正在推进，预计月底完成", "需要配合单位协助", "资料已归档"]

f = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
w = f.write
w("序号,姓名,身份证号,单位,金额,比例,日期,中文日期,数量,电话,备注,编码\r\n")
for i in range(1, rows + 1):
    name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
    ident = "51142519%02d%02d%02d%04d" % (rng.randint(60, 99), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 9999))
    amount = "%.2f" % (rng.random() * 100000)
    ratio = "%d%%" % rng.randint(0, 100)
    y, m, d = rng.randint(2020, 2026), rng.randint(1, 12), rng.randint(1, 28)
    note = rng.choice(notes)
    if i % 10 == 0:
        note = '"' + note + '\n第二行，含逗号"'
    code = "%06d" % rng.randint(0, 99999)
    w(f"{i},{name},{ident},{rng.choice(units)},{amount},{ratio},{y}-{m:02d}-{d:02d},{y}年{m}月{d}日,"
      f"{rng.randint(0, 5000)},138-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)},{note},{code}\r\n")
if f is not sys.stdout:
    f.close()
