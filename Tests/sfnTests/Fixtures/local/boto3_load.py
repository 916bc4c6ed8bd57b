"""The load test's client: 50 concurrent boto3 clients start 2,000 executions with names they choose, through a TCP
proxy that resets one connection in eight after forwarding its request (the server has done the work; the client
sees `Connection reset by peer` and retries). Afterwards the server must hold exactly 2,000 executions, one per
name, each started once.

argv[1] is the server's endpoint; argv[2] and argv[3], if given, replace the 50 clients and 2,000 starts.
"""
import json
import random
import select
import socket
import struct
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from local_client import ROLE, check
from local_client import client as stepfunctions

endpoint = sys.argv[1]
host, port = endpoint.rsplit("/", 1)[-1].rsplit(":", 1)
port = int(port)
CLIENTS, TOTAL = int(sys.argv[2]) if len(sys.argv) > 2 else 50, int(sys.argv[3]) if len(sys.argv) > 3 else 2000


class ResettingProxy:
    """Forwards loopback TCP connections to the server; one server reply in `every` is dropped and the client's
    connection reset (SO_LINGER 0) instead, so the request was served but its answer is lost."""

    def __init__(self, every, seed=15):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(256)
        self.port = self.listener.getsockname()[1]
        self.every = every
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.resets = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            downstream, _ = self.listener.accept()
            upstream = socket.create_connection((host, port))
            threading.Thread(target=self.relay, args=(downstream, upstream), daemon=True).start()

    def should_reset(self):
        with self.lock:
            if self.random.randrange(self.every) == 0:
                self.resets += 1
                return True
            return False

    def relay(self, downstream, upstream):
        # One thread per connection, waiting on both sockets: a socket closed while another thread is blocked
        # reading it would not be released (no reset would reach the client).
        try:
            while True:
                readable, _, _ = select.select([downstream, upstream], [], [])
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    if source is downstream:
                        upstream.sendall(data)
                    elif self.should_reset():
                        downstream.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    else:
                        downstream.sendall(data)
        except OSError:
            pass
        finally:
            downstream.close()
            upstream.close()


proxy = ResettingProxy(every=8)


def make_client(url):
    return stepfunctions(url, retries={"max_attempts": 10, "mode": "standard"}, max_pool_connections=4)


direct = make_client(endpoint)
# Executions stay RUNNING (a long Wait), so a retried start with the same name and input is answered again.
definition = json.dumps({"StartAt": "Hold", "States": {"Hold": {"Type": "Wait", "Seconds": 86400, "End": True}}})
machine = direct.create_state_machine(name="load", definition=definition, roleArn=ROLE)["stateMachineArn"]
proxied_url = f"http://127.0.0.1:{proxy.port}"
names = [f"load-{i:04d}" for i in range(TOTAL)]
answers = {}
failures = []
lock = threading.Lock()


def run_client(index):
    client = make_client(proxied_url)
    for name in names[index::CLIENTS]:
        try:
            arn = client.start_execution(stateMachineArn=machine, name=name, input=json.dumps({"n": name}))
        except ClientError as e:
            with lock:
                failures.append((name, e.response["Error"]["Code"]))
            continue
        with lock:
            answers[name] = arn["executionArn"]


began = time.time()
with ThreadPoolExecutor(CLIENTS) as pool:
    list(pool.map(run_client, range(CLIENTS)))
elapsed = time.time() - began
print(f"{TOTAL} starts by {CLIENTS} clients in {elapsed:.1f} s, {proxy.resets} connections reset")
check("connections were reset", proxy.resets >= 20, proxy.resets)
check("every start was answered", not failures and len(answers) == TOTAL, failures[:5])
check("each name got its own execution", len(set(answers.values())) == TOTAL)

listed = [e for p in direct.get_paginator("list_executions").paginate(
    stateMachineArn=machine, PaginationConfig={"PageSize": 1000}) for e in p["executions"]]
check("exactly 2,000 executions", len(listed) == TOTAL, len(listed))
check("one per name, none lost or doubled", sorted(e["name"] for e in listed) == names)
check("all still run", all(e["status"] == "RUNNING" for e in listed))


def started_once(arn):
    events = direct.get_execution_history(executionArn=arn)["events"]
    return [e["type"] for e in events].count("ExecutionStarted") == 1 and [e["id"] for e in events] == \
        list(range(1, len(events) + 1))


with ThreadPoolExecutor(16) as pool:
    once = list(pool.map(started_once, answers.values()))
check("each history has one ExecutionStarted", all(once), once.count(False))
print("done")
