#!/usr/bin/env python3
"""A fault-injecting HTTP proxy between sfn and the moto peer, for the reliability tests.

Usage: faultproxy.py --upstream http://127.0.0.1:PORT --port-file F --log F [--rate 0.3] [--seed 7]
                     [--faults a,b,...] [--mode MODE] [--stall S]

The fault for a request is drawn from Random("seed:key:n"), where key hashes the X-Amz-Target and body and n
counts requests with that key: the same invocation meets the same faults however requests interleave.
Every request is logged as one JSON line: what arrived, which fault, whether it was forwarded, what upstream
answered and what the client got.

Faults:
  throttle      400 ThrottlingException JSON (not forwarded)
  throttle_ra   the same with x-amz-retry-after: 300
  e500, e503    500 JSON / 503 HTML (not forwarded)
  reset_before  the connection is reset after the request is read (not forwarded)
  reset_after   forwarded, then the connection is reset: the response is lost
  slow          forwarded, the response is delayed 1 s (under the client's read timeout: a success)
  stall         forwarded, then --stall seconds of silence (beyond the client's read timeout), then close
  truncated     forwarded, half the body sent under the full Content-Length, then close
  nonjson       forwarded, upstream's answer replaced by 200 text/html (a proxy's page)
Modes: skew answers the first request 400 InvalidSignatureException with a Date 2 hours ahead, then forwards
(skew_always answers every request so); hang reads requests and never answers; unavailable answers 503 with
x-amz-retry-after: 5000 forever; slowall forwards every request and answers after --stall seconds.
"""
import argparse, email.utils, os, hashlib, http.client, json, random, socket, socketserver, struct, sys, threading, time
import urllib.parse

ALL_FAULTS = ["throttle", "throttle_ra", "e500", "e503", "reset_before", "reset_after", "slow", "stall",
              "truncated", "nonjson"]
FORWARDED = {"reset_after", "slow", "stall", "truncated", "nonjson", "slowall", None}
CLEAN = {None, "slow", "slowall"}  # the client gets upstream's answer intact


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.counts = {}
        self.seq = 0
        self.skew_sent = False
        self.log = open(args.log, "a", buffering=1)
        self.faults = args.faults.split(",") if args.faults else ALL_FAULTS

    def next(self, key):
        with self.lock:
            self.seq += 1
            n = self.counts.get(key, 0) + 1
            self.counts[key] = n
            return self.seq, n

    def write(self, entry):
        with self.lock:
            self.log.write(json.dumps(entry, sort_keys=True) + "\n")


def read_request(f):
    line = f.readline()
    if not line:
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers = []
    while True:
        h = f.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        headers.append((name.strip(), value.strip()))
    length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
    body = f.read(length) if length else b""
    return method, target, headers, body


def header(headers, name):
    return next((v for k, v in headers if k.lower() == name.lower()), None)


def respond(sock, status, reason, headers, body, declared=None):
    lines = ["HTTP/1.1 %d %s" % (status, reason)]
    for k, v in headers:
        if k.lower() not in ("content-length", "connection", "transfer-encoding", "content-encoding"):
            lines.append("%s: %s" % (k, v))
    lines.append("Content-Length: %d" % (len(body) if declared is None else declared))
    lines.append("Connection: close")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def reset(sock):
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def fields_in(body):
    """The execution name (from name or executionArn), input and clientToken of a request body."""
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return {}
    if not isinstance(doc, dict):
        return {}
    out = {k: doc[k] for k in ("input", "clientToken") if isinstance(doc.get(k), str)}
    if isinstance(doc.get("name"), str):
        out["name"] = doc["name"]
    elif isinstance(doc.get("executionArn"), str):
        out["name"] = doc["executionArn"].rsplit(":", 1)[-1]
    return out


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        st = self.server.state
        args = st.args
        f = self.request.makefile("rb")
        req = read_request(f)
        if req is None:
            return
        method, target, headers, body = req
        amz_target = header(headers, "X-Amz-Target") or ""
        key = hashlib.sha256(amz_target.encode() + b"\0" + body).hexdigest()[:16]
        seq, n = st.next(key)
        fault = None
        if args.mode == "faults":
            rnd = random.Random("%s:%s:%d" % (args.seed, key, n))
            if rnd.random() < args.rate:
                fault = rnd.choice(st.faults)
        elif args.mode in ("hang", "unavailable", "slowall"):
            fault = args.mode
        elif args.mode == "skew_always":
            fault = "skew"
        elif args.mode == "skew":
            with st.lock:
                if not st.skew_sent:
                    st.skew_sent, fault = True, "skew"
        entry = {"seq": seq, "key": key, "n": n, "target": amz_target.rsplit(".", 1)[-1], "fault": fault,
                 "invocation": header(headers, "amz-sdk-invocation-id"),
                 "attempt": header(headers, "amz-sdk-request"), "amz_date": header(headers, "X-Amz-Date"),
                 "bytes": len(body), "forwarded": fault in FORWARDED, "clean": fault in CLEAN}
        entry.update(fields_in(body))
        if fault == "hang":  # never finishes: log on arrival
            st.write(entry)
            time.sleep(3600)
            return
        try:
            self.serve(fault, method, target, headers, body, entry)
        finally:
            self.commit(entry)

    # The log line is written before any answer goes back, so a client that has finished finds its requests logged.
    def commit(self, entry):
        if not getattr(self, "logged", False):
            self.logged = True
            self.server.state.write(entry)

    def respond(self, entry, sock, *args, **kwargs):
        self.commit(entry)
        respond(sock, *args, **kwargs)

    def reset(self, entry, sock):
        self.commit(entry)
        reset(sock)

    def serve(self, fault, method, target, headers, body, entry):
        sock = self.request
        if fault == "unavailable":
            entry["sent"] = 503
            return self.respond(entry, sock, 503, "Service Unavailable", [("x-amz-retry-after", "5000")], b"<html>busy</html>")
        if fault in ("throttle", "throttle_ra"):
            extra = [("x-amz-retry-after", "300")] if fault == "throttle_ra" else []
            entry["sent"] = 400
            return self.respond(entry, sock, 400, "Bad Request", [("Content-Type", "application/x-amz-json-1.0")] + extra,
                           b'{"__type":"ThrottlingException","message":"Rate exceeded"}')
        if fault == "e500":
            entry["sent"] = 500
            return self.respond(entry, sock, 500, "Internal Server Error", [("Content-Type", "application/x-amz-json-1.0")],
                           b'{"__type":"InternalServerError","message":"injected"}')
        if fault == "e503":
            entry["sent"] = 503
            return self.respond(entry, sock, 503, "Service Unavailable", [("Content-Type", "text/html")],
                           b"<html><body>503 Service Unavailable</body></html>")
        if fault == "reset_before":
            entry["sent"] = "reset"
            return self.reset(entry, sock)
        if fault == "skew":
            ahead = email.utils.formatdate(time.time() + 7200, usegmt=True)
            entry["sent"] = 400
            return self.respond(entry, sock, 400, "Bad Request", [("Content-Type", "application/x-amz-json-1.0"), ("Date", ahead)],
                           b'{"__type":"InvalidSignatureException","message":"Signature expired"}')
        up = urllib.parse.urlsplit(self.server.state.args.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
        conn.request(method, target, body=body,
                     headers=dict((k, v) for k, v in headers if k.lower() not in ("host", "connection")))
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        entry["upstream"] = resp.status
        try:
            entry["upstream_type"] = (json.loads(data) or {}).get("__type")
        except (ValueError, AttributeError):
            pass
        if fault == "reset_after":
            entry["sent"] = "reset"
            return self.reset(entry, sock)
        if fault == "stall":
            entry["sent"] = "closed"
            self.commit(entry)
            time.sleep(self.server.state.args.stall)
            return sock.close()
        if fault == "truncated":
            entry["sent"] = "truncated"
            self.respond(entry, sock, resp.status, resp.reason, resp.getheaders(), data[: len(data) // 2], declared=len(data))
            return sock.close()
        if fault == "nonjson":
            entry["sent"] = 200
            return self.respond(entry, sock, 200, "OK", [("Content-Type", "text/html")], b"<html><body>Welcome</body></html>")
        if fault == "slow":
            time.sleep(1.0)
        if fault == "slowall":
            time.sleep(self.server.state.args.stall)
        entry["sent"] = resp.status
        self.respond(entry, sock, resp.status, resp.reason, resp.getheaders(), data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--upstream", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--rate", type=float, default=0.3)
    p.add_argument("--seed", default="7")
    p.add_argument("--faults", default="")
    p.add_argument("--mode", default="faults", choices=["faults", "skew", "skew_always", "hang", "unavailable", "slowall"])
    p.add_argument("--stall", type=float, default=12.0, help="seconds of silence for the stall fault")
    args = p.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
