#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal, answering a prompt: run_in_pty.py PROMPT ANSWER COMMAND [ARGS...]

The command sees a controlling terminal (/dev/tty), as when a person runs it. When PROMPT appears in its output,
ANSWER and a newline are typed. Prints everything the terminal showed and exits with the command's status; a
command still running after 60 s is killed and the exit status is 124, so a stuck prompt fails the test.
"""
import os
import pty
import select
import signal
import sys
import time

prompt, answer, command = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(command[0], command)
shown, answered, deadline = b"", False, time.monotonic() + 60
while True:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.stdout.write(shown.decode(errors="replace") + "\n[run_in_pty: killed after 60 s]\n")
        sys.exit(124)
    ready, _, _ = select.select([fd], [], [], remaining)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    shown += chunk
    if not answered and prompt in shown:
        os.write(fd, answer + b"\n")
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
