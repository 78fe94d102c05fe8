values = {"a": 1}
result = (values["a"]
          + values["b"])
