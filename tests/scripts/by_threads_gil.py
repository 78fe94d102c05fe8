# threads share one bytearray: append and extend are atomic, so nothing is lost
import threading
ba = bytearray()
chunks = []

def worker(k):
    for i in range(500):
        ba.append(65 + k)
        ba.extend(bytes([97 + k]) * 3)
        chunks.append(bytes([48 + k]) * (i % 7 + 20))   # heap bytes, dropped by other threads

ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(ba), sorted(set(ba)), [ba.count(65 + k) for k in range(4)], [ba.count(97 + k) for k in range(4)])
print(len(chunks), sum(len(c) for c in chunks))
del chunks[:]
print(len(chunks))
