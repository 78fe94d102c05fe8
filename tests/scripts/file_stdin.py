# sys.stdin: readline, iteration, read; sys.stdout/stderr.write
import sys
print(repr(sys.stdin.readline()))
for line in sys.stdin:
    print('line:', repr(line))
    break
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
print(sys.stdin, sys.stdout)
n = sys.stdout.write('written\n')
print(n)
sys.stderr.write('to stderr\n')
