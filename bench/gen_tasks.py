#!/usr/bin/env python3
"""Writes COUNT deterministic task tables (10-500 measures each) and a batch manifest that checks and reports each.

Usage: gen_tasks.py COUNT OUTDIR
Each table is a combined task table (方面/问题/问题编号/具体问题 beside the measures), so `check` derives the issue
outline from it. The manifest OUTDIR/jobs.toml lists a check job and a report job per table.
"""
import os
import random
import sys

count, outdir = int(sys.argv[1]), sys.argv[2]
rng = random.Random(44)
aspects = ["（一）聚焦党中央决策部署落实情况方面", "（二）聚焦群众身边不正之风和腐败问题方面",
           "（三）聚焦基层党组织建设方面", "（四）聚焦巡察整改方面"]
units = ["办公室", "科普股", "学会部", "财务室", "机关党支部"]
leaders = ["王某某", "李某某", "张某某"]
people = ["杨某某", "赵某某", "陈某某", "刘某某", "周某某", "吴某某"]
deadlines = ["2025年3月31日", "2025年5月底前", "立行立改", "长期坚持", "6月30日前", "年底前", "立行立改并长期坚持", "2025-09-30"]
statuses = ["已完成", "已整改完成并长期坚持", "正在推进", "未启动", "整改中", "80%"]

os.makedirs(outdir, exist_ok=True)
jobs = ['[defaults]', 'options = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]', '']
for t in range(count):
    measures = rng.randint(10, 500)
    name = f"unit{t:04d}"
    folder = os.path.join(outdir, name)
    os.makedirs(folder, exist_ok=True)
    lines = ["序号,方面,问题,问题编号,具体问题,整改措施,责任领导,责任单位,责任人,完成时限,完成情况"]
    issue = 0
    for m in range(1, measures + 1):
        if m == 1 or rng.random() < 0.3:
            issue += 1
        aspect = aspects[min(3, (issue - 1) * 4 // max(1, measures // 3 + 1))]
        problem = f"{(issue - 1) // 3 + 1}.问题类别{(issue - 1) // 3 + 1}"
        lines.append(f"{m},{aspect},{problem},({issue}),具体问题{issue},措施{m}：建立台账并逐项整改落实,"
                     f"{rng.choice(leaders)},{rng.choice(units)},{rng.choice(people)},{rng.choice(deadlines)},{rng.choice(statuses)}")
    with open(os.path.join(folder, "tasks.csv"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    jobs += ["[[job]]", 'kind = "check"', f'inputs = ["{name}/tasks.csv"]', f'id = "check:{name}"', "",
             "[[job]]", 'kind = "report"', f'inputs = ["{name}/tasks.csv"]', f'output = "ledgers/{name}.xlsx"',
             f'id = "report:{name}"', ""]
with open(os.path.join(outdir, "jobs.toml"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(jobs))
