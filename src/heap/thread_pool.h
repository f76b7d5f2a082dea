/*
 * thread_pool.h -- the collector's helper threads.
 *
 * A heap created with gc_threads = N starts N helper threads that sleep
 * until a collection hands them a job.  gh_pool_run runs job(ctx, i) on
 * every helper (i = 1..N) and on the calling thread (i = 0), and returns
 * when all are done.  The mutator is stopped meanwhile: helpers only ever
 * work inside a pause.
 */
#ifndef GH_THREAD_POOL_H
#define GH_THREAD_POOL_H

#include <pthread.h>
#include <stdbool.h>

typedef void (*gh_pool_job)(void *ctx, unsigned worker);

typedef struct gh_pool {
    unsigned helpers;
    pthread_t *threads;
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    unsigned generation; /* bumped for each job */
    unsigned finished;   /* helpers done with the current job */
    bool shutdown;
    gh_pool_job job;
    void *ctx;
} gh_pool;

/* Start `helpers` threads; false if the OS refuses (then none run). */
bool gh_pool_start(gh_pool *pool, unsigned helpers);
void gh_pool_stop(gh_pool *pool);
/* Run job on every helper and on the caller; wait for all. */
void gh_pool_run(gh_pool *pool, gh_pool_job job, void *ctx);

#endif
