try:
    {}["missing"]
except KeyError:
    print(undefined_name)
