print("a" "b" 3 4)
