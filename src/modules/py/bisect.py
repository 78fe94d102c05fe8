# bisect
