import time
start = time.perf_counter()
time.sleep(0.02)
elapsed = time.perf_counter() - start
print("slept long enough:", elapsed >= 0.015, "not absurdly long:", elapsed < 2)
t = time.time()
print(t > 1_600_000_000, type(time.monotonic_ns()).__name__)
