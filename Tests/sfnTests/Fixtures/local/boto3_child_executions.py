"""Drives sfn local's child executions with boto3 (argv[1] is the endpoint; the server runs with --wait-scale 0.01).

A parent starts a fire-and-forget child and a .sync:2 child; both are executions of their own machine. Then: an
unknown machine, a failing child, and a stopped parent whose .sync child is stopped with it. Prints one line per
check and exits non-zero on the first failure.
"""
import json
import sys
import time

from local_client import ROLE, check
from local_client import client as make_client

endpoint = sys.argv[1]
client = make_client(endpoint)
PREFIX = "arn:aws:states:us-east-1:123456789012:"


def machine(name, definition):
    return client.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]


def finished(arn, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        described = client.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.1)
    raise AssertionError(f"{arn} still running")


def start_task(resource, parameters, **extra):
    return dict({"Type": "Task", "Resource": "arn:aws:states:::states:" + resource, "Parameters": parameters}, **extra)


# A child that doubles n after a 100 s Wait (1 s at --wait-scale 0.01).
child = machine("Doubler", {"StartAt": "Double", "States": {
    "Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"}, "Next": "Nap"},
    "Nap": {"Type": "Wait", "Seconds": 100, "End": True}}})
association = {"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}
parent = machine("Parent", {"StartAt": "Fire", "States": {
    "Fire": start_task("startExecution", {"StateMachineArn": child, "Name": "fire-and-forget",
                                          "Input": dict({"n": 1}, **association)}, ResultPath="$.fired", Next="Wait"),
    "Wait": start_task("startExecution.sync:2", {"StateMachineArn": child, "Input": dict({"n.$": "$.n"}, **association)},
                       ResultSelector={"doubled.$": "$.Output.n", "status.$": "$.Status", "arn.$": "$.ExecutionArn"},
                       End=True)}})

run = client.start_execution(stateMachineArn=parent, name="p1", input=json.dumps({"n": 21}))["executionArn"]
described = finished(run)
check("parent succeeds", described["status"] == "SUCCEEDED", described)
output = json.loads(described["output"])
check(".sync:2 gives the child's output as JSON", output["doubled"] == 42 and output["status"] == "SUCCEEDED", output)
events = client.get_execution_history(executionArn=run)["events"]
types = [e["type"] for e in events]
check("parent history has the AWS task events", types == [
    "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
    "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited",
    "ExecutionSucceeded"], types)
submitted = json.loads(events[9]["taskSubmittedEventDetails"]["output"])
check("TaskSubmitted holds StartExecution's answer", submitted["ExecutionArn"] == output["arn"], submitted)

children = client.list_executions(stateMachineArn=child)["executions"]
check("both children are executions of the child machine", len(children) == 2, children)
fired = PREFIX + "execution:Doubler:fire-and-forget"
check("the named child keeps its name", fired in [c["executionArn"] for c in children], children)
forgotten = finished(fired)
check("the fire-and-forget child runs on to its end", forgotten["status"] == "SUCCEEDED", forgotten)
check("DescribeExecution names the child's machine", forgotten["stateMachineArn"] == child, forgotten)
child_input = json.loads(forgotten["input"])
check("the child's input keeps the parent's execution id (AWS's association field)",
      child_input.get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID") == run, child_input)
child_events = client.get_execution_history(executionArn=output["arn"])["events"]
check("the .sync:2 child's history is its own", child_events[-1]["type"] == "ExecutionSucceeded", child_events)

# An unknown machine fails the task as the integration reports StartExecution's error.
lost = machine("Lost", {"StartAt": "Go", "States": {
    "Go": start_task("startExecution.sync", {"StateMachineArn": PREFIX + "stateMachine:Nowhere"}, End=True)}})
described = finished(client.start_execution(stateMachineArn=lost)["executionArn"])
check("unknown machine: StateMachineDoesNotExist as the task error",
      described.get("error") == "StepFunctions.StateMachineDoesNotExistException"
      and described.get("cause", "").startswith("State Machine Does Not Exist"), described)

# A failing child fails its .sync parent with States.TaskFailed whose cause describes the child.
broken = machine("Broken", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Child.Broke", "Cause": "why"}}})
caller = machine("Caller", {"StartAt": "Go", "States": {
    "Go": start_task("startExecution.sync", {"StateMachineArn": broken}, End=True)}})
described = finished(client.start_execution(stateMachineArn=caller)["executionArn"])
cause = json.loads(described.get("cause", "{}"))
check("failed child: States.TaskFailed with the child's description",
      described.get("error") == "States.TaskFailed" and cause.get("Status") == "FAILED"
      and cause.get("Error") == "Child.Broke", described)

# Stopping a parent stops the .sync child it waits for.
sleeper = machine("Sleeper", {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 100000, "End": True}}})
waiter = machine("Waiter", {"StartAt": "Go", "States": {
    "Go": start_task("startExecution.sync", {"StateMachineArn": sleeper, "Name": "long"}, End=True)}})
stopped = client.start_execution(stateMachineArn=waiter)["executionArn"]
deadline = time.time() + 30
while time.time() < deadline and not client.list_executions(stateMachineArn=sleeper)["executions"]:
    time.sleep(0.05)
client.stop_execution(executionArn=stopped, error="Test.Stop")
long_arn = PREFIX + "execution:Sleeper:long"
check("a stopped parent stops its .sync child", finished(long_arn, timeout=30)["status"] == "ABORTED")
print("done")
