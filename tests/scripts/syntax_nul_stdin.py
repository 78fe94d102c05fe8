# The program of this test is syntax_nul_stdin.stdin, read from standard input
# (the .opts file says "-"); this file is only its first argument.
