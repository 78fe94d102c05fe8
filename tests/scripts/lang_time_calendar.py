# time: struct_time, gmtime, localtime, mktime, strftime, asctime, ctime
import time

t = time.gmtime(1767225600)          # 2026-01-01 00:00:00 UTC
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t[0], t[-1], t[1:3], t[::4], len(t), list(t)[:3], tuple(t) == t, t == tuple(t))
print(t.tm_zone, t.tm_gmtoff)
print(type(t).__name__, isinstance(t, time.struct_time))
year, mon, *rest = t
print(year, mon, rest)
print(hash(t) == hash(tuple(t)))
print(time.gmtime(0))
print(time.gmtime(1.99).tm_sec, time.gmtime(-1.5))
print(time.gmtime(951782400))        # 2000-02-29
print(time.gmtime(4102444799))       # 2099-12-31 23:59:59

print(time.strftime("%Y-%m-%d %H:%M:%S", t))
print(time.strftime("%a %A %b %B %j %U %w %y %%", t))
print(time.strftime("%Y", (2026, 0, 0, 0, 0, 0, 0, 0, 0)))
print(repr(time.strftime("", t)))
print(time.asctime(t))
print(time.asctime((2026, 7, 4, 9, 5, 3, 5, 185, 0)))
print(time.strftime("%H:%M", time.gmtime(3600 * 13 + 60 * 7)))

# localtime and mktime agree with each other whatever the time zone
secs = 1767225600
lt = time.localtime(secs)
print(time.mktime(lt) == secs, type(time.mktime(lt)).__name__)
print(time.ctime(secs) == time.asctime(time.localtime(secs)))
print(time.localtime().tm_year >= 2024, time.gmtime(None).tm_year >= 2024)
print(len(time.ctime()), len(time.asctime()))

st = time.struct_time((2026, 5, 17, 12, 30, 0, 6, 137, 0))
print(st, st.tm_zone)
print(time.struct_time(range(11)).tm_zone)

for bad in [lambda: time.gmtime("x"), lambda: time.gmtime(1e20), lambda: time.gmtime(float("nan")),
            lambda: time.mktime((1, 2)), lambda: time.mktime("abc"), lambda: time.strftime(1),
            lambda: time.strftime("%Y", (2026, 13, 1, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime("%Y", (2026, 1, 1, 24, 0, 0, 0, 1, 0)),
            lambda: time.strftime("%Y", (2026, 1, 1, 0, 60, 0, 0, 1, 0)),
            lambda: time.strftime("%Y", (2026, 1, 32, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime("%Y", (2026, 1, 1, 0, 0, 62, 0, 1, 0)),
            lambda: time.strftime("%Y", (2026, 1, 1, 0, 0, 0, 0, 367, 0)),
            lambda: time.strftime("%Y", 5), lambda: time.asctime((2026, 1, 1)),
            lambda: time.struct_time((1, 2)), lambda: time.struct_time(range(12)),
            lambda: setattr(t, "tm_year", 1), lambda: t[9], lambda: time.gmtime(1, 2)]:
    try:
        print("ok:", bad())
    except Exception as e:
        print(type(e).__name__, e)
