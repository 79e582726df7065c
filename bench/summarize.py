#!/usr/bin/env python3
"""Summarizes bench/run result files (JSON lines) as a Markdown table: per scenario, the number of measurements,
(and number of connections) the best and worst requests/s and their spread, p50/p99 ranges, server CPU per request, and the load averages.
Lines that carry a "variant" (experiments) are grouped by variant and scenario; PostgreSQL or several instances
(bench/run BENCH_DB, BENCH_INSTANCES) are grouped apart, and there "server CPU ms/req" is the portal's (summed over
the instances) plus PostgreSQL's (db_cpu_ms_per_request), to compare with SQLite's in-process figure.

    python3 bench/summarize.py /tmp/oauthportal-bench/results.jsonl [more.jsonl ...]
"""
import json
import sys
from collections import OrderedDict


def main(paths):
    groups = OrderedDict()
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                result = json.loads(line)
                scenario = result["scenario"] + (f' c{result["connections"]}' if "connections" in result else "")
                key = f'{result["variant"]}: {scenario}' if "variant" in result else scenario
                # PostgreSQL or several instances (bench/run BENCH_DB, BENCH_INSTANCES): grouped apart from SQLite x1.
                if result.get("db", "sqlite") != "sqlite" or result.get("instances", 1) != 1:
                    key = f'{result.get("db", "sqlite")} x{result.get("instances", 1)}: {key}'
                    if "db_cpu_ms_per_request" in result:  # the database server's CPU, shown with the portal's
                        result["server_cpu_ms_per_request"] = result["server_cpu_ms_per_request"] + result["db_cpu_ms_per_request"]
                groups.setdefault(key, []).append(result)

    print("| scenario | n | best rps | worst rps | spread | p50 ms | p99 ms | max ms | server CPU ms/req | unexpected | load (1 min) before |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |")
    for scenario, results in groups.items():
        rps = [r["rps"] for r in results]
        best, worst = max(rps), min(rps)

        def span(key, digits=1):
            values = [r[key] for r in results if key in r]
            if not values:
                return "-"
            low, high = min(values), max(values)
            return f"{low:.{digits}f}" if low == high else f"{low:.{digits}f}-{high:.{digits}f}"

        unexpected = sum(r.get("unexpected", 0) for r in results)
        print(f"| {scenario} | {len(results)} | {best:,.0f} | {worst:,.0f} | {100 * (best - worst) / best:.0f}% | "
              f"{span('p50_ms')} | {span('p99_ms', 0)} | {span('max_ms', 0)} | {span('server_cpu_ms_per_request', 2)} | "
              f"{unexpected} | {span('load_1m_before', 2)} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
