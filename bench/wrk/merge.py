#!/usr/bin/env python3
"""Merges the results of several wrk processes run at once (one per portal instance, see bench/run BENCH_INSTANCES)
into one JSON line in the shape of bearer.lua's: counts and connections summed, requests/s over the longest duration,
percentiles computed from the merged latency histograms (the microsecond values and counts each done() wrote), the
way wrk computes them from its own; "rps_by_instance" shows how the load was spread.

    python3 bench/wrk/merge.py OUT_1 HISTOGRAM_1 OUT_2 HISTOGRAM_2 ...
"""
import json
import sys


def main(args):
    if len(args) < 2 or len(args) % 2:
        sys.exit(__doc__)
    lines, histogram = [], {}
    for out, path in zip(args[0::2], args[1::2]):
        with open(out, encoding="utf-8") as text:
            found = [l for l in text.read().splitlines() if l.startswith("{")]
        if not found:
            sys.exit(f"merge.py: no result line in {out}")
        lines.append(json.loads(found[-1]))
        with open(path, encoding="utf-8") as values:
            for value in values:
                micros, count = value.split()
                histogram[int(micros)] = histogram.get(int(micros), 0) + int(count)

    total = sum(histogram.values())

    def percentile(p):  # wrk's stats_percentile: the smallest value with at least round(p% of n + 0.5) values up to it
        rank = round((p / 100.0) * total + 0.5)
        seen = 0
        for micros in sorted(histogram):
            seen += histogram[micros]
            if seen >= rank:
                return micros / 1000.0
        return 0.0

    merged = dict(lines[0])
    for key in ("connections", "requests", "expected", "unexpected", "non_2xx", "socket_errors"):
        merged[key] = sum(line.get(key, 0) for line in lines)
    merged["seconds"] = round(max(line["seconds"] for line in lines), 3)
    merged["rps"] = round(merged["requests"] / merged["seconds"], 1)
    merged["p50_ms"], merged["p90_ms"], merged["p99_ms"] = percentile(50), percentile(90), percentile(99)
    merged["max_ms"] = max(line["max_ms"] for line in lines)
    merged["last_unexpected_status"] = next((l["last_unexpected_status"] for l in lines if l.get("last_unexpected_status")), 0)
    merged["wrk_processes"] = len(lines)
    merged["rps_by_instance"] = [line["rps"] for line in lines]
    print(json.dumps(merged, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1:])
