# an uncaught FileNotFoundError: its traceback
with open('/tmp/gilt-no-such-directory/data.txt') as f:
    print(f.read())
