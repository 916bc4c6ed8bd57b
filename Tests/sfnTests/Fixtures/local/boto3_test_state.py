"""Drives TestState on sfn local with boto3 (argv[1] is the endpoint).

Prints one line per check and exits non-zero on the first failure, so the Swift test shows what broke. The
expected answers follow AWS's documentation of TestState and responses AWS gave (status, nextState, inspectionData
members as JSON text, the ValidationException and InvalidDefinition messages).
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
client = boto3.client(
    "stepfunctions", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
    aws_secret_access_key="local-secret", config=Config(retries={"max_attempts": 1}))
ROLE = "arn:aws:iam::123456789012:role/test"


def check(label, condition, detail=None):
    print(("ok   " if condition else "FAIL ") + label + ("" if condition else f": {detail}"))
    if not condition:
        sys.exit(1)


def error(**kwargs):
    try:
        client.test_state(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("test_state did not fail")


def state(**fields):
    return json.dumps(fields)


# A Pass state's data flow at DEBUG: every step is JSON text.
r = client.test_state(
    definition=state(Type="Pass", InputPath="$.order", Parameters={"id.$": "$.id", "fixed": 1},
                     ResultPath="$.copy", OutputPath="$.copy", Next="Ship"),
    input=json.dumps({"order": {"id": "A-1", "lines": 3}}), inspectionLevel="DEBUG")
data = r["inspectionData"]
check("pass: status and next state", r["status"] == "SUCCEEDED" and r["nextState"] == "Ship", r)
check("pass: output", json.loads(r["output"]) == {"id": "A-1", "fixed": 1}, r)
check("pass: input", json.loads(data["input"]) == {"order": {"id": "A-1", "lines": 3}}, data)
check("pass: afterInputPath", json.loads(data["afterInputPath"]) == {"id": "A-1", "lines": 3}, data)
check("pass: afterParameters", json.loads(data["afterParameters"]) == {"id": "A-1", "fixed": 1}, data)
# ResultPath places the result into the raw input, not the InputPath selection.
check("pass: afterResultPath", json.loads(data["afterResultPath"]) == {
    "order": {"id": "A-1", "lines": 3}, "copy": {"id": "A-1", "fixed": 1}}, data)

# INFO leaves inspectionData out.
r = client.test_state(definition=state(Type="Pass", End=True), input="{\"a\":1}")
check("info: no inspection data", "inspectionData" not in r and r["status"] == "SUCCEEDED" and "nextState" not in r, r)

# A mocked Task: result, ResultSelector and ResultPath.
task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "price", "Payload.$": "$"},
        "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.price", "Next": "Done",
        "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2, "IntervalSeconds": 3,
                   "BackoffRate": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Apologise"}]}
r = client.test_state(definition=json.dumps(task), input="{\"sku\":\"ink\"}", inspectionLevel="DEBUG",
                      mock={"result": json.dumps({"Payload": {"total": 12}, "StatusCode": 200})})
data = r["inspectionData"]
check("task: succeeded to Done", r["status"] == "SUCCEEDED" and r["nextState"] == "Done", r)
check("task: output", json.loads(r["output"]) == {"sku": "ink", "price": {"total": 12}}, r)
check("task: afterParameters",
      json.loads(data["afterParameters"]) == {"FunctionName": "price", "Payload": {"sku": "ink"}}, data)
check("task: result", json.loads(data["result"]) == {"Payload": {"total": 12}, "StatusCode": 200}, data)
check("task: afterResultSelector", json.loads(data["afterResultSelector"]) == {"total": 12}, data)

# A mocked error a retrier takes: RETRIABLE with the retrier and its backoff; the retries used up, the catcher.
throttled = {"errorOutput": {"error": "Lambda.TooManyRequestsException", "cause": "slow down"}}
r = client.test_state(definition=json.dumps(task), input="{}", inspectionLevel="DEBUG", mock=throttled)
check("retry: retriable", r["status"] == "RETRIABLE" and r["error"] == "Lambda.TooManyRequestsException"
      and "nextState" not in r, r)
check("retry: error details", r["inspectionData"]["errorDetails"] == {"retryIndex": 0,
                                                                      "retryBackoffIntervalSeconds": 3}, r)
r = client.test_state(definition=json.dumps(task), input="{}", inspectionLevel="DEBUG", mock=throttled,
                      stateConfiguration={"retrierRetryCount": 1})
check("retry: second backoff doubles", r["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"] == 6, r)
r = client.test_state(definition=json.dumps(task), input="{\"sku\":\"ink\"}", inspectionLevel="DEBUG",
                      mock=throttled, stateConfiguration={"retrierRetryCount": 2})
check("retry: exhausted, caught", r["status"] == "CAUGHT_ERROR" and r["nextState"] == "Apologise"
      and r["error"] == "Lambda.TooManyRequestsException" and r["cause"] == "slow down", r)
check("catch: output keeps the input", json.loads(r["output"]) == {
    "sku": "ink", "failure": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}}, r)
# The retrier that took the error is named although its attempts are used up (AWS names it on FAILED too).
check("catch: catch and retry index", r["inspectionData"]["errorDetails"] == {"catchIndex": 0, "retryIndex": 0}, r)

# An uncaught failure: FAILED, no next state.
r = client.test_state(definition=state(Type="Task", Resource="arn:aws:states:::sqs:sendMessage", End=True),
                      input="{}", mock={"errorOutput": {"error": "SQS.QueueDoesNotExist", "cause": "no queue"}})
check("failed task", r["status"] == "FAILED" and r["error"] == "SQS.QueueDoesNotExist"
      and r["cause"] == "no queue" and "output" not in r, r)
retried = {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
           "Arguments": {"FunctionName": "foo"}, "End": True,
           "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5, "IntervalSeconds": 1, "BackoffRate": 2}]}
mock_error = {"errorOutput": {"error": "MockException", "cause": "mocked"}}
r = client.test_state(definition=json.dumps(retried), input="{}", inspectionLevel="DEBUG", mock=mock_error,
                      stateConfiguration={"retrierRetryCount": 4})
check("retry: fifth retry backs off 16 s", r["status"] == "RETRIABLE"
      and r["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 16}, r)
r = client.test_state(definition=json.dumps(retried), input="{}", inspectionLevel="DEBUG", mock=mock_error,
                      stateConfiguration={"retrierRetryCount": 5})
check("retry: used up, failed naming the retrier", r["status"] == "FAILED" and r["error"] == "MockException"
      and r["inspectionData"]["errorDetails"] == {"retryIndex": 0}
      and json.loads(r["inspectionData"]["afterArguments"]) == {"FunctionName": "foo"}, r)

# stateName within a whole machine, a Fail state, a Choice.
machine = json.dumps({"StartAt": "Check", "States": {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
              "Default": "Small"},
    "Big": {"Type": "Fail", "Error": "TooBig", "Cause": "n is over 10"},
    "Small": {"Type": "Succeed"}}})
r = client.test_state(definition=machine, stateName="Check", input="{\"n\":11}")
check("choice: next state", r["status"] == "SUCCEEDED" and r["nextState"] == "Big", r)
r = client.test_state(definition=machine, stateName="Big", input="{\"n\":11}", inspectionLevel="DEBUG")
check("fail state", r["status"] == "FAILED" and r["error"] == "TooBig" and r["cause"] == "n is over 10"
      and json.loads(r["inspectionData"]["input"]) == {"n": 11}, r)
r = client.test_state(definition=machine, stateName="Small", input="{\"n\":1}")
check("succeed state ends", r["status"] == "SUCCEEDED" and "nextState" not in r, r)

# JSONata with variables in and out, and a mocked context.
r = client.test_state(
    definition=state(Type="Task", QueryLanguage="JSONata", Resource="arn:aws:states:::lambda:invoke",
                     Arguments={"Payload": "{% $states.input.x + $base %}"},
                     Assign={"seen": "{% $states.result.Payload %}", "who": "{% $states.context.Execution.Name %}"},
                     Output="{% $states.result.Payload * 2 %}", End=True),
    input="{\"x\":2}", variables="{\"base\":40}", inspectionLevel="DEBUG",
    mock={"result": "{\"Payload\":42}"}, context=json.dumps({"Execution": {"Name": "nightly-7"}}))
data = r["inspectionData"]
check("jsonata: output", json.loads(r["output"]) == 84, r)
check("jsonata: afterArguments", json.loads(data["afterArguments"]) == {"Payload": 42}, data)
check("jsonata: variables", json.loads(data["variables"]) == {"base": 40, "seen": 42, "who": "nightly-7"}, data)

# A Map mocked as a whole, with a failure count over its tolerance caught.
map_state = {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCount": 1,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                               "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "TooMany"}], "Next": "Done"}
r = client.test_state(definition=json.dumps(map_state), input="{\"items\":[1,2,3]}", inspectionLevel="DEBUG",
                      mock={"result": "[1,2,3]"})
check("map: mocked result", r["status"] == "SUCCEEDED" and json.loads(r["output"]) == [1, 2, 3]
      and r["inspectionData"]["toleratedFailureCount"] == 1 and r["inspectionData"]["maxConcurrency"] == 0, r)
r = client.test_state(definition=json.dumps(map_state), input="{\"items\":[1,2,3]}", mock={"result": "[1,2,3]"},
                      stateConfiguration={"mapIterationFailureCount": 2})
check("map: over the tolerance", r["status"] == "CAUGHT_ERROR" and r["nextState"] == "TooMany"
      and r["error"] == "States.ExceedToleratedFailureThreshold", r)

# A Distributed Map's ItemReader reads stateConfiguration.mapItemReaderData instead of S3.
reader_map = {"Type": "Map", "End": True,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                             "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}},
              "ItemSelector": {"n.$": "$$.Map.Item.Value"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "Square", "States": {"Square": {"Type": "Pass", "End": True}}}}
r = client.test_state(definition=json.dumps(reader_map), input=json.dumps({"Bucket": "b", "Key": "k"}),
                      inspectionLevel="DEBUG", mock={"result": "[1,4,9]"},
                      stateConfiguration={"mapItemReaderData": "[1,2,3]"})
check("map: item reader data", r["status"] == "SUCCEEDED" and json.loads(r["output"]) == [1, 4, 9], r)
r = client.test_state(definition=json.dumps(reader_map), input=json.dumps({"Bucket": "b", "Key": "k"}),
                      mock={"result": "[1]"})
check("map: no item reader data", r["status"] == "FAILED" and r["error"] == "States.ItemReaderFailed"
      and "mapItemReaderData" in r["cause"], r)
r = client.test_state(definition=json.dumps(reader_map), input=json.dumps({"Bucket": "b", "Key": "k"}),
                      mock={"errorOutput": {"error": "Square.Failed", "cause": "odd"}},
                      stateConfiguration={"errorCausedByState": "Square", "mapItemReaderData": "[1]"})
check("map: error caused by an inner state", r["status"] == "FAILED" and r["error"] == "Square.Failed", r)
check("map: errorCausedByState outside the map", error(
    definition=json.dumps(reader_map), mock={"errorOutput": {"error": "E"}},
    stateConfiguration={"errorCausedByState": "Elsewhere"})[0] == "ValidationException")

# An unmocked Task: sfn local cannot call the service, and says so as the state's failure.
r = client.test_state(definition=state(Type="Task", Resource="arn:aws:states:::sns:publish", End=True),
                      input="{}", roleArn=ROLE)
check("unmocked task", r["status"] == "FAILED" and r["error"] == "States.TaskFailed"
      and "sfn local cannot call AWS services" in r["cause"], r)

# Requests AWS refuses, with AWS's codes and messages.
for kind in ["Pass", "Fail", "Succeed"]:
    fields = {"Type": kind, "End": True} if kind == "Pass" else {"Type": kind}
    check(f"mock on {kind}", error(definition=json.dumps(fields), mock={"result": "{}"}) == (
        "ValidationException", f"State type '{kind}' is not supported when a mock is specified"))
check("map without a mock", error(definition=json.dumps(map_state), input="{}") == (
    "InvalidDefinition", "TestState API does not support Map or Parallel states. Supported state types include: "
    "[Task, Wait, Pass, Succeed, Fail, Choice]"))
check("result and errorOutput", error(definition=json.dumps(task), mock={
    "result": "{}", "errorOutput": {"error": "E"}}) == (
    "ValidationException", "A test mock should have only one of the following fields: [result, errorOutput]."))
check("map result not an array", error(definition=json.dumps(map_state), mock={"result": "{}"}) == (
    "ValidationException", "Mocked result must be an array."))
check("reveal secrets with a mock", error(definition=json.dumps(task), mock={"result": "{}"}, revealSecrets=True) == (
    "ValidationException", "TestState does not support RevealSecrets when a mock is specified."))
parallel = {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}}]}
check("parallel result of the wrong size", error(definition=json.dumps(parallel), mock={"result": "[1]"}) == (
    "ValidationException", "Mocked result must contain the same number of items as number of Parallel branches."))
r = client.test_state(definition=json.dumps(parallel), input="{}", mock={"result": "[1,2]"})
check("parallel mocked as a whole", r["status"] == "SUCCEEDED" and json.loads(r["output"]) == [1, 2], r)
activity = {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve", "End": True}
check("activity without a mock", error(definition=json.dumps(activity), roleArn=ROLE)[0] == "InvalidDefinition")
r = client.test_state(definition=json.dumps(activity), input="{}", mock={"result": "{\"ok\":true}"})
check("activity with a mock", r["status"] == "SUCCEEDED" and json.loads(r["output"]) == {"ok": True}, r)
r = client.test_state(definition=state(Type="Wait", Seconds=3600, Next="Later"), input="{\"a\":1}")
check("wait does not wait", r["status"] == "SUCCEEDED" and r["nextState"] == "Later"
      and json.loads(r["output"]) == {"a": 1}, r)
check("unknown state name", error(definition=machine, stateName="Nope") == (
    "ValidationException", "State not found in definition"))
code, message = error(definition=state(Type="Pass", Next=3))
check("invalid definition", code == "InvalidDefinition" and message.startswith("Invalid State Machine Definition"),
      (code, message))
print("done")
