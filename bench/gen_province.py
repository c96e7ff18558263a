#!/usr/bin/env python3
"""Writes a deterministic province-scale issue list and task breakdown for `tracksheet check ISSUES TASKS`.

Usage: gen_province.py MEASURES OUTDIR
       gen_province.py --per-measure OUTDIR STARTUP MEASURES...   (after `make bench-province` wrote OUTDIR/times-N.md)
Per 100,000 measures: 10 aspects, 1,000 problems and 10,000 issues (so ten issues a problem and ten measures an
issue), spread over 8 units with their leaders and persons; deadlines and statuses in the office forms the tool
reads. Writes OUTDIR/issues-MEASURES.csv (序号,方面,问题,具体问题: the aspect and problem cells only on their first
row, as offices fill them in) and OUTDIR/tasks-MEASURES.csv (序号,方面,问题,问题编号,具体问题,整改措施,责任领导,
责任单位,责任人,完成时限,完成情况), both UTF-8 with a BOM like the samples; and OUTDIR/tasks-MEASURES-later.csv,
the same table a reporting round later: one measure in five not yet done reads 已完成 (what `merge` and `diff` of two
ledgers compare).
"""
import os
import random
import sys


def per_measure(outdir, startup, sizes):
    """Prints each command's time per measure at each size (from measure.py's tables) and its spread: wall time and
    CPU time divided by the measures, each also with the fixed cost of a run (the STARTUP-measure tables' time,
    measured in the same run) taken off both the time and the count."""
    def times_at(size):
        times = {}
        with open(os.path.join(outdir, f"times-{size}.md"), encoding="utf-8") as handle:
            for line in handle:
                cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
                if len(cells) == 6 and cells[1].endswith(" s"):
                    times[cells[0]] = {"wall": float(cells[1][:-2]), "CPU": float(cells[3][:-2])}
        return times
    fixed = times_at(startup)
    at_size = {size: times_at(size) for size in sizes}
    for clock in ["wall", "CPU"]:
        for title, cost in [(f"{clock} time ÷ measures", lambda label, size: at_size[size][label][clock] * 1e6 / size),
                            (f"({clock} time − the {startup}-measure run's) ÷ (measures − {startup})",
                             lambda label, size: (at_size[size][label][clock] - fixed[label][clock]) * 1e6
                             / (size - startup))]:
            print(f"\nµs per measure, {title}:\n")
            print("| command | " + " | ".join(f"at {size:,}" for size in sizes) + " | largest / smallest |")
            print("| --- |" + " ---: |" * (len(sizes) + 1))
            for label in at_size[sizes[0]]:
                values = [cost(label, size) for size in sizes]
                print(f"| {label} | " + " | ".join(f"{value:.2f}" for value in values)
                      + f" | {max(values) / min(values):.2f} |")


if sys.argv[1] == "--per-measure":
    per_measure(sys.argv[2], int(sys.argv[3]), [int(size) for size in sys.argv[4:]])
    sys.exit(0)

measures, outdir = int(sys.argv[1]), sys.argv[2]
rng = random.Random(15)
numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
themes = ["党中央决策部署在基层落实情况", "群众身边不正之风和腐败问题", "基层党组织和党员队伍建设", "巡察整改和成果运用",
          "意识形态工作责任制落实", "全面从严治党主体责任落实", "选人用人和干部队伍建设", "财务管理和资产管理",
          "重点项目和资金监管", "作风建设和服务群众"]
aspects = [f"({numerals[i]})聚焦{themes[i]}方面" for i in range(10)]
problem_stems = ["学习贯彻党的创新理论不深入", "落实“坚持四个服务”的要求有差距", "廉政风险防控不到位", "项目管理意识淡薄",
                 "“四风”问题依然存在", "执行民主集中制不严格", "组织生活不严谨", "基层党组织标准化建设存在短板",
                 "巡察整改不彻底", "财务制度执行不严"]
issue_stems = ["学习流于表面", "学用结合不够", "走访对接不到位", "临聘人员担任财务", "固定资产管理不善", "项目监管不到位",
               "违规报销差旅费", "超标准采购办公用品", "谈心谈话不够", "党支部选举不严格", "组织活动形式单一",
               "问题有反弹"]
measure_stems = ["召开党组扩大会议专题学习，明确领学人，结合工作实际研讨发言", "建立问题清单和整改台账，逐项销号",
                 "修订完善财务管理制度，规范报销审核流程", "开展专项检查，对发现的问题立即整改",
                 "组织全体干部职工开展警示教育，以案促改", "健全项目全过程监管机制，按季度督查",
                 "规范“三会一课”记录，每月至少开展1次主题党日活动"]
units = ["办公室", "科普股", "学会部", "财务室", "机关党支部", "综合股", "信息中心", "科技馆"]
leaders = ["王某某", "李某某", "张某某", "赵某某"]
persons = ["杨某某", "陈某某", "刘某某", "周某某", "吴某某", "徐某某", "孙某某", "胡某某", "朱某某", "高某某",
           "林某某", "何某某"]
deadlines = ["2025年6月底前", "长期坚持", "立行立改", "立行立改并长期坚持", "2025年3月31日", "2025年4月底前",
             "2025年5月底前", "2025年6月30日前", "2025年9月30日", "2025年12月底前", "3月31日前", "年底前",
             "2025-04-30", "2025/3/31", "2025.6.30", "第二季度", "上半年", "每月"]
statuses = ["已整改完成并长期坚持", "已完成整改并长期坚持", "已完成", "已整改", "正在推进", "整改中", "持续推进", "未启动",
            "80%", "已完成80%"]

issue_count = max(1, measures // 10)
problem_count = max(1, measures // 100)
aspect_count = min(10, problem_count)
os.makedirs(outdir, exist_ok=True)


def quoted(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


issue_rows = ["\ufeff序号,方面,问题,具体问题"]
later = random.Random(30)
later_rows = ["\ufeff序号,方面,问题,问题编号,具体问题,整改措施,责任领导,责任单位,责任人,完成时限,完成情况"]
task_rows = ["\ufeff序号,方面,问题,问题编号,具体问题,整改措施,责任领导,责任单位,责任人,完成时限,完成情况"]
measure = 0
for issue in range(issue_count):
    problem = issue * problem_count // issue_count
    aspect = problem * aspect_count // problem_count
    first_of_problem = issue == 0 or (issue - 1) * problem_count // issue_count != problem
    first_of_aspect = first_of_problem and (problem == 0 or (problem - 1) * aspect_count // problem_count != aspect)
    problem_text = f"{problem + 1}.{problem_stems[problem % len(problem_stems)]}（第{problem + 1}项）"
    issue_text = f"{issue_stems[issue % len(issue_stems)]}（第{issue + 1}条）"
    issue_rows.append(",".join([f"({issue + 1})", aspects[aspect] if first_of_aspect else "",
                                problem_text if first_of_problem else "", issue_text]))
    # Ten measures an issue on average (between 8 and 12), the total landing on MEASURES exactly.
    remaining_issues = issue_count - issue
    count = measures - measure if remaining_issues == 1 else \
        max(1, min(measures - measure - (remaining_issues - 1), 10 + rng.randint(-2, 2)))
    for _ in range(count):
        measure += 1
        text = f"{measure_stems[rng.randrange(len(measure_stems))]}，第{measure}项措施。"
        cells = [str(measure), aspects[aspect], problem_text, f"({issue + 1})", issue_text, quoted(text),
                 rng.choice(leaders), rng.choice(units), rng.choice(persons), rng.choice(deadlines), rng.choice(statuses)]
        task_rows.append(",".join(cells))
        if not cells[-1].startswith("已") and later.random() < 0.2:
            cells[-1] = "已完成"
        later_rows.append(",".join(cells))
with open(os.path.join(outdir, f"issues-{measures}.csv"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(issue_rows) + "\n")
with open(os.path.join(outdir, f"tasks-{measures}.csv"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(task_rows) + "\n")
with open(os.path.join(outdir, f"tasks-{measures}-later.csv"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(later_rows) + "\n")
