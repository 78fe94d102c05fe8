class ValidationError(ValueError):
    pass
def validate(age):
    if age < 0:
        raise ValidationError
    return age
validate(-1)
