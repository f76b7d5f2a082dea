# build.mk -- compiles the benchmark programs into $(OUT)/bin.  bench/run
# calls it after building libgenheap with CMake:
#
#   make -f bench/build.mk ROOT=<repo> OUT=<repo>/bench/.build GHLIB=<libgenheap.a>
#
# Each workload W has W_genheap.c, W_boehm.c and W_malloc.c; the malloc
# source is linked three times: glibc's malloc, -lmimalloc and -ljemalloc
# (both of which replace malloc/free for the whole program when linked).

ROOT ?= ..
OUT ?= $(ROOT)/bench/.build
GHLIB ?= $(OUT)/genheap/src/libgenheap.a
B := $(ROOT)/bench
W := $(B)/workloads
BIN := $(OUT)/bin

CC ?= cc
CFLAGS ?= -O2
WFLAGS := -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE
GH_CFLAGS := -I$(ROOT)/include

WORKLOADS := binary_trees gcbench lesson1 lesson3 splay fragmentation
IMPLS := genheap boehm malloc mimalloc jemalloc
PROGRAMS := $(foreach w,$(WORKLOADS),$(foreach i,$(IMPLS),$(BIN)/$(w)_$(i))) \
            $(BIN)/measure $(BIN)/micro $(BIN)/gc_threads $(BIN)/page_cost
HEADERS := $(wildcard $(W)/*.h)

.PHONY: all
all: $(PROGRAMS)

$(BIN):
	mkdir -p $@

$(BIN)/measure: $(B)/measure.c | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $<

$(BIN)/page_cost: $(B)/page_cost.c | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $<

$(BIN)/micro: $(B)/micro.c $(ROOT)/include/genheap.h $(GHLIB) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) $(GH_CFLAGS) -o $@ $< $(GHLIB)

$(BIN)/gc_threads: $(B)/gc_threads.c $(ROOT)/include/genheap.h $(GHLIB) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) $(GH_CFLAGS) -o $@ $< $(GHLIB) -lpthread

$(BIN)/%_genheap: $(W)/%_genheap.c $(HEADERS) $(ROOT)/include/genheap.h $(GHLIB) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) $(GH_CFLAGS) -o $@ $< $(GHLIB)

$(BIN)/%_boehm: $(W)/%_boehm.c $(HEADERS) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< -lgc

$(BIN)/%_malloc: $(W)/%_malloc.c $(HEADERS) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $<

$(BIN)/%_mimalloc: $(W)/%_malloc.c $(HEADERS) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< -Wl,--no-as-needed -lmimalloc

$(BIN)/%_jemalloc: $(W)/%_malloc.c $(HEADERS) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< -Wl,--no-as-needed -ljemalloc

# lesson1's labelled pretenuring variant (see workloads/lesson1_genheap.c)
# splay with incremental marking off: the stop-the-world reference that the
# splay-latency table compares pauses and throughput with
all: $(BIN)/splay_genheap-stw
$(BIN)/splay_genheap-stw: $(W)/splay_genheap.c $(HEADERS) $(ROOT)/include/genheap.h $(GHLIB) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) $(GH_CFLAGS) -DGH_BENCH_STW -o $@ $< $(GHLIB)

all: $(BIN)/lesson1_genheap-pretenure
$(BIN)/lesson1_genheap-pretenure: $(W)/lesson1_genheap.c $(HEADERS) $(ROOT)/include/genheap.h $(GHLIB) | $(BIN)
	$(CC) $(WFLAGS) $(CFLAGS) $(GH_CFLAGS) -DLESSON1_PRETENURE -o $@ $< $(GHLIB)
