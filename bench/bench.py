#!/usr/bin/env python3
"""The measurements behind bench/run: sfn vs curl vs the AWS CLI against a local moto peer.

Run it through bench/run (which builds sfn and starts the peer). Prints a markdown report and writes it to
--out. Wall times are medians: hyperfine (-N, no shell) for fixed command lines when it is installed, else
this file's own harness (posix_spawn + wait4, which also gives CPU time and peak RSS). Peak RSS of fixed
commands comes from /usr/bin/time -f %M. Nothing here asserts anything: it measures and reports.
"""
import argparse, json, os, platform, re, shlex, shutil, statistics, subprocess, sys, tempfile, threading, time
import urllib.request

import local  # section 9: sfn local and moto (bench/local.py)

ROLE = "arn:aws:iam::123456789012:role/bench"
PASS = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'


def wait_definition(seconds):
    return json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": seconds, "End": True}}})


class Runner:
    """Runs commands and measures them: wall (median of many runs), CPU and peak RSS."""

    def __init__(self, env, use_hyperfine):
        self.env = env
        self.hyperfine = shutil.which("hyperfine") if use_hyperfine else None
        self.time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

    def once(self, argv, stdout=None):
        """One run: (wall s, cpu s, peak RSS KiB, exit status, stderr text)."""
        with tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, env=self.env, stdout=stdout or subprocess.DEVNULL, stderr=err)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, err.read().decode(errors="replace")

    def check(self, argv):
        wall, cpu, rss, code, err = self.once(argv)
        if code != 0:
            raise RuntimeError("%s exited %d: %s" % (shlex.join(argv[:4]), code, err.strip()[-400:]))

    def harness(self, make_argv, runs, warmup):
        """This file's harness: make_argv(i) gives the command line of run i (so names can differ)."""
        samples = []
        for i in range(warmup + runs):
            wall, cpu, rss, code, err = self.once(make_argv(i))
            if code != 0:
                raise RuntimeError("%s exited %d: %s" % (shlex.join(make_argv(i)[:4]), code, err.strip()[-400:]))
            if i >= warmup:
                samples.append((wall, cpu, rss))
        rss = [s[2] for s in samples]
        if self.time:
            # A child forked from this Python reports Python's own peak (Linux keeps the peak across exec): the peak
            # comes from /usr/bin/time, as for fixed commands, in runs of its own.
            rss = [self.peak(make_argv(warmup + runs + k)) for k in range(3)]
        return {"wall": statistics.median(s[0] for s in samples) * 1000, "cpu": statistics.median(s[1] for s in samples) * 1000,
                "rss": statistics.median(rss) / 1024, "runs": runs, "tool": "harness"}

    def peak(self, argv):
        """Peak RSS (KiB) of one run, by /usr/bin/time."""
        with tempfile.NamedTemporaryFile(mode="r") as out:
            self.check([self.time, "-f", "%M", "-o", out.name] + argv)
            return int(out.read().split()[-1])

    def pairs(self, make_a, make_b, runs, warmup=2):
        """Alternating runs of two commands: per-pair wall and CPU ratios a/b (a noisy moment hits one pair, not a column)."""
        walls, cpus = [], []
        for i in range(warmup + runs):
            ra = self.once(make_a(i))
            rb = self.once(make_b(i))
            for r, argv in ((ra, make_a(i)), (rb, make_b(i))):
                if r[3] != 0:
                    raise RuntimeError("%s exited %d: %s" % (shlex.join(argv[:4]), r[3], r[4].strip()[-400:]))
            if i >= warmup:
                walls.append(ra[0] / rb[0])
                cpus.append(ra[1] / rb[1] if rb[1] else float("nan"))
        return {"wall": walls, "cpu": cpus}

    def instructions(self, make_argv, base, runs=3):
        """Instructions executed (valgrind's callgrind, the whole process), median of a few runs of make_argv(base + k);
        None without valgrind."""
        if not shutil.which("valgrind"):
            return None
        counts = []
        for k in range(runs):
            argv = make_argv(base + k)
            p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv, env=self.env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            m = re.search(r"Collected : (\d+)", p.stderr)
            if p.returncode != 0 or not m:
                raise RuntimeError("valgrind %s exited %d: %s" % (shlex.join(argv[:4]), p.returncode, p.stderr.strip()[-400:]))
            counts.append(int(m.group(1)))
        return statistics.median(counts)

    def measure(self, argv, runs, warmup=3):
        """A fixed command line: hyperfine when installed (RSS via /usr/bin/time), else the harness."""
        self.check(argv)
        if not self.hyperfine:
            return self.harness(lambda i: argv, runs, warmup)
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run([self.hyperfine, "-N", "-w", str(warmup), "-r", str(runs), "--style", "none",
                            "--export-json", out.name, shlex.join(argv)], env=self.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            result = json.load(open(out.name))["results"][0]
        cpu = (result["user"] + result["system"]) * 1000
        rss = []
        for _ in range(5):
            if self.time:
                with tempfile.NamedTemporaryFile() as f:
                    subprocess.run([self.time, "-o", f.name, "-f", "%M"] + argv, env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    rss.append(int(open(f.name).read().split()[-1]))
            else:
                rss.append(self.once(argv)[2])
        return {"wall": result["median"] * 1000, "cpu": cpu, "rss": statistics.median(rss) / 1024, "runs": runs,
                "tool": "hyperfine"}


class Peer:
    """Sets up state on the moto peer with unsigned-but-scoped requests (moto without --auth accepts them)."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def call(self, op, body):
        req = urllib.request.Request(self.endpoint + "/", data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions." + op,
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, "
                             "SignedHeaders=host, Signature=0"})
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read() or b"{}")

    def machine(self, name, definition=PASS):
        return self.call("CreateStateMachine", {"name": name, "definition": definition, "roleArn": ROLE})["stateMachineArn"]

    def start(self, machine, name):
        return self.call("StartExecution", {"stateMachineArn": machine, "name": name, "input": "{}"})["executionArn"]


def ms(x):
    return "%.1f" % x if x < 100 else "%.0f" % x


def mib(x):
    return "%.1f" % x


def ratio(a, b):
    return "%.2fx" % (a / b) if b else "-"


def spread(values):
    """min / median / max of ratios."""
    v = sorted(values)
    return "%.2f / %.2f / %.2f" % (v[0], statistics.median(v), v[-1])


def mi(n):
    """Instructions in millions."""
    return "%.2fM" % (n / 1e6) if n is not None else "-"


def us(ns):
    """Nanoseconds as microseconds, three significant digits or whole."""
    x = ns / 1000
    return "%.2f" % x if x < 10 else "%.1f" % x if x < 100 else "{:,.0f}".format(x)


def times(x):
    """A speed ratio with about three significant digits."""
    return "%.0fx" % x if x >= 100 else "%.1fx" % x if x >= 10 else "%.2fx" % x if x >= 0.1 else "%.3fx" % x


def shorten(text, width):
    return text if len(text) <= width else text[:width - 3] + "..."


def same_value(a, b):
    """JSON values equal, numbers within a relative 1e-9 (engines may sum in different orders)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return a == b


class Bench:
    def __init__(self, a):
        self.a = a
        self.env = dict(os.environ)
        self.tmp = tempfile.mkdtemp(prefix="sfn-bench-")
        # No profile files: every tool gets its settings from the environment and flags only.
        self.env.update(AWS_CONFIG_FILE=os.path.join(self.tmp, "config"), AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.tmp, "credentials"),
                        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
                        AWS_PAGER="", NO_COLOR="1")
        self.r = Runner(self.env, not a.no_hyperfine)
        self.peer = Peer(a.endpoint) if a.endpoint else None
        self.nonce = "%x" % int(time.time())
        self.sfns = ([(a.sfn_label, a.sfn)] if a.sfn else []) + ([("sfn static", a.sfn_static)] if a.sfn_static else [])
        self.out = []
        self.goals = []
        self.verbs = a.sfn is not None and self.has_verbs()

    def has_verbs(self):
        return subprocess.run([self.a.sfn, "history", "--help"], env=self.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0

    def p(self, line=""):
        self.out.append(line)
        print(line, flush=True)

    def sfn(self, exe, *args):
        return [exe, "--endpoint-url", self.a.endpoint] + list(args)

    def aws(self, *args):
        return [self.a.aws, "--endpoint-url", self.a.endpoint, "stepfunctions"] + list(args)

    def curl(self, op, body, endpoint=None):
        return ["curl", "-sS", "--fail", "--aws-sigv4", "aws:amz:us-east-1:states", "--user", "testing:testing",
                "-H", "Content-Type: application/x-amz-json-1.0", "-H", "X-Amz-Target: AWSStepFunctions." + op,
                "-d", json.dumps(body, separators=(",", ":")), (endpoint or self.a.endpoint) + "/"]

    def goal(self, text, measured, met):
        self.goals.append((text, measured, met))

    # --- report sections ---

    def machine(self):
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
        aws = None
        if shutil.which(self.a.aws):
            aws = subprocess.run([self.a.aws, "--version"], capture_output=True, text=True)
        curl = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        self.p("# sfn benchmarks")
        self.p()
        peer = " against the same local moto peer" if self.a.endpoint else ""
        self.p("Run %s by `bench/run`. Medians of many runs; all tools on this machine%s." %
               (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), peer))
        self.p()
        self.p("| Machine | |")
        self.p("| --- | --- |")
        self.p("| CPU | %s |" % cpu)
        self.p("| Cores | %d |" % os.cpu_count())
        self.p("| Memory | %.0f GiB |" % (os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30))
        self.p("| Kernel | %s %s |" % (platform.system(), platform.release()))
        self.p("| Swift | %s |" % (swift[0] if swift else "?"))
        if aws:
            self.p("| AWS CLI | %s |" % (aws.stdout + aws.stderr).strip().split()[0])
        self.p("| curl | %s |" % " ".join(curl.split()[:2]))
        if self.a.endpoint:
            self.p("| Peer | moto 5.2.5 (scripts/peer) at %s; history: bench/history_server.py |" % self.a.endpoint)
        self.p("| Timing | %s; peak RSS by %s |" % ("hyperfine -N (fixed commands), bench/bench.py harness (commands whose arguments change per run)"
                                                  if self.r.hyperfine else "bench/bench.py harness (posix_spawn + wait4)",
                                                  "/usr/bin/time" if self.r.time else "wait4"))
        for label, exe in self.sfns:
            self.p("| %s binary | %.1f MB (%s) |" % (label, os.path.getsize(exe) / 1e6, exe))
        if shutil.which("valgrind"):
            vg = subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()
            self.p("| Instructions | %s --tool=callgrind (whole process, median of 3) |" % vg)
        self.p("| Load average at start | %.2f %.2f %.2f |" % os.getloadavg())
        self.p()

    def one_call(self):
        a = self.a
        machine = self.peer.machine("bench-one-" + self.nonce)
        listed = self.peer.machine("bench-list-" + self.nonce)
        for i in range(20):
            self.peer.start(listed, "e%d" % i)
        rows = []
        makers = []  # (operation, {label: make_argv}) for the ratio spread and instruction counts
        # describe-state-machine and list-executions: fixed command lines.
        for op, verb, body, args in [
                ("DescribeStateMachine", "describe-state-machine", {"stateMachineArn": machine}, ["--state-machine-arn", machine]),
                ("ListExecutions", "list-executions", {"stateMachineArn": listed, "maxResults": 1000}, ["--state-machine-arn", listed])]:
            res = {}
            for label, exe in self.sfns:
                res[label] = self.r.measure(self.sfn(exe, verb, *args), a.runs)
            res["curl"] = self.r.measure(self.curl(op, body), a.runs)
            res["aws"] = self.r.measure(self.aws(verb, *args), a.aws_runs, warmup=1)
            rows.append((verb, res))
            made = {label: (lambda i, exe=exe, verb=verb, args=args: self.sfn(exe, verb, *args)) for label, exe in self.sfns}
            made["curl"] = lambda i, op=op, body=body: self.curl(op, body)
            makers.append((verb, made))
        # start-execution: a new name every run, so the harness measures every tool.
        res = {}
        for label, exe in self.sfns:
            tag = label.replace(" ", "")
            res[label] = self.r.harness(lambda i, exe=exe, tag=tag: self.sfn(exe, "start-execution", "--state-machine-arn", machine,
                                                                            "--name", "%s-%d" % (tag, i)), a.runs, 3)
        res["curl"] = self.r.harness(lambda i: self.curl("StartExecution", {"stateMachineArn": machine, "name": "curl-%d" % i}), a.runs, 3)
        res["aws"] = self.r.harness(lambda i: self.aws("start-execution", "--state-machine-arn", machine, "--name", "aws-%d" % i),
                                    a.aws_runs, 1)
        rows.insert(1, ("start-execution", res))
        made = {label: (lambda i, exe=exe, tag=label.replace(" ", ""): self.sfn(exe, "start-execution", "--state-machine-arn", machine,
                                                                           "--name", "%s-p%d" % (tag, i))) for label, exe in self.sfns}
        made["curl"] = lambda i: self.curl("StartExecution", {"stateMachineArn": machine, "name": "curl-p%d" % i})
        makers.insert(1, ("start-execution", made))

        labels = [l for l, _ in self.sfns]
        self.p("## 1. One API call per process")
        self.p()
        if a.sfn_static or labels == ["sfn"]:
            self.p("Median wall ms (CPU ms, peak RSS MiB). Ratios use the plain `swift build -c release` binary (`sfn`)%s." %
                   (" and the shipped `make release` one, static Swift runtime and libstdc++ (`sfn static`)" if a.sfn_static else ""))
        else:
            self.p("Median wall ms (CPU ms, peak RSS MiB) of `%s` (%s)." % (labels[0], a.sfn))
        self.p()
        head = "| operation | " + " | ".join(labels) + " | curl --aws-sigv4 | aws | " + " | ".join("%s / curl" % l for l in labels) + \
               " | " + " | ".join("aws / %s" % l for l in labels) + " |"
        self.p(head)
        self.p("|" + " --- |" * (head.count("|") - 1))
        worst_curl, worst_aws, worst_rss = 0, 1e9, 0
        for verb, res in rows:
            cells = ["%s (%s, %s)" % (ms(res[k]["wall"]), ms(res[k]["cpu"]), mib(res[k]["rss"])) for k in labels + ["curl", "aws"]]
            cells += [ratio(res[l]["wall"], res["curl"]["wall"]) for l in labels]
            cells += [ratio(res["aws"]["wall"], res[l]["wall"]) for l in labels]
            self.p("| %s | %s |" % (verb, " | ".join(cells)))
            best = min(labels, key=lambda l: res[l]["wall"])
            worst_curl = max(worst_curl, res[best]["wall"] / res["curl"]["wall"])
            worst_aws = min(worst_aws, res["aws"]["wall"] / res[best]["wall"])
            worst_rss = max(worst_rss, min(res[l]["rss"] for l in labels))
        self.p()
        self.p("Runs: %d per sfn/curl row, %d for aws. `start-execution` gives every run a new name (harness); the others are fixed "
               "command lines. `list-executions` lists a machine with 20 executions (one page)." % (a.runs, a.aws_runs))
        self.p()
        self.call_spread(labels, makers)
        self.goal("one API call at most 1.10x curl's wall time (median of per-pair ratios)", "worst %.2fx" % self.worst_pair,
                  self.worst_pair <= 1.10)
        if self.worst_instr is not None:
            self.goal("one API call at most 1.10x curl's instructions (callgrind)", "worst %.2fx" % self.worst_instr,
                      self.worst_instr <= 1.10)
        self.goal("one API call at least 30x faster than the AWS CLI", "worst %.1fx" % worst_aws, worst_aws >= 30)
        self.goal("one API call at most 16 MiB peak memory", "worst %.1f MiB" % worst_rss, worst_rss <= 16)
        self.verbs_against_api(machine)

    def call_spread(self, labels, makers):
        """Per-pair sfn/curl ratios over alternating runs (min / median / max) and callgrind's instruction counts."""
        a = self.a
        self.p("Ratio spread: %d alternating sfn/curl pairs per row, each pair's ratio; min / median / max. Instructions: "
               "valgrind's callgrind over the whole process (dynamic loading included), curl's in the same column layout." % a.pair_runs)
        self.p()
        head = "| operation | " + " | ".join("%s / curl wall" % l for l in labels) + " | " + \
               " | ".join("%s / curl CPU" % l for l in labels) + " | " + " | ".join("%s instructions" % l for l in labels) + \
               " | curl instructions | " + " | ".join("%s / curl instructions" % l for l in labels) + " |"
        self.p(head)
        self.p("|" + " --- |" * (head.count("|") - 1))
        self.worst_pair, self.worst_instr = 0, None
        for op, made in makers:
            walls, cpus, instr = [], [], []
            for l in labels:
                # Each sfn column pairs with its own curl runs (start-execution names must not repeat).
                offset = 1000 * (labels.index(l) + 1)
                pr = self.r.pairs(made[l], lambda i, offset=offset: made["curl"](i + offset), a.pair_runs)
                walls.append(pr["wall"])
                cpus.append(pr["cpu"])
                if l == labels[-1]:  # the goals judge the shipped binary (the last column)
                    self.worst_pair = max(self.worst_pair, statistics.median(pr["wall"]))
                instr.append(self.r.instructions(made[l], 10**6 + 10 * len(instr)))
            curl = self.r.instructions(made["curl"], 10**6 + 90)
            ratios = [(n / curl) if (n and curl) else None for n in instr]
            if ratios[-1] is not None:
                self.worst_instr = max(self.worst_instr or 0, ratios[-1])
            self.p("| %s | %s | %s | %s | %s | %s |" % (op, " | ".join(spread(w) for w in walls), " | ".join(spread(c) for c in cpus),
                                                   " | ".join(mi(n) for n in instr), mi(curl),
                                                   " | ".join("%.2fx" % x if x else "-" for x in ratios)))
        self.p()

    def verbs_against_api(self, machine):
        """Each verb against the API command making the same requests (given ARNs, a verb resolves nothing)."""
        if not self.verbs:
            return
        a = self.a
        exe = self.sfns[-1][1]
        execution = self.peer.start(machine, "bench-verbs-" + self.nonce)
        # moto runs the Pass machine in the background: wait for it to end so every command sees the same state.
        for _ in range(100):
            if self.peer.call("DescribeExecution", {"executionArn": execution})["status"] != "RUNNING":
                break
            time.sleep(0.1)
        fixed = lambda *args: (lambda i: self.sfn(exe, *args))
        cases = [
            ("describe MACHINE-ARN", fixed("describe", machine), fixed("describe-state-machine", "--state-machine-arn", machine)),
            ("describe EXECUTION-ARN", fixed("describe", execution), fixed("describe-execution", "--execution-arn", execution)),
            ("output EXECUTION-ARN", fixed("output", execution), fixed("describe-execution", "--execution-arn", execution)),
            ("wait EXECUTION-ARN (ended)", fixed("wait", execution), fixed("describe-execution", "--execution-arn", execution)),
            ("history EXECUTION-ARN", fixed("history", execution), fixed("get-execution-history", "--execution-arn", execution)),
            ("executions MACHINE-ARN", fixed("executions", machine), fixed("list-executions", "--state-machine-arn", machine)),
            ("start MACHINE-ARN --name N", lambda i: self.sfn(exe, "start", machine, "--name", "verb-%d" % i),
             lambda i: self.sfn(exe, "start-execution", "--state-machine-arn", machine, "--name", "api-%d" % i)),
        ]
        self.p("### Verbs against the API commands")
        self.p()
        self.p("`%s`, given ARNs (no name to resolve). Requests: counted from `--debug`. CPU: per-pair ratios verb / API command over %d "
               "alternating pairs (min / median / max); instructions by callgrind." % (self.sfns[-1][0], a.pair_runs))
        self.p()
        self.p("| verb | API command | requests: verb; API | CPU ratio | verb instructions | API instructions | instructions ratio |")
        self.p("| --- | --- | --- | --- | --- | --- | --- |")
        worst = 0
        for label, verb, api in cases:
            counts = [self.operations(make(10**6 + k) + ["--debug"]) for k, make in ((1, verb), (2, api))]
            pr = self.r.pairs(verb, api, a.pair_runs)
            vi, ai = self.r.instructions(verb, 10**6 + 10), self.r.instructions(api, 10**6 + 20)
            r = vi / ai if (vi and ai) else None
            worst = max(worst, statistics.median(pr["cpu"]))
            self.p("| %s | %s | %s; %s | %s | %s | %s | %s |" % (label, " ".join(api(0)[3:4]), counts[0], counts[1], spread(pr["cpu"]),
                                                              mi(vi), mi(ai), "%.2fx" % r if r else "-"))
        self.p()
        self.goal("every verb within 1.05x the CPU of the API command making the same requests (median of pairs)",
                  "worst %.2fx" % worst, worst <= 1.05)

    def startup(self):
        self.p("## 2. Start-up")
        self.p()
        self.p("| command | " + " | ".join("%s wall ms" % l for l, _ in self.sfns) + " | " +
               " | ".join("%s peak MiB" % l for l, _ in self.sfns) + " |")
        self.p("|" + " --- |" * (1 + 2 * len(self.sfns)))
        best_version = 1e9
        for args in (["--version"], ["--help"]):
            res = [self.r.measure([exe] + args, self.a.runs * 2) for _, exe in self.sfns]
            self.p("| sfn %s | %s | %s |" % (" ".join(args), " | ".join(ms(x["wall"]) for x in res), " | ".join(mib(x["rss"]) for x in res)))
            if args == ["--version"]:
                best_version = min(x["wall"] for x in res)
        ref = self.r.measure(["curl", "--version"], self.a.runs * 2)
        self.p("| reference: curl --version | %s |%s %s |%s" % (ms(ref["wall"]), " |" * (len(self.sfns) - 1), mib(ref["rss"]),
                                                            " |" * (len(self.sfns) - 1)))
        self.p()
        self.goal("`sfn --version` at most 5 ms median wall", "%.1f ms" % best_version, best_version <= 5)
        size = os.path.getsize(self.sfns[-1][1]) / 1e6
        self.goal("%s binary at most 20 MB" % self.sfns[-1][0], "%.1f MB" % size, size <= 20)

    def operations(self, argv):
        """The operations a command line calls, from its --debug lines."""
        _, _, _, code, err = self.r.once(argv)
        return " ".join(re.findall(r"^debug: (\w+) attempt \d+:", err, re.M)) if code == 0 else "(exit %d)" % code

    def count_requests(self, argv, pattern):
        _, _, _, code, err = self.r.once(argv)
        return len(re.findall(pattern, err, re.M)) if code == 0 else None

    def listing(self):
        a = self.a
        machine = self.peer.machine("bench-5k-" + self.nonce)
        t0 = time.time()
        for i in range(a.executions):
            self.peer.start(machine, "x%05d" % i)
        setup = time.time() - t0
        sfn = self.sfns[-1][1]
        cases = [("sfn list-executions (default page size)", self.sfn(sfn, "list-executions", "--state-machine-arn", machine), "sfn"),
                 ("sfn list-executions --page-size 1000",
                  self.sfn(sfn, "list-executions", "--state-machine-arn", machine, "--page-size", "1000"), "sfn")]
        if self.verbs:
            cases.append(("sfn executions --output json", self.sfn(sfn, "executions", machine, "--output", "json"), "sfn"))
        cases += [("aws list-executions (default page size)", self.aws("list-executions", "--state-machine-arn", machine), "aws"),
                  ("aws list-executions --page-size 1000", self.aws("list-executions", "--state-machine-arn", machine, "--page-size", "1000"), "aws")]
        self.p("## 3. Listing %d executions" % a.executions)
        self.p()
        self.p("| command | wall ms | CPU ms | peak MiB | requests | items |")
        self.p("| --- | --- | --- | --- | --- | --- |")
        for label, argv, kind in cases:
            res = self.r.measure(argv, a.list_runs if kind == "sfn" else a.aws_list_runs, warmup=1)
            if kind == "sfn":
                n = self.count_requests(argv + ["--debug"], r"^debug: ListExecutions attempt")
            else:
                n = self.count_requests(argv + ["--debug"], r"Making request for OperationModel\(name=ListExecutions\)")
            out = subprocess.run(argv, env=self.env, capture_output=True, text=True).stdout
            try:
                doc = json.loads(out)
                items = len(doc["executions"]) if isinstance(doc, dict) else len(doc)
            except ValueError:
                items = sum(1 for l in out.splitlines() if l.strip().startswith("{"))
            self.p("| %s | %s | %s | %s | %s | %s |" % (label, ms(res["wall"]), ms(res["cpu"]), mib(res["rss"]), n, items))
        self.p()
        self.p("`list-executions` pages as the AWS CLI does (no maxResults unless `--page-size`, so the service default: 100 on "
               "moto), which keeps `--starting-token` tokens interchangeable; 1000 is the API's maximum. The `executions` verb "
               "asks for 1000 per page. Setting up %d executions took %.0f s." % (a.executions, setup))
        self.p()

    def history_server(self, port, delay=0.0, log=None):
        argv = [sys.executable, os.path.join(os.path.dirname(__file__), "history_server.py"), "--port", str(port), "--events", str(self.a.events)]
        if delay:
            argv += ["--page-delay", str(delay)]
        if log:
            argv += ["--log", log]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("history server did not start on port %d" % port)
        return proc

    def history(self):
        a = self.a
        port = a.history_port
        endpoint = "http://127.0.0.1:%d" % port
        arn = "arn:aws:states:us-east-1:123456789012:execution:bench:history-25k"
        sfn = self.sfns[-1][1]
        cases = [("sfn get-execution-history (JSON)", [sfn, "--endpoint-url", endpoint, "get-execution-history", "--execution-arn", arn, "--output", "json"])]
        if self.verbs:
            cases += [("sfn history (table)", [sfn, "--endpoint-url", endpoint, "history", arn, "--output", "table"]),
                      ("sfn history (JSON lines)", [sfn, "--endpoint-url", endpoint, "history", arn, "--output", "json"])]
        cases.append(("aws get-execution-history (JSON)", [a.aws, "--endpoint-url", endpoint, "stepfunctions", "get-execution-history", "--execution-arn", arn]))
        self.p("## 4. History of %d events" % a.events)
        self.p()
        self.p("Served by bench/history_server.py in pages of 1000 with nextToken. Wall, CPU and peak RSS by the harness. "
               "Streams: with 50 ms added per page, did the first output byte come before the last page was served?")
        self.p()
        self.p("| command | wall ms | CPU ms | peak MiB | output MB | first byte ms | last page ms | streams |")
        self.p("| --- | --- | --- | --- | --- | --- | --- | --- |")
        server = self.history_server(port)
        timed = []
        try:
            for label, argv in cases:
                runs = a.history_runs if label.startswith("sfn") else 2
                timed.append(self.r.harness(lambda i, argv=argv: argv, runs, 1))
        finally:
            server.terminate()
            server.wait()
        log = os.path.join(self.tmp, "history.log")
        server = self.history_server(port, delay=0.05, log=log)
        try:
            for (label, argv), res in zip(cases, timed):
                open(log, "w").close()
                t0 = time.time()
                p = subprocess.Popen(argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                first = p.stdout.read(1)
                t_first = time.time()
                size = len(first) + len(p.stdout.read())
                p.wait()
                pages = [float(l.split()[0]) for l in open(log) if " GetExecutionHistory " in l]
                last = max(pages) if pages else t0
                streams = "yes" if first and t_first < last else "no"
                self.p("| %s | %s | %s | %s | %.1f | %.0f | %.0f | %s |" % (label, ms(res["wall"]), ms(res["cpu"]), mib(res["rss"]),
                                                                       size / 1e6, (t_first - t0) * 1000, (last - t0) * 1000, streams))
                if label == "sfn history (table)":
                    self.goal("%d-event history table under 300 ms CPU" % a.events, "%.0f ms" % res["cpu"], res["cpu"] < 300)
                    self.goal("%d-event history table under 64 MiB peak" % a.events, "%.1f MiB" % res["rss"], res["rss"] < 64)
                    self.goal("history output starts before the last page arrives", streams, streams == "yes")
        finally:
            server.terminate()
            server.wait()
        if not self.verbs:
            self.goal("%d-event history table: CPU, memory, streaming" % a.events, "`sfn history` is not on this build", False)
        self.p()

    def wait(self):
        if not self.verbs:
            self.p("## 5. wait")
            self.p()
            self.p("Not measured: this build has no `sfn wait` (the verbs).")
            self.p()
            self.goal("wait notices the end within 1 s; at most one request per 2 s on long runs", "`sfn wait` is not on this build", False)
            return
        sfn = self.sfns[-1][1]
        plans = [(1, i) for i in range(3)] + [(10, 0), (60, 0)]
        results = {}

        def one(seconds, i):
            machine = self.peer.machine("bench-wait%d-%s-%d" % (seconds, self.nonce, i), wait_definition(seconds))
            arn = self.peer.start(machine, "w")
            t0 = time.time()
            wall, cpu, rss, code, err = self.r.once(self.sfn(sfn, "wait", arn, "--debug", "--output", "json"))
            returned = t0 + wall
            d = self.peer.call("DescribeExecution", {"executionArn": arn})
            requests = len(re.findall(r"^debug: \w+ attempt", err, re.M))
            results[(seconds, i)] = (returned - d["stopDate"], requests, returned - d["startDate"], d["status"])

        threads = [threading.Thread(target=one, args=plan) for plan in plans]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.p("## 5. `sfn wait`")
        self.p()
        self.p("Executions of one Wait state, each waited for by its own `sfn wait` started right after StartExecution (run concurrently). "
               "Lag: from the execution's stopDate to `sfn wait` returning.")
        self.p()
        self.p("| execution | runs | lag s (median) | requests | seconds per request |")
        self.p("| --- | --- | --- | --- | --- |")
        worst_short, worst_rate = 0, 1e9
        for seconds in (1, 10, 60):
            rs = [v for (s, _), v in results.items() if s == seconds]
            lag = statistics.median(r[0] for r in rs)
            req = statistics.median(r[1] for r in rs)
            per = statistics.median(r[2] / r[1] for r in rs)
            self.p("| %d s Wait | %d | %.2f | %g | %.1f |" % (seconds, len(rs), lag, req, per))
            if seconds <= 10:
                worst_short = max(worst_short, max(r[0] for r in rs))
            if seconds == 60:
                worst_rate = per
        self.p()
        self.goal("wait notices the end within 1 s for short executions", "worst lag %.2f s" % worst_short, worst_short <= 1)
        self.goal("wait averages at most one request per 2 s on long ones", "%.1f s per request (60 s run)" % worst_rate, worst_rate >= 2)

    def jmespath(self):
        self.p("## 6. JMESPath (compliance suite benchmarks.json)")
        self.p()
        if not self.a.jmespath:
            self.p("Not measured (no benchmark binary).")
            self.p()
            return
        out = subprocess.run([self.a.jmespath, self.a.jmespath_cases], capture_output=True, text=True, check=True).stdout
        self.p("Median ns per call (bench/jmespath/main.swift, built with `swiftc -O` against Sources/SFNJSON and Sources/SFNKit/JMESPath).")
        self.p()
        self.p("| kind | expression | parse µs | evaluate µs |")
        self.p("| --- | --- | --- | --- |")
        for line in out.splitlines():
            c = json.loads(line)
            e = c["expression"]
            e = e if len(e) <= 48 else e[:45] + "..."
            ev = "%.2f" % (c["evaluate_ns"] / 1000) if "evaluate_ns" in c else ""
            self.p("| %s | `%s` | %.2f | %s |" % (c["bench"], e.replace("|", "\\|"), c["parse_ns"] / 1000, ev))
        self.p()

    # --- 7. the embedded engine ---

    def engine_inputs(self):
        """The section's machines and their inputs (files in the temporary directory)."""
        rounds = max(1, (self.a.events - 4) // 6)  # ExecutionStarted, 6 events a round, 3 at the end
        cases = [("pass-choice", "10 Pass/Choice states", {"n": 3}),
                 ("map-10k", "Map, %d items, 3-state processor" % self.a.engine_items,
                  {"items": list(range(self.a.engine_items))}),
                 ("loop-2mb", "%d-round Choice loop, 8 x 250 KB variables" % self.a.engine_rounds,
                  {"blob": "x" * 250000, "limit": self.a.engine_rounds}),
                 ("loop-events", "Pass/Wait/Choice loop, %d rounds" % rounds, {"i": 0, "limit": rounds})]
        out = []
        for name, label, value in cases:
            path = os.path.join(self.tmp, name + ".json")
            with open(path, "w") as f:
                json.dump(value, f, separators=(",", ":"))
            out.append((name, label, os.path.join(self.a.engine_machines, name + ".asl.json"), path))
        return out

    def engine_program(self, *args):
        out = subprocess.run([self.a.engine_bench] + list(args), env=self.env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError("sfn-engine-bench %s exited %d: %s" %
                               (args[0], out.returncode, out.stderr.strip()[-400:]))
        return json.loads(out.stdout)

    def timed(self, argv):
        """One run under /usr/bin/time: (wall ms, peak MiB, exit status, stdout)."""
        with tempfile.NamedTemporaryFile() as f, tempfile.TemporaryFile() as out:
            t0 = time.perf_counter()
            code = subprocess.run([self.r.time, "-o", f.name, "-f", "%M"] + argv, env=self.env, stdout=out,
                                  stderr=subprocess.DEVNULL).returncode
            wall = (time.perf_counter() - t0) * 1000
            out.seek(0)
            return wall, int(open(f.name).read().split()[-1]) / 1024, code, out.read()

    def has_run(self):
        return subprocess.run([self.a.sfn, "run", "--help"], env=self.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0

    def sfn_run(self, definition, input_path, runs, *extra):
        """`sfn run` end to end, Waits skipped: median wall ms and peak MiB, and the status printed."""
        argv = [self.a.sfn, "run", definition, "--input", "@" + input_path, "--wait-scale", "0", "--output", "json"]
        argv += list(extra)
        samples = [self.timed(argv) for _ in range(runs)]
        status = json.loads(samples[-1][3]).get("status", "?") if samples[-1][3] else "exit %d" % samples[-1][2]
        return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), status

    def moto_run(self, name, definition, input_path, count, limit_s):
        """Executions on moto's interpreter through the API, one after another: create the machine, then start each
        and poll DescribeExecution until it ends. Returns (executions per second, seconds each, final status)."""
        arn = self.peer.machine("%s-%s" % (name, self.nonce), open(definition).read())
        text = open(input_path).read()
        t0 = time.perf_counter()
        status = "?"
        done = 0
        for i in range(count):
            ex = self.peer.call("StartExecution", {"stateMachineArn": arn, "name": "e%d" % i, "input": text})
            while True:
                d = self.peer.call("DescribeExecution", {"executionArn": ex["executionArn"]})
                status = d["status"]
                if status != "RUNNING" or time.perf_counter() - t0 > limit_s:
                    break
                time.sleep(0.005)
            if status == "RUNNING":
                return None, time.perf_counter() - t0, "still RUNNING after %d s" % limit_s
            done += 1
            if status != "SUCCEEDED":
                status += " (%s: %s)" % (d.get("error"), (d.get("cause") or "")[:80])
                break
        elapsed = time.perf_counter() - t0
        return done / elapsed, elapsed / max(done, 1), status

    def engine(self):
        self.p("## 7. The embedded engine (`sfn run`) and moto's interpreter")
        self.p()
        self.p("Run %s, load average %.2f %.2f %.2f at the start of this section." %
               ((time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),) + os.getloadavg()))
        self.p()
        if not self.a.engine_bench:
            self.p("Not measured (no sfn-engine-bench binary).")
            self.p()
            return
        cases = self.engine_inputs()
        has_run = self.has_run()
        self.p("In process: `sfn-engine-bench` (Sources/EngineBench, built by `swift build -c release`) runs the "
               "parsed definition on a virtual clock with history recorded; throughput rows run executions "
               "back to back for 3 s. `sfn run`: the release binary end to end (process start, parsing, "
               "printing) with `--wait-scale 0`, wall and peak RSS by /usr/bin/time, median of the runs. moto: "
               "its interpreter (`execute_state_machine`) through the API from Python, one execution after "
               "another (StartExecution, then DescribeExecution every 5 ms until it ends).")
        self.p()
        self.p("| machine | in process | events | in-process peak MiB | sfn run wall ms | sfn run peak MiB "
               "| sfn run status | moto | moto status | in process / moto |")
        self.p("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        rows = {}
        for name, label, definition, input_path in cases[:3]:
            if name == "pass-choice":
                inproc = self.engine_program("throughput", definition, input_path, "--seconds", "3")
                inproc_text = "%.0f/s (%d µs each)" % (inproc["perSecond"], 1e6 / inproc["perSecond"])
                engine_rate = inproc["perSecond"]
                peak = ""
            else:
                inproc = self.engine_program("once", definition, input_path)
                inproc_text = "%s ms" % ms(inproc["ms"])
                engine_rate = 1000 / inproc["ms"]
                peak = mib(inproc["peakBytes"] / 2**20)
            runs = self.a.engine_runs if name == "pass-choice" else 3
            if has_run:
                wall, rss, status = self.sfn_run(definition, input_path, runs)
                run_text = (ms(wall), mib(rss), status)
            else:
                wall, run_text = None, ("-", "-", "no `run` command")
            count = self.a.moto_executions if name == "pass-choice" else 1
            rate, each, moto_status = self.moto_run(name, definition, input_path, count, self.a.moto_limit)
            rows[name] = (inproc, engine_rate, wall, rate, each, moto_status)
            self.engine_row(label, inproc_text, inproc, peak, run_text, rate, each, moto_status, engine_rate)
        self.engine_memory(cases[3], has_run)
        self.engine_goals(rows, has_run)

    def engine_row(self, label, inproc_text, inproc, peak, run_text, rate, each, moto_status, engine_rate):
        moto = "-"
        if rate:  # a long execution reads better in seconds
            moto = ("%.1f/s (%s ms each)" % (rate, ms(each * 1000)) if rate >= 1
                    else "%.3f/s (%.1f s each)" % (rate, each))
        self.p("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            label, inproc_text, inproc["events"], peak or "-", run_text[0], run_text[1], run_text[2], moto,
            moto_status, ratio(engine_rate, rate) if rate else "-"))

    def engine_memory(self, case, has_run):
        name, label, definition, input_path = case
        self.p()
        self.p("### Memory along a %d-event execution (%s)" % (self.a.events, label))
        self.p()
        kept = self.engine_program("samples", definition, input_path, "--every", str(self.a.events // 10))
        bare = self.engine_program("samples", definition, input_path, "--every", str(self.a.events // 10),
                                   "--no-history")
        self.p("RSS of the in-process program read from /proc/self/statm between Wait timers, with the history kept "
               "(as `sfn run --history` and AWS do) and without it (`recordHistory: false`). The history's size is "
               "its events as compact JSON.")
        self.p()
        self.p("| events | RSS MiB, history kept | RSS MiB, no history |")
        self.p("| --- | --- | --- |")
        for a, b in zip(kept["samples"], bare["samples"]):
            self.p("| %d | %s | %s |" % (a["events"], mib(a["rssBytes"] / 2**20), mib(b["rssBytes"] / 2**20)))
        first_k, last_k = kept["samples"][1]["rssBytes"], kept["samples"][-1]["rssBytes"]
        first_b, last_b = bare["samples"][1]["rssBytes"], bare["samples"][-1]["rssBytes"]
        self.p()
        self.p("From the first sample after the start to the end: %s MiB more with the history kept (its JSON is %s "
               "MiB, %d bytes an event), %s MiB more without it." % (
                   mib((last_k - first_k) / 2**20), mib(kept["historyBytes"] / 2**20),
                   kept["historyBytes"] // max(kept["events"], 1), mib((last_b - first_b) / 2**20)))
        if has_run:
            wall, rss, status = self.sfn_run(definition, input_path, 1, "--history")
            wall2, rss2, _ = self.sfn_run(definition, input_path, 1)
            self.p("`sfn run` of the same execution: %s ms and %s MiB peak with `--history` (printed), %s ms and %s "
                   "MiB without (%s)." % (ms(wall), mib(rss), ms(wall2), mib(rss2), status))
        self.p()
        self.engine_flat = (last_b - first_b, last_k - first_k, kept["historyBytes"])

    def engine_goals(self, rows, has_run):
        inproc, rate_engine, wall, rate_moto, _, _ = rows["pass-choice"]
        if rate_moto:
            self.goal("10-state executions at least 50x moto's rate (in process)", ratio(rate_engine, rate_moto),
                      rate_engine >= 50 * rate_moto)
            if wall:
                self.goal("10-state executions at least 50x moto's rate (`sfn run`, a process each)",
                          ratio(1000 / wall, rate_moto), 1000 / wall >= 50 * rate_moto)
        m_inproc, _, m_wall, _, _, _ = rows["map-10k"]
        self.goal("10,000-item Map under 1 s (in process)", "%s ms" % ms(m_inproc["ms"]), m_inproc["ms"] < 1000)
        self.goal("10,000-item Map under 200 MiB (in process)", "%s MiB" % mib(m_inproc["peakBytes"] / 2**20),
                  m_inproc["peakBytes"] < 200 * 2**20)
        if m_wall:
            self.goal("10,000-item Map under 1 s (`sfn run`)", "%s ms" % ms(m_wall), m_wall < 1000)
        bare, kept, history = self.engine_flat
        self.goal("memory flat over 25,000 events (no history: growth under 2 MiB)", "%s MiB" % mib(bare / 2**20),
                  bare < 2 * 2**20)
        self.goal("memory over 25,000 events grows no more than 3x the history's JSON",
                  "%s MiB for %s MiB of JSON" % (mib(kept / 2**20), mib(history / 2**20)), kept <= 3 * history)

    def jsonata(self):
        self.p("## 8. JSONata")
        self.p()
        a = self.a
        if not (a.jsonata and a.jsonata_python):
            self.p("Not measured (no benchmark binary or no Python with the JSONata libraries).")
            self.p()
            return
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jsonata")
        sys.path.insert(0, here)
        import inputs
        cases_path = os.path.join(here, "cases.json")
        cases = json.load(open(cases_path))
        folder = os.path.join(self.tmp, "jsonata-inputs")
        sizes = inputs.write_inputs(folder)
        load = os.getloadavg()
        batches = str(a.jsonata_batches)
        runs = {"Swift": [a.jsonata, cases_path, folder, batches]}
        for engine in ("jsonata-python", "jsonatapy"):
            runs[engine] = [a.jsonata_python, os.path.join(here, "engines.py"), engine, cases_path, folder, batches]
        rows = {}
        for engine, argv in runs.items():
            out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
            rows[engine] = {r["name"]: r for r in map(json.loads, out.splitlines())}
        versions = subprocess.run([a.jsonata_python, "-c", "import importlib.metadata as m; "
                                   "print(m.version('jsonata-python'), m.version('jsonatapy'))"],
                                  capture_output=True, text=True, check=True).stdout.split()
        self.p("Median µs of CPU time (the process's, so waiting for a core on a busy machine does not count) per "
               "evaluation and per parse, each engine in its own process over the same input files "
               "(bench/jsonata: cases.json, inputs.py). Swift: `JSONataExpression` with "
               "`StepFunctionsDialect.functions`, bench/jsonata/main.swift built with `swiftc -O` against Sources/SFNJSON "
               "and Sources/JSONata; "
               "jsonata-python %s (pure Python, `Jsonata(text).evaluate(data)`); jsonatapy %s (Rust, `compile(text)`, "
               "`evaluate_with_data` on input converted once). Ratios are the other engine's time over Swift's: above "
               "1 means Swift is faster. Parse includes building the expression's function table." % tuple(versions))
        self.p()
        rev = subprocess.run(["git", "-C", here, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        self.p("Inputs: order %.0f KB (920 lines), items 10,000 objects, values 100,000 numbers, small `[1, 2, 3]`. "
               "Sources at commit %s. Load average when the section started: %.2f %.2f %.2f." %
               ((sizes["order"] / 1000, rev.stdout.strip() or "?") + load))
        self.p()
        self.p("| row | input | expression | Swift eval | jsonata-python eval | jsonatapy eval | "
               "jsonata-python / Swift | jsonatapy / Swift | Swift parse | jsonata-python parse | jsonatapy parse | "
               "jsonata-python / Swift | jsonatapy / Swift |")
        self.p("|" + " --- |" * 13)
        slowest_eval, slowest_parse, differ = 1e9, 1e9, []
        for case in cases:
            name = case["name"]
            r = {engine: rows[engine][name] for engine in runs}
            for engine in ("jsonata-python", "jsonatapy"):
                if not same_value(r["Swift"]["result"], r[engine]["result"]):
                    differ.append("%s (%s)" % (name, engine))
            cells = [name, case["input"], "`%s`" % shorten(case["expression"], 40).replace("|", "\\|")]
            for kind in ("evaluate_ns", "parse_ns"):
                swift = r["Swift"][kind]
                cells += [us(r[e][kind]) for e in runs]
                cells += [times(r[e][kind] / swift) for e in ("jsonata-python", "jsonatapy")]
                worst = min(r[e][kind] for e in ("jsonata-python", "jsonatapy")) / swift
                if kind == "evaluate_ns":
                    slowest_eval = min(slowest_eval, worst)
                else:
                    slowest_parse = min(slowest_parse, worst)
            self.p("| " + " | ".join(cells) + " |")
        self.p()
        self.p("Results: %s." % ("every engine returned the same value on every row" if not differ else
                                 "**different results** from Swift on " + ", ".join(differ)) +
               " Where the Swift side's time goes: bench/jsonata/PROFILE.md.")
        self.p()
        self.goal("JSONata evaluation faster than jsonata-python and jsonatapy on every row",
                  "worst " + times(slowest_eval), slowest_eval > 1)
        self.goal("JSONata parse faster than both (parsed once per expression and cached)",
                  "worst " + times(slowest_parse), slowest_parse > 1)

    def summary(self):
        self.p("## Goals (issues 9, 15 and 20)")
        self.p()
        self.p("| goal | measured | met |")
        self.p("| --- | --- | --- |")
        for text, measured, met in self.goals:
            self.p("| %s | %s | %s |" % (text, measured, "yes" if met else "**no**"))
        self.p()
        self.p("Load average at the end: %.2f %.2f %.2f (other work on the machine inflates wall times)." % os.getloadavg())


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sfn", help="the sfn binary (sections 1-5)")
    ap.add_argument("--sfn-static")
    ap.add_argument("--sfn-label", default="sfn", help="the --sfn binary's column name")
    ap.add_argument("--aws", default=shutil.which("aws") or "aws")
    ap.add_argument("--endpoint", help="the moto peer (sections 1-5)")
    ap.add_argument("--history-port", type=int, default=5691)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--pair-runs", type=int, default=20, help="alternating pairs per ratio spread")
    ap.add_argument("--aws-runs", type=int, default=10)
    ap.add_argument("--list-runs", type=int, default=10)
    ap.add_argument("--aws-list-runs", type=int, default=3)
    ap.add_argument("--history-runs", type=int, default=5)
    ap.add_argument("--executions", type=int, default=5000)
    ap.add_argument("--events", type=int, default=25000)
    ap.add_argument("--jmespath")
    ap.add_argument("--jmespath-cases")
    ap.add_argument("--jsonata", help="the JSONata benchmark binary (bench/jsonata/main.swift)")
    ap.add_argument("--jsonata-python", help="a Python with jsonata-python and jsonatapy installed")
    ap.add_argument("--jsonata-batches", type=int, default=11)
    ap.add_argument("--no-hyperfine", action="store_true")
    ap.add_argument("--engine-bench")
    ap.add_argument("--engine-machines", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "engine"))
    ap.add_argument("--engine-items", type=int, default=10000)
    ap.add_argument("--engine-rounds", type=int, default=1000)
    ap.add_argument("--engine-runs", type=int, default=20)
    ap.add_argument("--moto-executions", type=int, default=20)
    ap.add_argument("--moto-limit", type=float, default=600, help="seconds to wait for one moto execution")
    ap.add_argument("--local-server", help="sfn-local-server (section 9)")
    ap.add_argument("--local-moto", help="the moto peer section 9 compares sfn local with")
    ap.add_argument("--local-port", type=int, default=5772)
    ap.add_argument("--local-seconds", type=float, default=5)
    ap.add_argument("--local-runs", type=int, default=200)
    ap.add_argument("--local-moto-runs", type=int, default=20)
    ap.add_argument("--local-startup-executions", type=int, default=10000)
    ap.add_argument("--local-startup-runs", type=int, default=5)
    ap.add_argument("--local-memory-executions", type=int, default=100000)
    ap.add_argument("--only", default="1,2,3,4,5,6,7,8,9")
    ap.add_argument("--out")
    a = ap.parse_args()
    b = Bench(a)
    b.machine()
    only = set(a.only.split(","))
    if only & {"1", "2", "3", "4", "5", "7"} and not (a.sfn and a.endpoint):
        ap.error("sections 1-5 and 7 need --sfn and --endpoint")
    steps = [("1", b.one_call), ("2", b.startup), ("3", b.listing), ("4", b.history), ("5", b.wait), ("6", b.jmespath),
             ("7", b.engine), ("8", b.jsonata), ("9", lambda: local.section(b))]
    for key, step in steps:
        if key in only:
            step()
    b.summary()
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(b.out) + "\n")


if __name__ == "__main__":
    main()
