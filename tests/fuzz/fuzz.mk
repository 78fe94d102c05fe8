# fuzz.mk -- builds the libFuzzer targets; run by `make fuzz` (Makefile.am), which
# passes the variables below.
#
# The targets are built from gilt's own sources a second time, with clang, into
# tests/fuzz/build/ of the build tree, so the normal build (gcc, libgilt.la) is never
# touched.  Every object gets the fuzzer's coverage instrumentation, AddressSanitizer
# and UndefinedBehaviorSanitizer, and -DGILT_FUZZ (the instruction budget and the
# smaller allocation cap of src/debug.h), -DGILT_SANITIZER (plain malloc, so ASan sees
# every allocation) and -DGILT_DEBUG (G_ASSERT on).
#
#   FUZZ_CC   clang with libFuzzer          SRCDIR    the source tree
#   SOURCES   libgilt's .c files            TOPBUILD  the build tree (config.h)
#   LIBS      the libraries gilt links      EXTRA_CPPFLAGS  mimalloc's and ncurses's -I
OUT = tests/fuzz/build
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-strict-aliasing $(SANITIZE) \
	-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-initializer-overrides \
	-DGILT_FUZZ=1 -DGILT_SANITIZER=1 -DGILT_DEBUG=1 -D_GNU_SOURCE \
	-I$(SRCDIR)/src -I$(TOPBUILD) $(EXTRA_CPPFLAGS)
TARGETS = fuzz_compile fuzz_run
LIB_OBJS = $(patsubst %.c,$(OUT)/obj/%.o,$(SOURCES))

vpath %.c $(SRCDIR) .

all: $(addprefix $(OUT)/,$(TARGETS))

$(OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(OUT)/%: $(OUT)/obj/tests/fuzz/%.o $(LIB_OBJS)
	@echo "  FUZZLD   $@"
	@$(FUZZ_CC) $(SANITIZE) -fsanitize=fuzzer $^ $(LIBS) -o $@

.PRECIOUS: $(OUT)/obj/%.o
-include $(LIB_OBJS:.o=.d) $(patsubst %,$(OUT)/obj/tests/fuzz/%.d,$(TARGETS))
