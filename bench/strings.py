# String building and formatting: f-strings with format specs, %-formatting,
# str.format, join, split, replace and concatenation in a loop.
def run(n):
    parts = []
    total = 0
    for i in range(n):
        line = f"{i:>8} | {i * 0.5:10.2f} | {hex(i)}"
        line += " | %s=%d" % ("k", i % 97)
        line = "{}: {}".format(len(line), line.replace("|", "/"))
        total += len(line.split("/"))
        parts.append(line[:12])
        if len(parts) == 100:
            total += len(",".join(parts).upper())
            parts = []
    return total


print(run(350_000))
