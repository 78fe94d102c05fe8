nums = [2, 4, 6, 7]
print(all(n % 2 == 0 for n in nums), any(n > 6 for n in nums), list(filter(lambda n: n > 3, nums)))
print(any([]), all([]), any([None, 0, ""]), all([1, "a", [0]]), list(filter(str.isdigit, "a1b22c")))
