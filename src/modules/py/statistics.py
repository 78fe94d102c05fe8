"""statistics -- averages and spread of numeric data, as CPython's statistics module.

mean, variance and the standard deviations are computed exactly, as CPython does:
every value becomes an exact fraction (float.as_integer_ratio), the fractions are
added with integer arithmetic, and only the final result is rounded, once, to a
float.  So mean([0.1, 0.2, 0.3]) prints what CPython prints, which is not always
sum(data) / len(data).  gilt has no fractions module; a fraction here is a plain
(numerator, denominator) pair of ints with denominator > 0.

The result's type follows the data: all ints give an int when the result is whole
(mean([1, 2, 3]) is 2), otherwise a float.  Only int, bool and float data are
supported (no Fraction or Decimal).  Nothing here keeps state between calls.
"""
import math

__all__ = ['StatisticsError', 'fmean', 'mean', 'median', 'median_high', 'median_low', 'mode',
           'multimode', 'pstdev', 'pvariance', 'quantiles', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


# ====================================================================================
# Exact fractions as (numerator, denominator)
# ====================================================================================

def _reduced(n, d):
    if d < 0:
        n, d = -n, -d
    g = math.gcd(n, d)
    return (n // g, d // g) if g > 1 else (n, d)


def _add(a, b):
    return _reduced(a[0] * b[1] + b[0] * a[1], a[1] * b[1])


def _div_int(a, k):
    """The fraction a divided by the int k."""
    return _reduced(a[0], a[1] * k)


def _to_float(n, d):
    """n / d correctly rounded to a float, for any size of ints (d > 0).

    The quotient is computed with 55 or 56 significant bits, its last bit made
    sticky (set when the division was inexact), so that converting it to a float
    rounds once and correctly; ldexp then only moves the exponent."""
    if n == 0:
        return 0.0
    sign = -1.0 if n < 0 else 1.0
    n = abs(n)
    shift = n.bit_length() - d.bit_length() - 55
    if shift >= 0:
        q, r = divmod(n, d << shift)
    else:
        q, r = divmod(n << -shift, d)
    if r:
        q |= 1
    try:
        result = math.ldexp(float(q), shift)
    except OverflowError:
        result = math.inf
    if result == math.inf:
        raise OverflowError('integer division result too large for a float')
    return sign * result


def _exact_ratio(x):
    """x as an exact fraction; (x, None) for an infinity or a NaN."""
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return (x, None)
        return x.as_integer_ratio()
    if isinstance(x, int):
        return (int(x), 1)
    raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator")


def _coerce(T, S):
    """The type a result takes when the data holds values of types T and S."""
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    raise TypeError(f"can't convert type '{T.__name__}' to '{S.__name__}'")


def _convert(value, T):
    """A fraction (or a non-finite float) as the data's type T."""
    if isinstance(value, float):
        return value
    n, d = value
    if issubclass(T, int) and d != 1:
        T = float
    if T is float:
        return _to_float(n, d)
    return T(n)


def _sum(data):
    """(type, exact sum, count); the sum is a float if the data held inf or NaN."""
    count = 0
    T = int
    partials = {}            # denominator -> sum of the numerators over it
    for x in data:
        T = _coerce(T, type(x))
        n, d = _exact_ratio(x)
        count += 1
        partials[d] = partials.get(d, 0) + n
    if None in partials:
        return T, partials[None], count
    total = (0, 1)
    for d, n in partials.items():
        total = _add(total, (n, d))
    return T, total, count


def _ss(data, c=None):
    """(type, sum of squared deviations, mean, count), all exact.

    Without c, one pass collects sum(x) and sum(x*x) per denominator; then
    ss = sum(x*x) - sum(x)**2 / count."""
    if c is not None:
        T, ss, count = _sum([(x - c) * (x - c) for x in data])
        return T, ss, c, count
    count = 0
    T = int
    sx = {}
    sxx = {}
    for x in data:
        T = _coerce(T, type(x))
        n, d = _exact_ratio(x)
        count += 1
        sx[d] = sx.get(d, 0) + n
        sxx[d] = sxx.get(d, 0) + n * n
    if not count:
        return T, (0, 1), (0, 1), 0
    if None in sx:
        return T, sx[None], sx[None], count
    total = (0, 1)
    squares = (0, 1)
    for d in sx:
        total = _add(total, (sx[d], d))
        squares = _add(squares, (sxx[d], d * d))
    # ss = (count * squares - total**2) / count
    num = count * squares[0] * total[1] * total[1] - total[0] * total[0] * squares[1]
    ss = _reduced(num, squares[1] * total[1] * total[1] * count)
    return T, ss, _div_int(total, count), count


def _sqrt_to_float(n, m):
    """sqrt(n / m) correctly rounded to a float.

    The square root is taken as an integer with about 55 significant bits,
    rounded to odd (the last bit set when inexact), so the final conversion rounds
    once and correctly, as in _to_float."""
    def isqrt_rto(n, m):
        a = math.isqrt(n // m)
        return a | (a * a * m != n)
    q = (n.bit_length() - m.bit_length() - 109) // 2
    if q >= 0:
        return _to_float(isqrt_rto(n, m << 2 * q) << q, 1)
    return _to_float(isqrt_rto(n << -2 * q, m), 1 << -q)


# ====================================================================================
# Averages
# ====================================================================================

def mean(data):
    """The arithmetic mean, exact until the final rounding."""
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    if isinstance(total, float):
        return total / n
    return _convert(_div_int(total, n), T)


def fmean(data, weights=None):
    """The mean as a float, by math.fsum: faster than mean()."""
    data = list(data)
    n = len(data)
    if weights is None:
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / n
    weights = list(weights)
    num = math.fsum([x * w for x, w in zip(data, weights)])
    if n != len(weights):
        raise StatisticsError('data and weights must be the same length')
    den = math.fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def _sorted_for_median(data):
    data = sorted(data)
    if not data:
        raise StatisticsError('no median for empty data')
    return data


def median(data):
    """The middle value, or the mean of the two middle values."""
    data = _sorted_for_median(data)
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    """The lower of the two middle values (or the middle one)."""
    data = _sorted_for_median(data)
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    """The higher of the two middle values (or the middle one)."""
    data = _sorted_for_median(data)
    n = len(data)
    return data[n // 2]


def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    """The most common value; of several, the one seen first."""
    counts = _counts(data)
    if not counts:
        raise StatisticsError('no mode for empty data')
    best, best_count = None, 0
    for value, count in counts.items():
        if count > best_count:
            best, best_count = value, count
    return best


def multimode(data):
    """Every most common value, in the order first seen ([] for no data)."""
    counts = _counts(data)
    if not counts:
        return []
    top = max(counts.values())
    return [value for value, count in counts.items() if count == top]


def quantiles(data, *, n=4, method='exclusive'):
    """The n-1 cut points dividing the data into n intervals of equal probability."""
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    result = []
    if method == 'inclusive':
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == 'exclusive':
        m = ld + 1
        for i in range(1, n):
            j = min(max(i * m // n, 1), ld - 1)        # clamped to 1 .. ld-1
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError(f'Unknown method: {method!r}')


# ====================================================================================
# Spread
# ====================================================================================

def _spread(data, center, name, minimum):
    """The mean square deviation (divided by n - 1 for a sample), and the type."""
    T, ss, c, n = _ss(data, center)
    if n < minimum:
        what = 'two data points' if minimum == 2 else 'one data point'
        raise StatisticsError(f'{name} requires at least {what}')
    divisor = n - 1 if minimum == 2 else n
    if isinstance(ss, float):
        return T, ss / divisor
    return T, _div_int(ss, divisor)


def variance(data, xbar=None):
    """The sample variance (divided by n - 1)."""
    T, mss = _spread(data, xbar, 'variance', 2)
    return mss if isinstance(mss, float) else _convert(mss, T)


def pvariance(data, mu=None):
    """The population variance (divided by n)."""
    T, mss = _spread(data, mu, 'pvariance', 1)
    return mss if isinstance(mss, float) else _convert(mss, T)


def stdev(data, xbar=None):
    """The sample standard deviation, correctly rounded."""
    T, mss = _spread(data, xbar, 'stdev', 2)
    return math.sqrt(mss) if isinstance(mss, float) else _sqrt_to_float(*mss)


def pstdev(data, mu=None):
    """The population standard deviation, correctly rounded."""
    T, mss = _spread(data, mu, 'pstdev', 1)
    return math.sqrt(mss) if isinstance(mss, float) else _sqrt_to_float(*mss)
