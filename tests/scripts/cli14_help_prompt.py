# help() with no argument, not at a terminal: the help> prompt reads names from
# stdin until "q" (or the end of input).  gilt's own words (.keep).
help()
print("back")
help()
print("and back again at the end of input")
