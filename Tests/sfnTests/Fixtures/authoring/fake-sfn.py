#!/usr/bin/env python3
"""A scripted Step Functions endpoint (AWS JSON 1.0) for tests of features the moto peer lacks.

Usage: fake-sfn.py RESPONSES.json LOG
RESPONSES maps an operation name (X-Amz-Target without 'AWSStepFunctions.') to the JSON body to answer with
(HTTP 200). Other operations get HTTP 400 UnknownOperationException, as AWS answers. Each request is appended
to LOG as one JSON line {"operation": ..., "input": ...}. Prints the port on stdout, then serves until it is
terminated or 120 seconds pass.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

responses = json.load(open(sys.argv[1]))
log_path = sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        target = self.headers.get("X-Amz-Target", "")
        operation = target.split(".", 1)[1] if target.startswith("AWSStepFunctions.") else target
        with open(log_path, "a") as log:
            log.write(json.dumps({"operation": operation, "input": json.loads(body or b"{}")}) + "\n")
        if operation in responses:
            status, payload, headers = 200, responses[operation], {}
        else:
            status = 400
            payload = {"__type": "UnknownOperationException", "message": f"unknown operation {operation}"}
            headers = {"X-Amzn-ErrorType": "UnknownOperationException"}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("x-amzn-RequestId", "fake-request-1")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Event().wait(timeout=120)
server.shutdown()
