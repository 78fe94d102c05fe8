# copy
