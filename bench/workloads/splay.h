/*
 * splay.h -- shared by the C variants of splay, after Octane's Splay: a
 * splay tree of N nodes, each holding a payload tree (GeneratePayloadTree:
 * a binary tree of depth 5 whose 32 leaves each hold an array of the numbers
 * 0..9 and a string naming the key); then M modifications, each inserting a
 * node with a new random key and a new payload and removing a node (the
 * greatest key below the new one, or the new one if none).
 *
 * Differences from Octane: keys are 28-bit integers from xorshift32 (not
 * Math.random() doubles), so that C and JS agree bit for bit; the C variants
 * keep the splay's scratch header on the stack (js/splay.js allocates one per
 * splay, as Octane does).
 *
 *   splay_X [nodes [modifications [payload_depth]]]   (default 8000 200000 5)
 *
 * Output: node count, sum of keys, and the sum over all nodes of (length of
 * the leftmost leaf's string + that leaf's array[9]).  stderr gets
 * "BENCHMETRIC ops_per_s=..." for the modification phase alone (one op =
 * one insert-and-remove, Octane's "modification").
 */
#ifndef SPLAY_H
#define SPLAY_H

#include "bench_common.h"

#define SPLAY_SEED 49734321u
#define SPLAY_ARRAY_LEN 10

typedef struct splay_params {
    long nodes, modifications;
    int payload_depth;
} splay_params;

static inline splay_params splay_parse(int argc, char **argv)
{
    splay_params p;
    p.nodes = bench_arg(argc, argv, 1, 8000, 1);
    p.modifications = bench_arg(argc, argv, 2, 200000, 0);
    p.payload_depth = (int)bench_arg(argc, argv, 3, 5, 0);
    return p;
}

static inline int64_t splay_next_key(uint32_t *seed)
{
    return (int64_t)(bench_xorshift32(seed) & 0xFFFFFFFu);
}

/* The text of every leaf string of the payload for key. */
static inline int splay_tag(char *buf, size_t n, int64_t key)
{
    return snprintf(buf, n, "String for key %lld in leaf node", (long long)key);
}

static inline void splay_report(long count, int64_t key_sum, int64_t payload_sum, long mods,
                                double seconds)
{
    printf("splay: %ld nodes, key sum %lld, payload check %lld\n", count, (long long)key_sum,
           (long long)payload_sum);
    fprintf(stderr, "BENCHMETRIC ops_per_s=%.0f\n", seconds > 0 ? (double)mods / seconds : 0.0);
}

#endif
