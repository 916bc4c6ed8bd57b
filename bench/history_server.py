#!/usr/bin/env python3
"""A tiny AWS JSON 1.0 server with a canned 25,000-event execution history, for bench/run.

Serves GetExecutionHistory in pages of 1000 events with nextToken, and DescribeExecution /
DescribeStateMachineForExecution for the one execution. Like moto it answers `Connection: close`.
Each request is logged as `<unix time> <operation> <page>` to --log, so the benchmark can tell
whether a client printed output before the last page was served. --page-delay slows every page.
"""
import argparse, http.server, json, sys, threading, time

ARN = "arn:aws:states:us-east-1:123456789012:execution:bench:history-25k"
MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:bench"
START = 1764000000.0


def events(count):
    """Started, then Task state cycles (entered, scheduled, started, succeeded, exited), then Succeeded."""
    out = [{"timestamp": START, "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
            "executionStartedEventDetails": {"input": json.dumps({"order": 1, "items": list(range(10))}),
                                             "inputDetails": {"truncated": False},
                                             "roleArn": "arn:aws:iam::123456789012:role/bench"}}]
    i = 1
    while len(out) < count - 1:
        n = len(out)
        step = (n - 1) % 5
        i += 1
        ts = START + n * 0.01
        name = "Step%d" % ((n - 1) // 5 % 1000)
        e = {"timestamp": ts, "id": n + 1, "previousEventId": n}
        if step == 0:
            e.update(type="TaskStateEntered", stateEnteredEventDetails={
                "name": name, "input": json.dumps({"n": n, "payload": "x" * 64}), "inputDetails": {"truncated": False}})
        elif step == 1:
            e.update(type="TaskScheduled", taskScheduledEventDetails={
                "resourceType": "lambda", "resource": "invoke", "region": "us-east-1",
                "parameters": json.dumps({"FunctionName": "bench", "Payload": {"n": n}})})
        elif step == 2:
            e.update(type="TaskStarted", taskStartedEventDetails={"resourceType": "lambda", "resource": "invoke"})
        elif step == 3:
            e.update(type="TaskSucceeded", taskSucceededEventDetails={
                "resourceType": "lambda", "resource": "invoke",
                "output": json.dumps({"StatusCode": 200, "Payload": {"n": n, "ok": True}}),
                "outputDetails": {"truncated": False}})
        else:
            e.update(type="TaskStateExited", stateExitedEventDetails={
                "name": name, "output": json.dumps({"n": n, "ok": True}), "outputDetails": {"truncated": False}})
        out.append(e)
    n = len(out)
    out.append({"timestamp": START + n * 0.01, "type": "ExecutionSucceeded", "id": n + 1, "previousEventId": n,
                "executionSucceededEventDetails": {"output": json.dumps({"ok": True}),
                                                   "outputDetails": {"truncated": False}}})
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--events", type=int, default=25000)
    p.add_argument("--page-size", type=int, default=1000)
    p.add_argument("--page-delay", type=float, default=0.0)
    p.add_argument("--log", default=None)
    a = p.parse_args()

    all_events = events(a.events)
    pages = []
    for k in range(0, len(all_events), a.page_size):
        body = {"events": all_events[k:k + a.page_size]}
        if k + a.page_size < len(all_events):
            body["nextToken"] = "page-%d" % (len(pages) + 1)
        pages.append(json.dumps(body, separators=(",", ":")).encode())
    last = all_events[-1]["timestamp"]
    describe = json.dumps({"executionArn": ARN, "stateMachineArn": MACHINE, "name": "history-25k",
                           "status": "SUCCEEDED", "startDate": START, "stopDate": last,
                           "input": "{}", "inputDetails": {"included": True},
                           "output": "{\"ok\":true}", "outputDetails": {"included": True}}).encode()
    machine = json.dumps({"stateMachineArn": MACHINE, "name": "bench", "status": "ACTIVE",
                          "definition": "{}", "roleArn": "arn:aws:iam::123456789012:role/bench",
                          "type": "STANDARD", "creationDate": START, "updateDate": START}).encode()
    lock = threading.Lock()
    log = open(a.log, "a", buffering=1) if a.log else None

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def reply(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.0")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-amzn-RequestId", "bench")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            op = self.headers.get("X-Amz-Target", "").split(".")[-1]
            req = json.loads(raw or b"{}")
            page = None
            if op == "GetExecutionHistory":
                token = req.get("nextToken")
                page = int(token.split("-")[1]) if token else 0
                if a.page_delay:
                    time.sleep(a.page_delay)
                body = pages[page] if 0 <= page < len(pages) else None
                if body is None:
                    self.reply(400, b'{"__type":"InvalidToken","message":"bad token"}')
                    return
            elif op == "DescribeExecution":
                body = describe
            elif op == "DescribeStateMachineForExecution" or op == "DescribeStateMachine":
                body = machine
            else:
                self.reply(400, json.dumps({"__type": "UnknownOperationException", "message": op}).encode())
                return
            if log:
                with lock:
                    log.write("%.6f %s %s %d\n" % (time.time(), op, page if page is not None else "-", len(pages)))
            self.reply(200, body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
