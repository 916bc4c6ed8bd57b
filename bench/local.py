"""Section 9 of bench/bench.py: `sfn local` (sfn-local-server) next to moto, the same Python client driving both.

Every request is the same AWS JSON 1.0 POST with a fixed Authorization header (neither server checks signatures
here); connections are kept open where the server allows it (moto's werkzeug closes each one, and http.client
reconnects). Nothing here asserts anything: it measures and reports.
"""
import http.client, json, os, shutil, signal, statistics, subprocess, tempfile, threading, time, urllib.parse

ROLE = "arn:aws:iam::123456789012:role/bench"
PASS = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'
HEADERS = {"Content-Type": "application/x-amz-json-1.0",
           "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, "
                            "SignedHeaders=host, Signature=0"}


class Client:
    """One connection to a Step Functions endpoint."""

    def __init__(self, endpoint):
        url = urllib.parse.urlparse(endpoint)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)

    def call(self, op, body):
        headers = dict(HEADERS, **{"X-Amz-Target": "AWSStepFunctions." + op})
        self.conn.request("POST", "/", body=json.dumps(body), headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError("%s: HTTP %d %s" % (op, r.status, data[:300]))
        return json.loads(data or b"{}")

    def close(self):
        self.conn.close()


class Server:
    """An sfn-local-server process on a fixed port; ready once it prints its `listening on` line."""

    def __init__(self, exe, port, data=None):
        self.exe, self.port, self.data = exe, port, data
        self.proc = None

    @property
    def endpoint(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, probe=None):
        """Starts it; returns (ms to the `listening` line, ms to the first answer of `probe`, an (op, body) pair)."""
        args = [self.exe, "--port", str(self.port)] + (["--data", self.data] if self.data else ["--in-memory"])
        t0 = time.perf_counter()
        err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, text=True)
        line = self.proc.stdout.readline()
        listening = (time.perf_counter() - t0) * 1000
        if "listening on" not in line:
            self.proc.wait()
            err.seek(0)
            raise RuntimeError("sfn-local-server did not start: %s %s" % (line, err.read()[-400:]))
        # Whatever else it prints must not fill the pipe and stall it.
        threading.Thread(target=lambda out=self.proc.stdout: [None for _ in out], daemon=True).start()
        answered = None
        if probe:
            c = Client(self.endpoint)
            c.call(*probe)
            answered = (time.perf_counter() - t0) * 1000
            c.close()
        return listening, answered

    def rss(self):
        """(VmRSS, VmHWM) in MiB from /proc."""
        fields = {}
        for line in open("/proc/%d/status" % self.proc.pid):
            key, _, value = line.partition(":")
            fields[key] = value
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def machine(client, name, definition=PASS):
    return client.call("CreateStateMachine", {"name": name, "definition": definition, "roleArn": ROLE})["stateMachineArn"]


def round_trips(endpoint, machine_arn, seconds, limit):
    """StartExecution then DescribeExecution of it, one pair after another for `seconds` (at most `limit` pairs):
    pairs per second."""
    c = Client(endpoint)
    n, t0 = 0, time.perf_counter()
    while n < limit and time.perf_counter() - t0 < seconds:
        arn = c.call("StartExecution", {"stateMachineArn": machine_arn, "name": "rt-%d" % n, "input": "{}"})["executionArn"]
        c.call("DescribeExecution", {"executionArn": arn})
        n += 1
    elapsed = time.perf_counter() - t0
    c.close()
    return n / elapsed, n


def start_to_finish(endpoint, machine_arn, text, runs, limit_s):
    """Wall ms from sending StartExecution to the first DescribeExecution that is no longer RUNNING (polled every
    1 ms, so a busy poller does not slow moto's interpreter thread down): the median over `runs`, the last status,
    and the median of the server's own stopDate - startDate."""
    c = Client(endpoint)
    walls, inner, status = [], [], "?"
    for i in range(runs):
        t0 = time.perf_counter()
        arn = c.call("StartExecution", {"stateMachineArn": machine_arn, "name": "f-%d" % i, "input": text})["executionArn"]
        while True:
            d = c.call("DescribeExecution", {"executionArn": arn})
            status = d["status"]
            if status != "RUNNING" or time.perf_counter() - t0 > limit_s:
                break
            time.sleep(0.001)
        walls.append((time.perf_counter() - t0) * 1000)
        if d.get("stopDate"):
            inner.append((d["stopDate"] - d["startDate"]) * 1000)
        if status != "SUCCEEDED":
            break
    c.close()
    return statistics.median(walls), status, (statistics.median(inner) if inner else None), len(walls)


def fill(endpoint, machine_arn, count, clients=8):
    """Starts `count` executions of `machine_arn` from `clients` threads; returns the seconds it took."""
    def work(k):
        c = Client(endpoint)
        for i in range(k, count, clients):
            c.call("StartExecution", {"stateMachineArn": machine_arn, "name": "fill-%06d" % i, "input": "{}"})
        c.close()
    t0 = time.time()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.time() - t0


def wait_all_finished(endpoint, machine_arn, limit_s=600):
    """Waits until ListExecutions shows no RUNNING execution of `machine_arn`."""
    c = Client(endpoint)
    t0 = time.time()
    while time.time() - t0 < limit_s:
        running = c.call("ListExecutions", {"stateMachineArn": machine_arn, "statusFilter": "RUNNING", "maxResults": 1})
        if not running.get("executions"):
            break
        time.sleep(0.2)
    c.close()


def times(x):
    """A speed ratio with about three significant digits."""
    return "%.0fx" % x if x >= 100 else "%.1fx" % x if x >= 10 else "%.2fx" % x


def du_mib(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files) / 2**20


def section(b):
    """Writes section 9 through the Bench `b` (its p(), goal(), args and temporary directory)."""
    a = b.a
    b.p("## 9. `sfn local` and moto")
    b.p()
    b.p("Run %s, load average %.2f %.2f %.2f at the start of this section." %
        ((time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),) + os.getloadavg()))
    b.p()
    if not (a.local_server and a.local_moto):
        b.p("Not measured (no sfn-local-server binary or no moto peer for this section).")
        b.p()
        return
    tmp = tempfile.mkdtemp(prefix="sfn-bench-local-", dir=b.tmp)
    port = a.local_port
    nonce = b.nonce
    pass_choice = open(os.path.join(a.engine_machines, "pass-choice.asl.json")).read()
    text = '{"n": 3}'
    moto = Client(a.local_moto)
    rows = []

    # 1 and 2: the same client against both servers (sfn local keeps its state in SQLite, as by default).
    server = Server(a.local_server, port, os.path.join(tmp, "rt"))
    server.start()
    try:
        c = Client(server.endpoint)
        local_pass, local_10 = machine(c, "rt"), machine(c, "ten", pass_choice)
        c.close()
        local_rt, local_n = round_trips(server.endpoint, local_pass, a.local_seconds, 1000000)
        local_ft, local_status, local_inner, local_runs = start_to_finish(server.endpoint, local_10, text,
                                                                          a.local_runs, 60)
        _, local_hwm = server.rss()
    finally:
        server.stop()
    moto_pass = machine(moto, "rt-" + nonce)
    moto_10 = machine(moto, "ten-" + nonce, pass_choice)
    moto_rt, moto_n = round_trips(a.local_moto, moto_pass, a.local_seconds, 1000000)
    moto_ft, moto_status, moto_inner, moto_runs = start_to_finish(a.local_moto, moto_10, text, a.local_moto_runs, 600)

    b.p("One Python client (http.client, the connection kept open where the server allows it) against each server "
        "on this machine: `sfn-local-server` (%s) with `--data` in a temporary directory, and moto 5.2.5 "
        "(scripts/peer, its ASL interpreter on) at %s." % (os.path.relpath(a.local_server), a.local_moto))
    b.p()
    b.p("| measure | sfn local | moto | sfn local vs moto |")
    b.p("| --- | --- | --- | --- |")
    b.p("| StartExecution + DescribeExecution round trips per second (Pass machine, one after another, %.0f s) | "
        "%.0f/s (%d pairs) | %.1f/s (%d pairs) | %s |" % (a.local_seconds, local_rt, local_n, moto_rt, moto_n,
                                                         times(local_rt / moto_rt)))
    inner = lambda x: "; %.2f ms stopDate - startDate" % x if x is not None else ""
    b.p("| StartExecution to a finished 10-state execution (bench/engine/pass-choice, DescribeExecution polled every "
        "1 ms; median) | %.2f ms (%s, %d runs%s) | %.1f ms (%s, %d runs%s) | %s |" % (
            local_ft, local_status, local_runs, inner(local_inner), moto_ft, moto_status, moto_runs,
            inner(moto_inner), times(moto_ft / local_ft)))
    b.p()
    b.goal("sfn local: StartExecution + DescribeExecution round trips at least 20x moto's",
           times(local_rt / moto_rt), local_rt >= 20 * moto_rt)
    b.goal("sfn local: a 10-state execution finished at least 20x sooner than on moto", times(moto_ft / local_ft),
           moto_ft >= 20 * local_ft and local_status == "SUCCEEDED")

    # 3: start-up with a database of 10,000 executions (and, below, of the 100,000 of the memory row).
    data = os.path.join(tmp, "startup")
    server = Server(a.local_server, port, data)
    server.start()
    c = Client(server.endpoint)
    arn = machine(c, "startup")
    c.close()
    fill_s = fill(server.endpoint, arn, a.local_startup_executions)
    wait_all_finished(server.endpoint, arn)
    server.stop()
    probe = ("DescribeExecution", {"executionArn": arn.replace(":stateMachine:", ":execution:") + ":fill-000000"})
    starts = []
    for _ in range(a.local_startup_runs):
        starts.append(server.start(probe))
        server.stop()
    listening = statistics.median(s[0] for s in starts)
    answered = statistics.median(s[1] for s in starts)
    size = du_mib(data)

    # 4: memory after 100,000 executions (Pass machine, 8 clients, persisted).
    mdata = os.path.join(tmp, "memory")
    server = Server(a.local_server, port, mdata)
    server.start()
    try:
        rss_start = server.rss()[0]
        c = Client(server.endpoint)
        marn = machine(c, "memory")
        c.close()
        mfill_s = fill(server.endpoint, marn, a.local_memory_executions)
        wait_all_finished(server.endpoint, marn)
        rss, hwm = server.rss()
    finally:
        server.stop()
    mprobe = ("DescribeExecution", {"executionArn": marn.replace(":stateMachine:", ":execution:") + ":fill-000000"})
    big_start = server.start(mprobe)
    server.stop()

    b.p("| server | measured |")
    b.p("| --- | --- |")
    b.p("| start-up with %d executions in the database (%.1f MiB on disk): spawn to the `listening` line, median of %d "
        "| %.1f ms |" % (a.local_startup_executions, size, len(starts), listening))
    b.p("| the same, spawn to the first answered DescribeExecution | %.1f ms |" % answered)
    b.p("| start-up with %d executions in the database (%.1f MiB on disk): listening / first answer | %.1f ms / %.1f ms |"
        % (a.local_memory_executions, du_mib(mdata), big_start[0], big_start[1]))
    b.p("| memory (RSS) after %d executions started by 8 clients (%.0f/s) and finished | %.1f MiB (%.1f MiB at start, "
        "peak %.1f MiB) |" % (a.local_memory_executions, a.local_memory_executions / mfill_s, rss, rss_start, hwm))
    b.p("| memory (peak RSS) of the round-trip rows above | %.1f MiB |" % local_hwm)
    b.p()
    b.p("Filling the %d-execution database took %.1f s (%.0f executions a second from 8 clients)." %
        (a.local_startup_executions, fill_s, a.local_startup_executions / fill_s))
    b.p()
    b.goal("sfn local ready in under 100 ms with %d executions in the database" % a.local_startup_executions,
           "%.1f ms (first answer %.1f ms)" % (listening, answered), answered < 100)
    shutil.rmtree(tmp, ignore_errors=True)
