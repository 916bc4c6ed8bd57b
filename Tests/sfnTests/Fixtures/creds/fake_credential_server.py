#!/usr/bin/env python3
"""Local stand-ins for the credential endpoints that cannot run on a build machine.

    fake_credential_server.py MODE --log FILE [--secret-token T] [--access-key K] [--secret-key S] [--delay SECONDS]

MODE follows the documented protocol of one service:
  imds  EC2 instance metadata, IMDSv2: PUT /latest/api/token needs X-aws-ec2-metadata-token-ttl-seconds
        (1-21600, else 400) and returns a token; every GET without that token in X-aws-ec2-metadata-token gets 401;
        /latest/meta-data/iam/security-credentials/ lists the role, .../ROLE returns the credentials document,
        /latest/meta-data/placement/availability-zone returns eu-west-3b.
  ecs   ECS / EKS Pod Identity container credentials: GET /creds with Authorization equal to --secret-token
        (else 401) returns {AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn}.
  sso   IAM Identity Center portal GetRoleCredentials: GET /federation/credentials?account_id=&role_name= with
        x-amz-sso_bearer_token equal to --secret-token (else 401 UnauthorizedException) returns
        {"roleCredentials": {accessKeyId, secretAccessKey, sessionToken, expiration (epoch ms)}}.

Binds 127.0.0.1 on a free port and prints it on the first line of stdout. Each request is appended to --log as
one JSON line {method, path, headers} so tests can check what the client sent. --delay holds every answer back
(a slow network), after the request is logged.
"""
import argparse
import datetime
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROLE = "sfn-test-instance-role"
IMDS_TOKEN = "imds-session-token-0123456789"


def expiration(hours=6):
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        with self.server.lock, open(self.server.args.log, "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        self.record()
        time.sleep(self.server.args.delay)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.server.mode != "imds" or self.path != "/latest/api/token":
            return self.reply(404, "not found", "text/plain")
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
        if ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return self.reply(400, "missing or invalid X-aws-ec2-metadata-token-ttl-seconds", "text/plain")
        self.reply(200, IMDS_TOKEN, "text/plain")

    def do_GET(self):
        self.record()
        time.sleep(self.server.args.delay)
        getattr(self, "get_" + self.server.mode)()

    def credentials(self):
        a = self.server.args
        return a.access_key, a.secret_key, "session-token-" + a.access_key

    def get_imds(self):
        if self.headers.get("X-aws-ec2-metadata-token") != IMDS_TOKEN:
            return self.reply(401, "", "text/plain")
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == "/latest/meta-data/placement/availability-zone":
            return self.reply(200, "eu-west-3b", "text/plain")
        if self.path == base:
            return self.reply(200, ROLE, "text/plain")
        if self.path == base + ROLE:
            key, secret, token = self.credentials()
            return self.reply(200, {"Code": "Success", "LastUpdated": expiration(0).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                    "Type": "AWS-HMAC", "AccessKeyId": key, "SecretAccessKey": secret,
                                    "Token": token, "Expiration": expiration().strftime("%Y-%m-%dT%H:%M:%SZ")})
        self.reply(404, "not found", "text/plain")

    def get_ecs(self):
        if self.path != "/creds":
            return self.reply(404, {"code": "NotFound", "message": "no such path"})
        if self.headers.get("Authorization") != self.server.args.secret_token:
            return self.reply(401, {"code": "AccessDeniedException", "message": "invalid authorization token"})
        key, secret, token = self.credentials()
        self.reply(200, {"AccessKeyId": key, "SecretAccessKey": secret, "Token": token,
                         "Expiration": expiration().strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "RoleArn": "arn:aws:iam::123456789012:role/sfn-task-role"})

    def get_sso(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path != "/federation/credentials" or "account_id" not in query or "role_name" not in query:
            return self.reply(400, {"message": "account_id and role_name are required"})
        if self.headers.get("x-amz-sso_bearer_token") != self.server.args.secret_token:
            self.send_response(401)
            self.send_header("x-amzn-ErrorType", "UnauthorizedException")
            self.send_header("Content-Length", "2")
            self.end_headers()
            return self.wfile.write(b"{}")
        key, secret, token = self.credentials()
        self.reply(200, {"roleCredentials": {"accessKeyId": key, "secretAccessKey": secret, "sessionToken": token,
                                             "expiration": int(expiration().timestamp() * 1000)}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["imds", "ecs", "sso"])
    parser.add_argument("--log", required=True)
    parser.add_argument("--secret-token", default="")
    parser.add_argument("--access-key", default="ASIAFAKESERVER00001")
    parser.add_argument("--secret-key", default="fake-server-secret-key")
    parser.add_argument("--delay", type=float, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.mode, server.args, server.lock = args.mode, args, threading.Lock()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
