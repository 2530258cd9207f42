#!/usr/bin/env python3
"""Mutation check of the conformance suite: break one behaviour on purpose, run the suite,
put it back. A rule counts as guarded only if some scenario that names it fails.

Each mutant in docs/mutation/mutants.yaml replaces one exact text (it must occur exactly once)
in one source file. For every mutant this script applies it, rebuilds `conformance`, runs the
whole suite in-process with a fixed seed, and restores the file (also on Ctrl-C or error).

  killed       the suite failed and a failing scenario names one of the mutant's rules
  collateral   the suite failed, but only scenarios of other rules noticed (not counted as killed)
  survived     the suite passed: the rule is not guarded against this change
  unobservable listed with `unobservable:` (a reason): not run, not counted

Score = killed / (mutants run). Usage:
  scripts/mutate.py [--build DIR] [--only ID ...] [--markdown FILE]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MUTANTS = os.path.join(ROOT, "docs", "mutation", "mutants.yaml")


def load_mutants():
    try:
        import yaml
    except ImportError:
        sys.exit("mutate: needs python3-yaml (sudo apt-get install python3-yaml)")
    with open(MUTANTS, encoding="utf-8") as f:
        mutants = yaml.safe_load(f)
    seen = set()
    for m in mutants:
        for key in ("id", "rules", "file", "find", "replace", "breaks"):
            if key not in m:
                sys.exit(f"mutate: {MUTANTS}: mutant {m.get('id', '?')} has no '{key}'")
        if m["id"] in seen:
            sys.exit(f"mutate: {MUTANTS}: mutant id {m['id']} appears twice")
        seen.add(m["id"])
    return mutants


def check_applies(m):
    path = os.path.join(ROOT, m["file"])
    if not os.path.exists(path):
        return f"{m['file']} does not exist"
    text = open(path, encoding="utf-8").read()
    n = text.count(m["find"])
    if n != 1:
        return f"its text occurs {n} times in {m['file']} (must be exactly once)"
    return None


def build(build_dir):
    r = subprocess.run(["cmake", "--build", build_dir, "--target", "conformance"],
                       capture_output=True, text=True)
    return r.returncode == 0, r.stdout + r.stderr


def run_suite(build_dir, seed):
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([os.path.join(build_dir, "scenarios", "conformance"), "run",
                            "--transport", "inprocess", "--seed", str(seed),
                            "--report-dir", out], capture_output=True, text=True, cwd=ROOT)
        report = os.path.join(out, "report.json")
        failed = []
        if os.path.exists(report):
            for s in json.load(open(report, encoding="utf-8"))["scenarios"]:
                if s["status"] != "passed":
                    failed.append((s["id"], [x if isinstance(x, str) else x.get("id", "")
                                             for x in s["rules"]]))
        return r.returncode, failed


def run_one(m, build_dir, seed):
    path = os.path.join(ROOT, m["file"])
    original = open(path, encoding="utf-8").read()
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace(m["find"], m["replace"], 1))
        ok, log = build(build_dir)
        if not ok:
            return "stillborn", [log[-2000:]]
        rc, failed = run_suite(build_dir, seed)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    if rc == 0:
        return "survived", []
    mine = [sid for sid, rules in failed if set(rules) & set(m["rules"])]
    if mine:
        return "killed", mine
    return "collateral", [sid for sid, _ in failed] or [f"exit code {rc}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.environ.get("APC_BUILD_DIR", os.path.join(ROOT, "build")))
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--markdown", help="write the results table here")
    args = ap.parse_args()

    mutants = [m for m in load_mutants() if not args.only or m["id"] in args.only]
    stale = [(m["id"], e) for m in mutants if not m.get("unobservable") and (e := check_applies(m))]
    for mid, e in stale:
        print(f"mutate: {mid}: {e}", file=sys.stderr)
    if stale:
        return 2
    ok, log = build(args.build)
    if not ok:
        print(log, file=sys.stderr)
        sys.exit("mutate: the unmutated tree does not build")
    rc, failed = run_suite(args.build, args.seed)
    if rc != 0:
        sys.exit(f"mutate: the unmutated suite fails ({[s for s, _ in failed]}); fix that first")

    rows = []
    for m in mutants:
        if m.get("unobservable"):
            rows.append((m, "unobservable", [m["unobservable"]]))
            print(f"{m['id']:>5}  unobservable  {m['breaks']}", flush=True)
            continue
        verdict, detail = run_one(m, args.build, args.seed)
        rows.append((m, verdict, detail))
        print(f"{m['id']:>5}  {verdict:<12}  {m['breaks']}  {', '.join(detail)[:160]}", flush=True)
    build(args.build)  # leave the build matching the tree

    ran = [r for r in rows if r[1] != "unobservable"]
    killed = sum(1 for r in ran if r[1] == "killed")
    score = 100.0 * killed / len(ran) if ran else 0.0
    summary = (f"{killed} of {len(ran)} mutants killed ({score:.1f}%); "
               f"{len(rows) - len(ran)} unobservable; seed {args.seed}")
    print(summary)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write("| mutant | rules | file | breaks | verdict | noticed by |\n")
            f.write("|---|---|---|---|---|---|\n")
            for m, verdict, detail in rows:
                f.write(f"| {m['id']} | {', '.join(m['rules'])} | `{m['file']}` | {m['breaks']} "
                        f"| {verdict} | {'<br>'.join(detail)[:300]} |\n")
            f.write(f"\n{summary}\n")
    return 0 if all(r[1] in ("killed", "unobservable") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
