#!/usr/bin/env python3
"""ratios.py - the mock's throughput as ratios of bare cpp-httplib servers, measured in one run
with the method of ../shared/guide/perf-baselines.md (run it through bench/ratios.sh).

Every configuration starts a fresh server on a fresh port (the mock on a fresh copy of the
seeded database), waits for an answer, runs a discarded wrk warm-up, then the measured wrk
run. "pinned": server on CPU 0 (taskset -c 0), wrk on CPU 1; "2 cores": neither is pinned.
Repetitions are interleaved (repetition 1 of every configuration, then repetition 2, ...), a
ratio is computed per repetition (same time window) and reported as median (min-max).
Server CPU per request = (utime + stime from /proc/PID/stat) / requests."""
import argparse, http.client, os, re, shutil, signal, statistics, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("--build", required=True)
p.add_argument("--seed-dir", required=True)  # apc_bench_seed's DB and Lua scripts
p.add_argument("--key", required=True)       # test public key PEM
p.add_argument("--reps", type=int, default=3)
p.add_argument("--duration", type=int, default=5)
p.add_argument("--warmup", type=int, default=1)
p.add_argument("--conns", type=int, default=16)
p.add_argument("--only", default="")         # configuration names containing it (a|b: either; =x: exactly x)
a = p.parse_args()

MOCK = os.path.join(a.build, "mock_amazon/amazon-pay-mock")
BARE = os.path.join(a.build, "bench/apc_bare_server")
KEYID = "SANDBOX-AHSHOPTESTKEY0000000000001"
SEED = a.seed_dir
GET_PATH = open(os.path.join(SEED, "get_charge.path")).read().strip()
TICK = os.sysconf("SC_CLK_TCK")


def lua(name): return os.path.join(SEED, name)


def mock(verify):
    def start(port, work):
        db = os.path.join(work, "mock.db")
        shutil.copyfile(os.path.join(SEED, "seed.db"), db)
        cmd = [MOCK, "--port", str(port), "--db", db, "--public-key", "%s=%s" % (KEYID, a.key)]
        return cmd + ([] if verify else ["--no-verify"])
    return start


def bare(mode):
    def start(port, work):
        return [BARE, mode, str(port), a.key, os.path.join(work, "bare.db")]
    return start


# name, server, wrk script (None: plain GET of the Charge), pinned
CONFIGS = [
    ("bare get", bare("get"), None, True),
    ("mock Get Charge, no verify", mock(False), None, True),
    ("bare verify-get", bare("verify-get"), lua("get_charge.lua"), True),
    ("mock Get Charge, verify", mock(True), lua("get_charge.lua"), True),
    ("bare verify-insert", bare("verify-insert"), lua("create_charge.lua"), True),
    ("mock Create Charge, verify, --db", mock(True), lua("create_charge.lua"), True),
    ("mock Create Charge on a permission with many Charges", mock(True), lua("create_charge_many.lua"), True),
    ("bare verify-get [2 cores]", bare("verify-get"), lua("get_charge.lua"), False),
    ("mock Get Charge, verify [2 cores]", mock(True), lua("get_charge.lua"), False),
    ("bare verify-insert [2 cores]", bare("verify-insert"), lua("create_charge.lua"), False),
    ("mock Create Charge, verify, --db [2 cores]", mock(True), lua("create_charge.lua"), False),
]
RATIOS = [  # what, numerator, denominator, target
    ("Get Charge, no verify / bare get", "mock Get Charge, no verify", "bare get", 0.9),
    ("Get Charge, verify / bare verify-get", "mock Get Charge, verify", "bare verify-get", 0.9),
    ("Create Charge, --db / bare verify-insert", "mock Create Charge, verify, --db", "bare verify-insert", 0.9),
    ("Create Charge, many Charges / bare verify-insert",
     "mock Create Charge on a permission with many Charges", "bare verify-insert", 0.9),
    ("Create Charge, many / none on the permission", "mock Create Charge on a permission with many Charges",
     "mock Create Charge, verify, --db", None),
    ("mock Get Charge verify: 2 cores / 1 core", "mock Get Charge, verify [2 cores]", "mock Get Charge, verify", None),
    ("bare verify-get: 2 cores / 1 core", "bare verify-get [2 cores]", "bare verify-get", None),
    ("mock Create Charge: 2 cores / 1 core", "mock Create Charge, verify, --db [2 cores]",
     "mock Create Charge, verify, --db", None),
    ("bare verify-insert: 2 cores / 1 core", "bare verify-insert [2 cores]", "bare verify-insert", None),
]


def answers(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", GET_PATH); c.getresponse().read(); c.close()
        return True
    except OSError:
        return False


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])


def wrk(port, script, pinned, dur):
    cmd = (["taskset", "-c", "1"] if pinned else []) + ["wrk", "-t1", "-c%d" % a.conns, "-d%ds" % dur]
    if script: cmd += ["-s", script]
    path = "" if script else GET_PATH
    out = subprocess.run(cmd + ["http://127.0.0.1:%d%s" % (port, path)], capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (float(rps.group(1)) if rps else 0.0, int(total.group(1)) if total else 0,
            int(bad.group(1)) if bad else 0, out)


def one(cfg, port, work):
    name, server, script, pinned = cfg
    cmd = server(port, work)
    if pinned: cmd = ["taskset", "-c", "0"] + cmd
    srv = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        t0 = time.time()
        while not answers(port):
            if srv.poll() is not None or time.time() - t0 > 20:
                sys.exit("%s did not start: %s" % (name, srv.stderr.read().decode()[-500:]))
            time.sleep(0.02)
        wrk(port, script, pinned, a.warmup)
        c0 = cpu_ticks(srv.pid)
        rps, n, bad, out = wrk(port, script, pinned, a.duration)
        cpu = (cpu_ticks(srv.pid) - c0) / TICK
        if bad: sys.exit("%s: %d non-2xx answers; wrk said:\n%s" % (name, bad, out))
        return dict(rps=rps, us_per_req=1e6 * cpu / max(n, 1), cores=cpu / a.duration)
    finally:
        os.killpg(srv.pid, signal.SIGTERM)
        try: srv.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(srv.pid, signal.SIGKILL); srv.wait()


def fmt(xs, f="%.2f"):
    xs = sorted(xs)
    return "%s (%s–%s)" % (f % statistics.median(xs), f % xs[0], f % xs[-1])


def main():
    # "a|b": either; "=name": that configuration only.
    todo = [c for c in CONFIGS
            if any(c[0] == o[1:] if o.startswith("=") else o in c[0] for o in a.only.split("|"))]
    work = os.path.join(SEED, "run"); os.makedirs(work, exist_ok=True)
    port = 19100 + (os.getpid() % 500) * 10
    res = {c[0]: [] for c in todo}
    for rep in range(a.reps):
        for c in todo:
            port += 1
            for f in os.listdir(work): os.remove(os.path.join(work, f))
            r = one(c, port, work)
            res[c[0]].append(r)
            print("rep %d  %-55s %9.0f req/s  %6.1f µs CPU/req  %.2f server cores" %
                  (rep + 1, c[0], r["rps"], r["us_per_req"], r["cores"]), flush=True)
    print("\n| configuration | req/s | server µs CPU per request | server cores |\n|---|---|---|---|")
    for c in todo:
        rs = res[c[0]]
        print("| %s | %s | %s | %s |" % (c[0], fmt([r["rps"] for r in rs], "%.0f"),
                                         fmt([r["us_per_req"] for r in rs], "%.1f"), fmt([r["cores"] for r in rs])))
    # Throughput ratio per repetition, and the inverse ratio of server CPU per request (what
    # the throughput ratio would be if each server had its core to itself: robust when other
    # work shares the machine).
    print("\n| ratio (per repetition) | throughput ratio | CPU-per-request ratio | target |\n|---|---|---|---|")
    for what, num, den, target in RATIOS:
        if num not in res or den not in res: continue
        pairs = list(zip(res[num], res[den]))
        rs = [x["rps"] / y["rps"] for x, y in pairs if y["rps"] > 0]
        cs = [y["us_per_req"] / x["us_per_req"] for x, y in pairs if x["us_per_req"] > 0]
        print("| %s | %s | %s | %s |" % (what, fmt(rs), fmt(cs) if "core" not in what else "—",
                                         "≥ %.1f" % target if target else "—"))


main()
