# fileno() of files and of the standard streams, os.dup2, and their errors.
import os
import sys

print(sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno())
f = open("/dev/null", "w")
fd = f.fileno()
print(type(fd).__name__, fd > 2)
# dup2 returns the new descriptor; writing through it reaches the same file
r, w = os.pipe()
print(os.dup2(w, 17) == 17)
os.close(17)
os.close(r)
os.close(w)
f.close()
for bad in (lambda: f.fileno(), lambda: os.dup2(1234, 5), lambda: os.dup2("1", 5),
            lambda: f.fileno(1)):
    try:
        bad()
    except (ValueError, OSError, TypeError) as e:
        print(type(e).__name__, e)
os.dup2(-1, 5)
