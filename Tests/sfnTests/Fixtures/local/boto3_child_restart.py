"""A .sync:2 child across a kill -9 of sfn local (argv[1] the endpoint, argv[2] the phase).

`start`: creates a parent and a child whose Wait outlasts the kill, starts the parent, and returns once the child
runs and the parent has recorded TaskSubmitted. `finish` (on the restarted server): both end as if nothing had
happened, the parent with the child's output. Prints one line per check; exits non-zero on the first failure.
"""
import json
import sys
import time

from local_client import ROLE, check
from local_client import client as make_client

endpoint, phase = sys.argv[1], sys.argv[2]
client = make_client(endpoint)
PREFIX = "arn:aws:states:us-east-1:123456789012:"
PARENT, CHILD = PREFIX + "execution:Parent:p1", PREFIX + "execution:Sleeper:nested"


def types(arn):
    return [e["type"] for e in client.get_execution_history(executionArn=arn, maxResults=1000)["events"]]


if phase == "start":
    role = ROLE
    child = client.create_state_machine(name="Sleeper", roleArn=role, definition=json.dumps({
        "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3000, "Next": "Wake"},
                                     "Wake": {"Type": "Pass", "Result": {"woke": True}, "End": True}}}))
    parent = client.create_state_machine(name="Parent", roleArn=role, definition=json.dumps({
        "StartAt": "Nested", "States": {"Nested": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": child["stateMachineArn"], "Name": "nested"},
            "OutputPath": "$.Output", "End": True}}}))
    client.start_execution(stateMachineArn=parent["stateMachineArn"], name="p1")
    deadline = time.time() + 30
    while time.time() < deadline and "TaskSubmitted" not in types(PARENT):
        time.sleep(0.05)
    check("the parent waits for its child", "TaskSubmitted" in types(PARENT), types(PARENT))
    check("the child runs", client.describe_execution(executionArn=CHILD)["status"] == "RUNNING")
else:
    deadline = time.time() + 120
    while time.time() < deadline and client.describe_execution(executionArn=PARENT)["status"] == "RUNNING":
        time.sleep(0.2)
    described = client.describe_execution(executionArn=PARENT)
    check("the parent ends after the restart with the child's output",
          described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"woke": True}, described)
    check("the child ended once", client.describe_execution(executionArn=CHILD)["status"] == "SUCCEEDED")
    parent_events = client.get_execution_history(executionArn=PARENT)["events"]
    check("one parent history across both servers", [e["id"] for e in parent_events]
          == list(range(1, len(parent_events) + 1)) and types(PARENT).count("TaskSucceeded") == 1, parent_events)
print("done")
