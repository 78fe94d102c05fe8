import time
t0 = time.time(); p0 = time.perf_counter(); m0 = time.monotonic()
time.sleep(0.05)
print(time.perf_counter() - p0 >= 0.04, time.monotonic() >= m0, time.time() >= t0, isinstance(time.time_ns(), int))
print(type(time.perf_counter()).__name__, type(time.process_time()).__name__)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
