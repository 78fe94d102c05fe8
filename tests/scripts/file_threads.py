# several threads write lines to one file: every line arrives whole
import os, threading
p = '/tmp/gilt_file_threads_%d.txt' % os.getpid()
f = open(p, 'w')

def writer(k):
    for i in range(200):
        f.write('thread %d line %d %s\n' % (k, i, 'x' * (i % 50)))

ts = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
f.close()
with open(p) as g:
    lines = g.readlines()
print(len(lines))
expected = sorted('thread %d line %d %s\n' % (k, i, 'x' * (i % 50)) for k in range(4) for i in range(200))
print(sorted(lines) == expected)
os.remove(p)
