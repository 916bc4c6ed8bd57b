#!/usr/bin/env python3
"""Answers as AWS does for the Step Functions gotchas moto cannot show: the AccessDeniedException CreateStateMachine
sends for a role Step Functions cannot assume, IAM GetRole (awsQuery, XML) including AccessDenied, the task token
errors, StartSyncExecution on a STANDARD machine, finished executions of each status, refused credentials.

    fake_aws.py            serves on a free 127.0.0.1 port; prints "ready PORT" when listening

Step Functions requests (X-Amz-Target: AWSStepFunctions.Op) get AWS JSON 1.0 answers; form-encoded requests get
IAM's XML. GET /_control/calls lists the operations received; POST /_control/reset clears the list.
"""
import json
import os
import sys
import time
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "123456789012"
PREFIX = f"arn:aws:states:us-east-1:{ACCOUNT}"
lock = threading.Lock()
calls = []

# Bodies as the service sends them (JSON 1.0: __type carries the code, message the text).
NOT_ASSUMABLE = "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role."
EXECUTIONS = {
    "failed": {"status": "FAILED", "error": "Oops", "cause": "bad thing"},
    "timed": {"status": "TIMED_OUT", "error": "States.Timeout", "cause": "took too long"},
    "aborted": {"status": "ABORTED"},
    "running": {"status": "RUNNING"},
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/x-amz-json-1.0", request_id=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", request_id or str(uuid.uuid4()))
        self.end_headers()
        self.wfile.write(data)

    def sfn_error(self, code, message, status=400):
        self.answer(status, json.dumps({"__type": f"com.amazonaws.swf.service.v2.model#{code}", "message": message}),
                    request_id="req-" + code)

    def do_GET(self):
        with lock:
            self.answer(200, json.dumps(calls), "application/json")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_control/reset":
            with lock:
                calls.clear()
            return self.answer(200, "{}", "application/json")
        if "Credential=BADKEY/" in (self.headers.get("Authorization") or ""):
            return self.sfn_error("UnrecognizedClientException", "The security token included in the request is invalid.")
        target = self.headers.get("X-Amz-Target") or ""
        if target.startswith("AWSStepFunctions."):
            op = target.split(".", 1)[1]
            with lock:
                calls.append(op)
            return self.step_functions(op, json.loads(body or b"{}"))
        form = urllib.parse.parse_qs(body.decode())
        with lock:
            calls.append("iam:" + form.get("Action", [""])[0])
        return self.iam(form)

    def step_functions(self, op, req):
        if op == "ListStateMachines":
            return self.answer(200, json.dumps({"stateMachines": []}))
        if op in ("CreateStateMachine", "UpdateStateMachine"):
            role = req.get("roleArn", "")
            if "untrusted" in role or "missing" in role:
                return self.sfn_error("AccessDeniedException", NOT_ASSUMABLE)
            if "nopass" in role:
                return self.sfn_error("AccessDeniedException", f"User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: iam:PassRole on resource: {role} because no identity-based policy allows the iam:PassRole action")
            return self.answer(200, json.dumps({"stateMachineArn": f"{PREFIX}:stateMachine:{req.get('name', 'm')}", "creationDate": 1764072000.0}))
        if op in ("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"):
            token = req.get("taskToken", "")
            if token == "answered":
                return self.sfn_error("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
            if token == "gone":
                return self.sfn_error("TaskDoesNotExist", "Task does not exist")
            if token == "garbage":
                return self.sfn_error("InvalidToken", "Invalid Token: 'Invalid token'")
            return self.answer(200, "{}")
        if op == "StartSyncExecution":
            return self.sfn_error("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        if op == "DescribeExecution":
            arn = req.get("executionArn", "")
            name = arn.rsplit(":", 1)[-1]
            e = dict(EXECUTIONS.get(name, {"status": "SUCCEEDED", "output": "{}"}))
            e.update({"executionArn": arn, "name": name, "stateMachineArn": f"{PREFIX}:stateMachine:m", "startDate": 1764072000.0})
            if e["status"] != "RUNNING":
                e["stopDate"] = 1764072001.0
            return self.answer(200, json.dumps(e))
        return self.sfn_error("UnknownOperationException", op)

    def iam(self, form):
        name = form.get("RoleName", [""])[0]
        if name == "denied":
            xml = ('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
                   f'<Code>AccessDenied</Code><Message>User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: '
                   f'iam:GetRole on resource: role {name} because no identity-based policy allows the iam:GetRole action'
                   '</Message></Error><RequestId>req-iam-denied</RequestId></ErrorResponse>')
            return self.answer(403, xml, "text/xml")
        xml = ('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
               f'<Code>NoSuchEntity</Code><Message>The role with name {name} cannot be found.</Message></Error>'
               '<RequestId>req-iam-missing</RequestId></ErrorResponse>')
        return self.answer(404, xml, "text/xml")


def exit_with_parent():
    """Stops the server when the process that started it (the test run) is gone."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    threading.Thread(target=exit_with_parent, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"ready {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
