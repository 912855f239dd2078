"""interrupt.py MARK SIGNAL COMMAND...: run COMMAND, wait (up to 20 s) for
the file MARK to appear, send it SIGNAL (INT or TERM), and wait (up to
20 s) for it to end. Prints 'died of SIGNAL' when the signal ended it, or
how it ended otherwise; exits 0 only in the first case. SIGINT is reset to
its default in the child, as at an interactive shell (a background job of
a script would ignore it)."""
import os
import signal
import subprocess
import sys
import time

mark, name, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
sig = getattr(signal, "SIG" + name)
child = subprocess.Popen(
    cmd, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
for _ in range(200):
    if os.path.exists(mark) or child.poll() is not None:
        break
    time.sleep(0.1)
if child.poll() is not None:
    print("ended before the mark, status %d" % child.returncode)
    sys.exit(1)
if not os.path.exists(mark):
    child.kill()
    child.wait()
    print("no mark after 20 s")
    sys.exit(1)
child.send_signal(sig)
try:
    child.wait(timeout=20)
except subprocess.TimeoutExpired:
    child.kill()
    child.wait()
    print("still running 20 s after SIG%s" % name)
    sys.exit(1)
if child.returncode == -sig:
    print("died of SIG%s" % name)
    sys.exit(0)
print("ended with status %d after SIG%s" % (child.returncode, name))
sys.exit(1)
