"""Sets up Express state machines and their CloudWatch Logs events in moto, for ExpressLogsPeerTests.

  express_logs.py machine NAME LEVEL INCLUDE_DATA GROUP [TYPE]
                                                          create GROUP (unless "-") and a TYPE (default EXPRESS)
                                                          machine logging to it at LEVEL (OFF, ERROR, FATAL, ALL);
                                                          prints its ARN
  express_logs.py put GROUP STREAM                        PutLogEvents: one {"timestamp": ms, "message": {...}} per
                                                          stdin line, in chronological order as AWS requires

The endpoint and keys come from the environment (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...).
"""
import json
import sys

import boto3

ROLE = "arn:aws:iam::123456789012:role/express-role"
DEFINITION = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}


def machine(name, level, include, group, kind="EXPRESS"):
    logs = boto3.client("logs")
    config = {"level": level, "includeExecutionData": include == "true"}
    if group != "-":
        logs.create_log_group(logGroupName=group)
        arn = f"arn:aws:logs:us-east-1:123456789012:log-group:{group}:*"
        config["destinations"] = [{"cloudWatchLogsLogGroup": {"logGroupArn": arn}}]
    sfn = boto3.client("stepfunctions")
    created = sfn.create_state_machine(name=name, definition=json.dumps(DEFINITION), roleArn=ROLE, type=kind,
                                       loggingConfiguration=config)
    print(created["stateMachineArn"])


def put(group, stream):
    logs = boto3.client("logs")
    try:
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
    events = [json.loads(line) for line in sys.stdin if line.strip()]
    events = [{"timestamp": e["timestamp"], "message": json.dumps(e["message"])} for e in events]
    events.sort(key=lambda e: e["timestamp"])
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"machine": machine, "put": put}[command](*args)
