x = f"value {1 + 2"
