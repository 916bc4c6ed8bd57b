"""The crash test's client: `start ENDPOINT` starts 50 executions (Waits, retries, a Map) and checks they all run;
`check ENDPOINT` (after the server was killed with SIGKILL and started again) waits for all 50 and checks each ends
as it would have without the crash, with one history whose event ids are 1...n, each once.

The server runs with --wait-scale 0.05: a Wait of 20 s takes 1 s of real time.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from local_client import ROLE, check
from local_client import client as make_client

phase, endpoint = sys.argv[1], sys.argv[2]
client = make_client(endpoint, max_pool_connections=20)
COUNT = 50

MACHINES = {
    # Two Waits around a Pass.
    "waits": {"StartAt": "W1", "States": {
        "W1": {"Type": "Wait", "Seconds": 20, "Next": "Mark"},
        "Mark": {"Type": "Pass", "Result": "marked", "ResultPath": "$.mark", "Next": "W2"},
        "W2": {"Type": "Wait", "Seconds": 20, "End": True}}},
    # A failure retried three times (10, 20, 40 s apart), then caught.
    "retries": {"StartAt": "Try", "States": {
        "Try": {"Type": "Parallel", "Branches": [{"StartAt": "Boom", "States": {
            "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "always"}}}],
            "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "MaxAttempts": 3, "BackoffRate": 2}],
            "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.caught", "Next": "Done"}], "Next": "Done"},
        "Done": {"Type": "Pass", "End": True}}},
    # A Map of waiting iterations, two at a time.
    "map": {"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ItemProcessor": {
            "StartAt": "Nap", "States": {
                "Nap": {"Type": "Wait", "Seconds": 15, "Next": "Double"},
                "Double": {"Type": "Pass", "Parameters": {"v.$": "$.v", "twice.$": "States.MathAdd($.v, $.v)"},
                           "End": True}}}, "End": True}}},
    # A Wait, then a failure nothing catches.
    "fails": {"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 30, "Next": "F"},
        "F": {"Type": "Fail", "Error": "Planned", "Cause": "the end"}}},
}
KINDS = list(MACHINES)


def machine_arn(kind):
    return f"arn:aws:states:us-east-1:123456789012:stateMachine:crash-{kind}"


def plan(i):
    """The i-th execution: its kind, name, input and the outcome it must end with."""
    kind = KINDS[i % len(KINDS)]
    if kind == "waits":
        data = {"i": i}
        return kind, data, ("SUCCEEDED", {"i": i, "mark": "marked"})
    if kind == "retries":
        data = {"i": i}
        return kind, data, ("SUCCEEDED", {"i": i, "caught": {"Error": "Boom", "Cause": "always"}})
    if kind == "map":
        items = [{"v": i * 10 + k} for k in range(5)]
        return kind, {"items": items}, ("SUCCEEDED", [{"v": x["v"], "twice": 2 * x["v"]} for x in items])
    return kind, {"i": i}, ("FAILED", ("Planned", "the end"))


def name(i):
    return f"crash-{i:02d}"


if phase == "start":
    for kind, definition in MACHINES.items():
        client.create_state_machine(name=f"crash-{kind}", definition=json.dumps(definition), roleArn=ROLE)

    def start(i):
        kind, data, _ = plan(i)
        return client.start_execution(stateMachineArn=machine_arn(kind), name=name(i), input=json.dumps(data))

    with ThreadPoolExecutor(10) as pool:
        started = list(pool.map(start, range(COUNT)))
    check(f"{COUNT} executions started", len({s["executionArn"] for s in started}) == COUNT)
    statuses = [client.describe_execution(executionArn=s["executionArn"])["status"] for s in started]
    check("all of them still run", statuses.count("RUNNING") == COUNT, statuses)
    print("started")
    sys.exit(0)

arns = {i: f"arn:aws:states:us-east-1:123456789012:execution:crash-{plan(i)[0]}:{name(i)}" for i in range(COUNT)}


def settle(i):
    deadline = time.time() + 40
    while time.time() < deadline:
        described = client.describe_execution(executionArn=arns[i])
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.1)
    return client.describe_execution(executionArn=arns[i])


with ThreadPoolExecutor(10) as pool:
    results = list(pool.map(settle, range(COUNT)))
for i, described in enumerate(results):
    kind, _, (status, expected) = plan(i)
    if status == "SUCCEEDED":
        check(f"{name(i)} ({kind}) succeeded with its output",
              described["status"] == "SUCCEEDED" and json.loads(described["output"]) == expected, described)
    else:
        check(f"{name(i)} ({kind}) failed as planned", described["status"] == "FAILED"
              and (described.get("error"), described.get("cause")) == expected, described)
    events = [e for p in client.get_paginator("get_execution_history").paginate(executionArn=arns[i])
              for e in p["events"]]
    types = [e["type"] for e in events]
    check(f"{name(i)} history ids are 1...{len(events)} without gaps or repeats",
          [e["id"] for e in events] == list(range(1, len(events) + 1)), [e["id"] for e in events])
    check(f"{name(i)} started once and ended once", types.count("ExecutionStarted") == 1
          and types[-1] == ("ExecutionSucceeded" if status == "SUCCEEDED" else "ExecutionFailed")
          and sum(t.startswith("Execution") for t in types) == 2, types)
    check(f"{name(i)} events link to earlier events", all(0 <= e["previousEventId"] < e["id"] for e in events))
    if kind == "retries":
        check(f"{name(i)} tried four times", types.count("ParallelStateStarted") == 4, types)
    if kind == "map":
        check(f"{name(i)} ran each iteration once", types.count("MapIterationStarted") == 5
              and types.count("MapIterationSucceeded") == 5, types)
print("done")
