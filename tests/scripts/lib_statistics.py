# statistics: exact results (printed as CPython prints them), types, errors.
import statistics as st
import random

print(st.mean([1, 2, 3]), st.mean([1, 2]), st.mean([1, 2, 3, 4]), st.mean([True, False, True]))
print(st.mean([0.1, 0.2, 0.3]), sum([0.1, 0.2, 0.3]) / 3)
print(st.mean([1e50, 1, -1e50] * 10), st.mean([1, 2.5]), st.mean(range(101)), st.mean(iter([3, 4])))
print(st.mean([1e-300, 3e-300]), st.mean([1e308, 1e308]), st.mean([10**30, 1]))
print(st.mean([float("inf"), 1]), st.mean([float("nan"), 1]))
print(st.fmean([0.1, 0.2, 0.3]), st.fmean([1, 2]), st.fmean(iter([1, 2, 4])), st.fmean([1, 2, 3], weights=[3, 2, 1]))
print(st.median([3, 1, 2]), st.median([4, 1, 3, 2]), st.median([1, 3]), st.median([1.5, 2.5]))
print(st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.median_low([5]), st.median_high(["b", "a"]))
print(st.mode([1, 1, 2, 3, 3]), st.mode(["red", "blue", "blue", "red", "green"]), st.mode([2.5]))
print(st.multimode("aabbbbccddddeeffffgg"), st.multimode([]), st.multimode([1, 2]))
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(st.variance(data), st.pvariance(data), st.stdev(data), st.pstdev(data))
print(st.variance([1, 2, 3, 4]), st.variance([1, 3, 5]), st.pvariance([1, 2, 3, 4]), st.pvariance([2, 4]))
print(st.stdev([1, 2, 3, 4]), st.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(st.variance(data, st.mean(data)), st.pvariance([1, 2, 3], 2), st.stdev([0.1, 0.2, 0.3, 0.4]))
print(st.variance([10**20, 10**20 + 1, 10**20 + 2]), st.variance([3, 3, 3]), st.stdev([1e-200, 3e-200]))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.quantiles(range(1, 11), n=10))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], method="inclusive"), st.quantiles([1.5, 2.5], n=3))

random.seed(7)
xs = [random.random() * 100 for _ in range(500)]
print(st.mean(xs), st.fmean(xs), st.median(xs), st.stdev(xs), st.pvariance(xs))
ints = [random.randrange(1000) for _ in range(301)]
print(st.mean(ints), st.median(ints), st.variance(ints), st.pstdev(ints), st.mode(ints))

print(issubclass(st.StatisticsError, ValueError))
def attempt(fn, *args, **kw):
    try:
        print(fn(*args, **kw))
    except (st.StatisticsError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
attempt(st.mean, [])
attempt(st.fmean, [])
attempt(st.fmean, [1, 2], weights=[1])
attempt(st.fmean, [1, 2], weights=[1, -1])
attempt(st.median, [])
attempt(st.median_low, [])
attempt(st.median_high, [])
attempt(st.mode, [])
attempt(st.variance, [1])
attempt(st.stdev, [])
attempt(st.pvariance, [])
attempt(st.pstdev, [])
attempt(st.quantiles, [1])
attempt(st.quantiles, [1, 2], n=0)
attempt(st.quantiles, [1, 2], method="middle")
attempt(st.mean, ["a", "b"])
attempt(st.mean, [1, "b"])
raise st.StatisticsError("mean requires at least one data point")   # as it prints uncaught
