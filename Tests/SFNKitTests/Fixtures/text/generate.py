#!/usr/bin/env python3
"""Regenerates cases.json: golden `aws --output text` renderings made by the AWS CLI's own TextFormatter.

Run with the Python that has awscli installed:  python3 generate.py > cases.json
Numbers: JSON decodes to one Double type in sfn, so cases avoid integral floats (1.0, 1e16 written as a float) and
integers beyond 2**53, which Python prints differently from an int.
Each case: name, input (the JSON document as text), query (a --query expression or null), output (exact text).
"""
import io
import json
import types

import jmespath
from awscli import text
from awscli.formatter import TextFormatter

EXEC = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:"
SM = "arn:aws:states:us-east-1:123456789012:stateMachine:"

CASES = [
    ("string scalar", '"hello world"', None),
    ("empty string", '""', None),
    ("integer", "42", None),
    ("negative integer", "-7", None),
    ("float", "3.25", None),
    ("small float", "0.00001", None),
    ("large float", "1.5e20", None),
    ("float with many digits", "[0.1, 2.5, 123456.789, 1e-7, 0.0001]", None),
    ("extreme floats", "[1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 123456789012.5, -0.5,"
                       " 1e22, 1.25e-5, 0.000123, 9999999999999.5, -1.5e300]", None),
    ("null", "null", None),
    ("true", "true", None),
    ("false", "false", None),
    ("empty object", "{}", None),
    ("empty list", "[]", None),
    ("list of strings", '["a", "b", "c"]', None),
    ("list of mixed scalars", '["x", 1, 2.5, true, false, null]', None),
    ("list of lists", '[[1, 2], [3, 4], []]', None),
    ("scalars and lists mixed", '[1, "two", [3, 4], [5]]', None),
    ("flat object sorted keys", '{"zeta": 1, "alpha": "a", "Mid": null, "beta": true}', None),
    ("start-execution", '{"executionArn": "%s1", "startDate": "2024-05-01T10:00:00.123000+00:00"}' % EXEC, None),
    ("describe-execution", json.dumps({
        "executionArn": EXEC + "run-1", "stateMachineArn": SM + "HelloWorld", "name": "run-1",
        "status": "SUCCEEDED", "startDate": "2024-05-01T10:00:00.123000+00:00",
        "stopDate": "2024-05-01T10:00:01.456000+00:00", "input": "{\"a\": 1}",
        "inputDetails": {"included": True}, "output": "{\"b\": 2}", "outputDetails": {"included": True},
        "redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
        "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven"}), None),
    ("list-executions", json.dumps({"executions": [
        {"executionArn": EXEC + "a", "stateMachineArn": SM + "HelloWorld", "name": "a", "status": "RUNNING",
         "startDate": "2024-05-01T10:00:00+00:00"},
        {"executionArn": EXEC + "b", "stateMachineArn": SM + "HelloWorld", "name": "b", "status": "FAILED",
         "startDate": "2024-05-01T09:00:00+00:00", "stopDate": "2024-05-01T09:00:05+00:00",
         "redriveCount": 1}],
        "nextToken": "tok123"}), None),
    ("list-state-machines", json.dumps({"stateMachines": [
        {"stateMachineArn": SM + "One", "name": "One", "type": "STANDARD",
         "creationDate": "2023-01-01T00:00:00+00:00"},
        {"stateMachineArn": SM + "Two", "name": "Two", "type": "EXPRESS",
         "creationDate": "2023-02-01T00:00:00+00:00"}]}), None),
    ("describe-state-machine nested", json.dumps({
        "stateMachineArn": SM + "One", "name": "One", "status": "ACTIVE", "definition": "{}",
        "roleArn": "arn:aws:iam::123456789012:role/r", "type": "STANDARD",
        "creationDate": "2023-01-01T00:00:00+00:00",
        "loggingConfiguration": {"level": "ALL", "includeExecutionData": False,
                                 "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": "arn:lg"}}]},
        "tracingConfiguration": {"enabled": True}}), None),
    ("get-execution-history", json.dumps({"events": [
        {"timestamp": "2024-05-01T10:00:00+00:00", "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
         "executionStartedEventDetails": {"input": "{}", "inputDetails": {"truncated": False},
                                          "roleArn": "arn:role"}},
        {"timestamp": "2024-05-01T10:00:01+00:00", "type": "PassStateEntered", "id": 2, "previousEventId": 1,
         "stateEnteredEventDetails": {"name": "Hello", "input": "{}"}},
        {"timestamp": "2024-05-01T10:00:02+00:00", "type": "ExecutionSucceeded", "id": 3, "previousEventId": 2,
         "executionSucceededEventDetails": {"output": "{\"x\": 1}"}}]}), None),
    ("list-tags", '{"tags": [{"key": "env", "value": "prod"}, {"key": "team", "value": "data"}]}', None),
    ("list of objects with missing keys", '[{"a": 1, "b": 2}, {"b": 3, "c": 4}, {"d": null}]', None),
    ("key scalar in one item and list in another",
     '[{"a": 1, "b": "x"}, {"a": [1, "two", null], "b": {"k": "v", "t": true}}]', None),
    ("nested maps", '{"outer": {"inner": {"deep": {"value": 1, "list": ["p", "q"]}, "n": 2}, "m": "s"}}', None),
    ("dict with only nested values", '{"a": {"b": {"c": [1, 2]}}}', None),
    ("list of scalars under key", '{"names": ["x", "y"], "ids": [1, 2, 3], "empty": []}', None),
    ("lists of lists under key", '{"matrix": [[1, 2], [3, 4]], "mixed": [1, [2, 3]]}', None),
    ("unicode", '{"name": "caf\\u00e9 \\u65e5\\u672c", "emoji": "\\ud83d\\ude80", "t\\u00eate": "\\u00fcber",'
                ' "items": ["\\u00c5ngstr\\u00f6m"]}', None),
    ("unicode identifier upper", '{"stra\\u00dfe": ["a"], "\\u00e9t\\u00e9": {"x": 1}}', None),
    ("strings with tabs and newlines", '{"a": "line1\\nline2", "b": "tab\\there", "c": ["q\'uote", "d\\"q"]}', None),
    ("repr of nested strings", '[{"k": "v"}, {"k": ["it\'s", "say \\"hi\\"", "both \' \\"", "tab\\t", "\\u0001"]}]',
     None),
    ("booleans and nulls in object", '{"on": true, "off": false, "nothing": null, "list": [true, null]}', None),
    ("query scalar", '{"executionArn": "%sq", "status": "RUNNING"}' % EXEC, "executionArn"),
    ("query missing gives None", '{"status": "RUNNING"}', "nosuchkey"),
    ("query list projection", json.dumps({"executions": [{"name": "a", "status": "RUNNING"},
                                                         {"name": "b", "status": "FAILED"}]}),
     "executions[].name"),
    ("query multiselect list", json.dumps({"executions": [{"name": "a", "status": "RUNNING", "n": 1},
                                                          {"name": "b", "status": "FAILED", "n": 2}]}),
     "executions[].[name, status, n]"),
    ("query multiselect hash", json.dumps({"executions": [{"name": "a", "status": "RUNNING"},
                                                          {"name": "b", "status": "FAILED"}]}),
     "executions[].{N: name, S: status}"),
    ("query length", '{"executions": [1, 2, 3]}', "length(executions)"),
    ("query boolean", '{"a": 1}', "a == `1`"),
    ("query empty projection", '{"executions": []}', "executions[].name"),
]


def render(document, query):
    data = json.loads(document)
    stream = io.StringIO()
    if isinstance(data, dict):
        args = types.SimpleNamespace(query=jmespath.compile(query) if query else None)
        TextFormatter(args)("test", data, stream)
    else:
        # Only a --query result can be a bare list or scalar; TextFormatter hands those to text.format_text.
        text.format_text(data, stream)
    return stream.getvalue()


if __name__ == "__main__":
    out = [{"name": n, "input": d, "query": q, "output": render(d, q)} for n, d, q in CASES]
    print(json.dumps(out, indent=2, ensure_ascii=False))
