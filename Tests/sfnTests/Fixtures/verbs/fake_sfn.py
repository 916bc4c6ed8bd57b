#!/usr/bin/env python3
"""A scripted Step Functions endpoint for what moto lacks (GetActivityTask, StartSyncExecution, RedriveExecution)
and for histories with fixed timestamps and real pagination. Speaks the AWS JSON 1.0 protocol.

    fake_sfn.py PORT        serves on 127.0.0.1:PORT until killed; prints "ready" when listening

Control (plain HTTP, not signed): POST /_control/task {"input": "..."} queues an activity task;
GET /_control/calls lists the calls received ([{"op":..., "body":...}]); POST /_control/reset clears both.
"""
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "123456789012"
REGION = "us-east-1"
PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}"
T0 = 1764072000.0  # 2025-11-25T12:00:00Z: fixed times for golden output

MACHINES = {
    f"{PREFIX}:stateMachine:fast": {"name": "fast", "type": "EXPRESS"},
    f"{PREFIX}:stateMachine:slow": {"name": "slow", "type": "STANDARD"},
}
ACTIVITY = f"{PREFIX}:activity:work"

lock = threading.Lock()
calls = []
tasks = []
tokens = {}  # token -> state: "open", "done", "expired"
executions = {
    f"{PREFIX}:execution:slow:timed": {"status": "TIMED_OUT", "error": "States.Timeout", "cause": "took too long"},
    f"{PREFIX}:execution:slow:broken": {"status": "FAILED", "error": "Oops", "cause": "bad thing"},
    f"{PREFIX}:execution:slow:hist": {"status": "SUCCEEDED", "output": "{\"done\":true}"},
}
redrive_until = {}


def history():
    """A finished execution's events with fixed timestamps: Pass, a retried Task, Succeed."""
    def ev(i, prev, dt, typ, **details):
        e = {"timestamp": T0 + dt, "type": typ, "id": i, "previousEventId": prev}
        e.update(details)
        return e
    task = {"resourceType": "lambda", "resource": "invoke"}
    return [
        ev(1, 0, 0.0, "ExecutionStarted", executionStartedEventDetails={"input": "{\"n\":1}", "roleArn": "arn:aws:iam::123456789012:role/r"}),
        ev(2, 1, 0.010, "PassStateEntered", stateEnteredEventDetails={"name": "Prepare", "input": "{\"n\":1}"}),
        ev(3, 2, 0.020, "PassStateExited", stateExitedEventDetails={"name": "Prepare", "output": "{\"n\":2}"}),
        ev(4, 3, 0.030, "TaskStateEntered", stateEnteredEventDetails={"name": "CallTheServiceWithALongName", "input": "{\"n\":2}"}),
        ev(5, 4, 0.040, "TaskScheduled", taskScheduledEventDetails=dict(task, region=REGION, parameters="{}")),
        ev(6, 5, 0.050, "TaskStarted", taskStartedEventDetails=task),
        ev(7, 6, 1.250, "TaskFailed", taskFailedEventDetails=dict(task, error="Lambda.ServiceException", cause="The service is briefly unavailable; please retry the request later")),
        ev(8, 7, 3.250, "TaskScheduled", taskScheduledEventDetails=dict(task, region=REGION, parameters="{}")),
        ev(9, 8, 3.260, "TaskStarted", taskStartedEventDetails=task),
        ev(10, 9, 4.500, "TaskSucceeded", taskSucceededEventDetails=dict(task, output="{\"ok\":1}")),
        ev(11, 10, 4.510, "TaskStateExited", stateExitedEventDetails={"name": "CallTheServiceWithALongName", "output": "{\"ok\":1}"}),
        ev(12, 11, 4.520, "SucceedStateEntered", stateEnteredEventDetails={"name": "Done", "input": "{\"ok\":1}"}),
        ev(13, 12, 4.530, "SucceedStateExited", stateExitedEventDetails={"name": "Done", "output": "{\"ok\":1}"}),
        ev(14, 13, 4.540, "ExecutionSucceeded", executionSucceededEventDetails={"output": "{\"done\":true}"}),
    ]


class ServiceError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def describe_execution(body):
    arn = body["executionArn"]
    if arn not in executions:
        raise ServiceError("ExecutionDoesNotExist", f"Execution Does Not Exist: '{arn}'")
    e = dict(executions[arn])
    if arn in redrive_until:
        e = {"status": "RUNNING", "redriveCount": 1} if time.time() < redrive_until[arn] else {"status": "SUCCEEDED", "output": "{\"redriven\":true}", "redriveCount": 1}
    machine = arn.replace(":execution:", ":stateMachine:").rsplit(":", 1)[0]
    out = {"executionArn": arn, "stateMachineArn": machine, "name": arn.rsplit(":", 1)[1], "startDate": T0}
    out.update(e)
    if out["status"] != "RUNNING":
        out["stopDate"] = T0 + 4.54
    return out


def get_history(body):
    events = history()
    if body.get("reverseOrder"):
        events.reverse()
    start = int(body.get("nextToken") or 0)
    size = int(body.get("maxResults") or 100)
    page = events[start:start + size]
    out = {"events": page}
    if start + size < len(events):
        out["nextToken"] = str(start + size)
    return out


def get_activity_task(body):
    if body.get("activityArn") != ACTIVITY:
        raise ServiceError("ActivityDoesNotExist", f"Activity Does Not Exist: '{body.get('activityArn')}'")
    deadline = time.time() + 1.0  # a short long-poll keeps the tests quick
    while time.time() < deadline:
        with lock:
            if tasks:
                task = tasks.pop(0)
                token = "tok-" + uuid.uuid4().hex
                tokens[token] = task.get("expire", "open")
                return {"taskToken": token, "input": task["input"]}
        time.sleep(0.05)
    return {}


def answer(body):
    token = body["taskToken"]
    state = tokens.get(token)
    if state is None:
        raise ServiceError("InvalidToken", "Invalid token")
    if state in ("expired", "done"):
        raise ServiceError("TaskTimedOut", "Task Timed Out")
    return state


def send_task_result(body):
    answer(body)
    tokens[body["taskToken"]] = "done"
    return {}


def heartbeat(body):
    if answer(body) == "open-expiring":
        tokens[body["taskToken"]] = "expired"
    return {}


def start_sync(body):
    arn = body["stateMachineArn"]
    if arn not in MACHINES:
        raise ServiceError("StateMachineDoesNotExist", f"State Machine Does Not Exist: '{arn}'")
    if MACHINES[arn]["type"] != "EXPRESS":
        raise ServiceError("StateMachineTypeNotSupported", "This operation is only supported for EXPRESS state machines")
    data = json.loads(body.get("input") or "{}")
    name = body.get("name") or str(uuid.uuid4())
    out = {"executionArn": arn.replace(":stateMachine:", ":express:") + f":{name}:{uuid.uuid4()}", "stateMachineArn": arn,
           "name": name, "startDate": T0, "stopDate": T0 + 0.25, "input": body.get("input") or "{}",
           "billingDetails": {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100}}
    if isinstance(data, dict) and data.get("fail"):
        out.update(status="FAILED", error="Express.Failure", cause="asked to fail")
    else:
        out.update(status="SUCCEEDED", output=json.dumps({"echo": data}))
    return out


def redrive(body):
    arn = body["executionArn"]
    if arn not in executions:
        raise ServiceError("ExecutionDoesNotExist", f"Execution Does Not Exist: '{arn}'")
    if executions[arn]["status"] == "SUCCEEDED":
        raise ServiceError("ExecutionNotRedrivable", "Execution is not redrivable")
    redrive_until[arn] = time.time() + 1.0
    return {"redriveDate": time.time()}


def describe_machine(body):
    arn = body["stateMachineArn"]
    if arn not in MACHINES:
        raise ServiceError("StateMachineDoesNotExist", f"State Machine Does Not Exist: '{arn}'")
    return dict(MACHINES[arn], stateMachineArn=arn, definition="{\"StartAt\":\"P\"}",
                roleArn="arn:aws:iam::123456789012:role/r", creationDate=T0)


def describe_alias(body):
    raise ServiceError("ResourceNotFound", f"Resource not found: '{body['stateMachineAliasArn']}'")


def describe_map_run(body):
    counts = {"pending": 0, "running": 0, "succeeded": 3, "failed": 0, "timedOut": 0, "aborted": 0, "total": 3,
              "resultsWritten": 3}
    return {"mapRunArn": body["mapRunArn"], "executionArn": f"{PREFIX}:execution:slow:hist", "status": "SUCCEEDED",
            "startDate": T0, "stopDate": T0 + 2, "maxConcurrency": 0, "toleratedFailurePercentage": 0,
            "toleratedFailureCount": 0, "itemCounts": counts, "executionCounts": counts}


OPERATIONS = {
    "DescribeStateMachine": describe_machine,
    "DescribeStateMachineAlias": describe_alias,
    "DescribeMapRun": describe_map_run,
    "ListStateMachines": lambda b: {"stateMachines": [{"stateMachineArn": a, "name": m["name"], "type": m["type"], "creationDate": T0} for a, m in MACHINES.items()]},
    "ListActivities": lambda b: {"activities": [{"activityArn": ACTIVITY, "name": "work", "creationDate": T0}]},
    "DescribeExecution": describe_execution,
    "GetExecutionHistory": get_history,
    "GetActivityTask": get_activity_task,
    "SendTaskSuccess": send_task_result,
    "SendTaskFailure": send_task_result,
    "SendTaskHeartbeat": heartbeat,
    "StartSyncExecution": start_sync,
    "RedriveExecution": redrive,
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload, ctype="application/x-amz-json-1.0", error=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        if error:
            self.send_header("X-Amzn-ErrorType", error)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        if self.path == "/_control/calls":
            with lock:
                self.reply(200, calls, "application/json")
        else:
            self.reply(404, {"message": "not found"}, "application/json")

    def do_POST(self):
        raw = self.read_body()
        if self.path.startswith("/_control/"):
            with lock:
                if self.path == "/_control/task":
                    tasks.append(json.loads(raw))
                elif self.path == "/_control/reset":
                    calls.clear()
                    tasks.clear()
                    tokens.clear()
                    redrive_until.clear()
            self.reply(200, {}, "application/json")
            return
        target = self.headers.get("X-Amz-Target", "")
        op = target.split(".", 1)[-1]
        if not self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256"):
            self.reply(400, {"__type": "MissingAuthenticationTokenException", "message": "unsigned"}, error="MissingAuthenticationTokenException")
            return
        body = json.loads(raw or b"{}")
        with lock:
            calls.append({"op": op, "body": body})
        fn = OPERATIONS.get(op)
        if fn is None:
            self.reply(400, {"__type": "UnknownOperationException", "message": op}, error="UnknownOperationException")
            return
        try:
            self.reply(200, fn(body))
        except ServiceError as e:
            self.reply(e.status, {"__type": e.code, "message": e.message}, error=e.code)


def exit_with_parent():
    """Stops the server when the process that started it (the test run) is gone."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    port = int(sys.argv[1])
    threading.Thread(target=exit_with_parent, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
