x = f"value {}"
