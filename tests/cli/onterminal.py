"""onterminal.py [--stdin FILE] COMMAND...: run COMMAND with its standard output
on a pseudo-terminal (standard error passed through), read everything it
writes there, and print 'tty N' (the bytes that reached the terminal).
Exits with COMMAND's status; a COMMAND still running after 20 s is killed
(status 124)."""
import os
import pty
import select
import subprocess
import sys
import time

args = sys.argv[1:]
stdin = None
if args[:1] == ["--stdin"]:
    stdin = open(args[1], "rb")
    args = args[2:]
master, slave = pty.openpty()
child = subprocess.Popen(args, stdin=stdin, stdout=slave)
os.close(slave)
got = 0
deadline = time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([master], [], [], 0.1)
    if not r:
        continue
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: every end of the terminal is closed
        data = b""
    if not data:
        break
    got += len(data)
try:
    status = child.wait(timeout=max(0.1, deadline - time.time()))
except subprocess.TimeoutExpired:
    child.kill()
    child.wait()
    status = 124
print("tty %d" % got)
sys.exit(status)
