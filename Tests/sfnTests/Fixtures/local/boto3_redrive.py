"""Drives RedriveExecution, heartbeats and activity workers of sfn local with boto3 (argv[1] is the endpoint).

The server runs with --wait-scale 0.1: a HeartbeatSeconds of 20 lapses after 2 s of real time.
"""
import json
import sys
import time

from local_client import ROLE, check
from local_client import client as make_client
from local_client import error_code as error

endpoint = sys.argv[1]
client = make_client(endpoint)


def error_code(call, **kwargs):
    return error(call, **kwargs)[:2]


def history(arn):
    return [e for p in client.get_paginator("get_execution_history").paginate(executionArn=arn) for e in p["events"]]


def wait_for(arn, predicate, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        events = history(arn)
        found = predicate(events)
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting on {arn}: {[e['type'] for e in history(arn)]}")


def token_after(arn, event_id):
    """The task token of the first TaskScheduled event after event `event_id`."""
    def find(events):
        for e in events:
            if e["type"] == "TaskScheduled" and e["id"] > event_id:
                return e["id"], json.loads(e["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
        return None
    return wait_for(arn, find)


def final(arn, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        described = client.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError(f"{arn} still running")


def gapless(events):
    return [e["id"] for e in events] == list(range(1, len(events) + 1))


ask = json.dumps({"StartAt": "P", "States": {
    "P": {"Type": "Pass", "Result": "x", "ResultPath": "$.p", "Next": "Ask"},
    "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "n.$": "$.n"}},
            "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": True}}})
machine = client.create_state_machine(name="redrive", definition=ask, roleArn=ROLE)["stateMachineArn"]

# A callback task fails twice (its one retry used up): the execution fails.
arn = client.start_execution(stateMachineArn=machine, name="flaky", input='{"n":7}')["executionArn"]
last, token = token_after(arn, 0)
client.send_task_failure(taskToken=token, error="Flaky", cause="first")
last, token = token_after(arn, last)
client.send_task_failure(taskToken=token, error="Flaky", cause="second")
failed = final(arn)
check("the execution failed", failed["status"] == "FAILED" and failed["error"] == "Flaky", failed)
check("a failed execution is REDRIVABLE", failed["redriveStatus"] == "REDRIVABLE" and failed["redriveCount"] == 0
      and "redriveStatusReason" not in failed, failed)

redriven = client.redrive_execution(executionArn=arn, clientToken="token-1")
again = client.redrive_execution(executionArn=arn, clientToken="token-1")
check("the same client token answers the same redrive", again["redriveDate"] == redriven["redriveDate"])
running = client.describe_execution(executionArn=arn)
check("a redriven execution runs again with its count and date",
      running["status"] == "RUNNING" and running["redriveCount"] == 1
      and running["redriveDate"] == redriven["redriveDate"] and "stopDate" not in running
      and running["redriveStatus"] == "NOT_REDRIVABLE"
      and running["redriveStatusReason"] == "Execution is RUNNING and cannot be redriven", running)
code = error_code(client.redrive_execution, executionArn=arn, clientToken="token-2")
check("a running execution is not redrivable",
      code == ("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven"), code)

# The Task state is scheduled again with its input, and its retrier has its attempt again.
events = history(arn)
marker = next(e for e in events if e["type"] == "ExecutionRedriven")
check("ExecutionRedriven counts the redrive", marker["executionRedrivenEventDetails"] == {"redriveCount": 1}, marker)
last, token = token_after(arn, marker["id"])
client.send_task_failure(taskToken=token, error="Flaky", cause="third")
last, token = token_after(arn, last)
client.send_task_success(taskToken=token, output='{"done":true}')
done = final(arn)
code = error_code(client.send_task_success, taskToken=token, output='{"again":true}')
check("a task answered twice is TaskTimedOut, as on AWS",
      code == ("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"), code)
check("the redriven execution succeeded", done["status"] == "SUCCEEDED" and done["output"] == '{"done":true}', done)
check("a succeeded execution is NOT_REDRIVABLE", done["redriveStatus"] == "NOT_REDRIVABLE"
      and done["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven", done)
events = history(arn)
types = [e["type"] for e in events]
check("one history without gaps", gapless(events), types)
check("the Pass state ran once and the Task state was entered again",
      types.count("PassStateEntered") == 1 and types.count("TaskStateEntered") == 2, types)
check("ExecutionRedriven follows ExecutionFailed", types[types.index("ExecutionRedriven") - 1] == "ExecutionFailed")
entered = [e for e in events if e["type"] == "TaskStateEntered"]
check("the state's input is the one it had", entered[0]["stateEnteredEventDetails"]["input"]
      == entered[1]["stateEnteredEventDetails"]["input"] == '{"n":7,"p":"x"}', entered)
code = error_code(client.redrive_execution, executionArn=arn)
check("a succeeded execution cannot be redriven",
      code == ("ExecutionNotRedrivable", "Execution is SUCCEEDED and cannot be redriven"), code)

# An aborted execution continues from the state it was stopped in.
stopped = client.start_execution(stateMachineArn=machine, name="stopped", input='{"n":1}')["executionArn"]
token_after(stopped, 0)
client.stop_execution(executionArn=stopped, error="Halt")
check("a stopped execution is REDRIVABLE", client.describe_execution(executionArn=stopped)["redriveStatus"]
      == "REDRIVABLE")
client.redrive_execution(executionArn=stopped)
aborted_at = next(e["id"] for e in history(stopped) if e["type"] == "ExecutionAborted")
_, token = token_after(stopped, aborted_at)
client.send_task_success(taskToken=token, output='{"resumed":true}')
check("the aborted execution succeeded after its redrive", final(stopped)["status"] == "SUCCEEDED")
check("its history has no gaps", gapless(history(stopped)))

untouched = client.start_execution(stateMachineArn=machine, name="untouched", input='{"n":2}')["executionArn"]
token_after(untouched, 0)
client.stop_execution(executionArn=untouched)
listed = client.list_executions(stateMachineArn=machine, redriveFilter="REDRIVEN")["executions"]
check("redriveFilter REDRIVEN", sorted(e["name"] for e in listed) == ["flaky", "stopped"]
      and all(e["redriveCount"] == 1 and "redriveDate" in e for e in listed), listed)
listed = client.list_executions(stateMachineArn=machine, redriveFilter="NOT_REDRIVEN")["executions"]
check("redriveFilter NOT_REDRIVEN", [e["name"] for e in listed] == ["untouched"]
      and "redriveCount" not in listed[0], listed)
code = error_code(client.redrive_execution, executionArn=machine.replace("stateMachine", "execution") + ":nope")
check("ExecutionDoesNotExist", code[0] == "ExecutionDoesNotExist", code)
code = error_code(client.list_executions, stateMachineArn=machine, redriveFilter="SOMETIMES")
check("an unknown redriveFilter is a ValidationException", code[0] == "ValidationException", code)

# Activities: a worker's name in ActivityStarted; heartbeats keep a task alive, a missed one times it out.
activity = client.create_activity(name="beat")["activityArn"]
work = json.dumps({"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": activity,
                                                           "HeartbeatSeconds": 20, "End": True}}})
worker_machine = client.create_state_machine(name="worker", definition=work, roleArn=ROLE)["stateMachineArn"]
kept = client.start_execution(stateMachineArn=worker_machine, name="kept", input='{"job":1}')["executionArn"]
task = client.get_activity_task(activityArn=activity, workerName="boto-worker")
check("the worker gets the task", task["input"] == '{"job":1}', task)
for _ in range(8):
    time.sleep(0.5)
    client.send_task_heartbeat(taskToken=task["taskToken"])
check("4 s of heartbeats every 0.5 s keep a 2 s heartbeat alive",
      client.describe_execution(executionArn=kept)["status"] == "RUNNING")
client.send_task_success(taskToken=task["taskToken"], output='{"ok":1}')
check("the activity succeeded", final(kept)["status"] == "SUCCEEDED")
events = history(kept)
types = [e["type"] for e in events]
check("ActivityStarted between scheduled and succeeded",
      types[types.index("ActivityScheduled") + 1] == "ActivityStarted"
      and types[types.index("ActivityStarted") + 1] == "ActivitySucceeded", types)
started = next(e for e in events if e["type"] == "ActivityStarted")
check("ActivityStarted names the worker", started["activityStartedEventDetails"] == {"workerName": "boto-worker"},
      started)

lapsed = client.start_execution(stateMachineArn=worker_machine, name="lapsed")["executionArn"]
task = client.get_activity_task(activityArn=activity, workerName="sleepy")
began = time.time()
result = final(lapsed)
elapsed = time.time() - began
check("without heartbeats the task times out", result["status"] == "FAILED"
      and result["error"] == "States.HeartbeatTimeout", result)
check("after about the heartbeat time", 1.0 < elapsed < 10, elapsed)
check("ActivityTimedOut is recorded", "ActivityTimedOut" in [e["type"] for e in history(lapsed)])
code = error_code(client.send_task_heartbeat, taskToken=task["taskToken"])
check("a heartbeat for a timed-out task is TaskTimedOut", code[0] == "TaskTimedOut", code)

callback = json.dumps({"StartAt": "Ask", "States": {"Ask": {
    "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 20,
    "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": True}}})
callback_machine = client.create_state_machine(name="callback-beat", definition=callback, roleArn=ROLE)
waiting = client.start_execution(stateMachineArn=callback_machine["stateMachineArn"], name="cb")["executionArn"]
_, token = token_after(waiting, 0)
for _ in range(6):
    time.sleep(0.5)
    client.send_task_heartbeat(taskToken=token)
check("heartbeats keep a callback task alive", client.describe_execution(executionArn=waiting)["status"] == "RUNNING")
result = final(waiting)
check("a missed callback heartbeat fails with States.HeartbeatTimeout",
      result["status"] == "FAILED" and result["error"] == "States.HeartbeatTimeout", result)
check("TaskTimedOut is recorded", "TaskTimedOut" in [e["type"] for e in history(waiting)])
print("done")
