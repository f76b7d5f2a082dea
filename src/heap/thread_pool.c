/*
 * thread_pool.c -- helper threads for parallel marking and scavenging.
 */
#include "thread_pool.h"

#include <stdint.h>
#include <stdlib.h>

typedef struct helper_arg {
    gh_pool *pool;
    unsigned index;
} helper_arg;

static void *helper_main(void *arg)
{
    helper_arg a = *(helper_arg *)arg;
    free(arg);
    gh_pool *pool = a.pool;
    unsigned seen = 0;
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        while (pool->generation == seen && !pool->shutdown)
            pthread_cond_wait(&pool->wake, &pool->lock);
        if (pool->shutdown)
            break;
        seen = pool->generation;
        gh_pool_job job = pool->job;
        void *ctx = pool->ctx;
        pthread_mutex_unlock(&pool->lock);
        job(ctx, a.index);
        pthread_mutex_lock(&pool->lock);
        if (++pool->finished == pool->helpers)
            pthread_cond_signal(&pool->done);
    }
    pthread_mutex_unlock(&pool->lock);
    return NULL;
}

bool gh_pool_start(gh_pool *pool, unsigned helpers)
{
    pool->helpers = 0;
    pool->generation = pool->finished = 0;
    pool->shutdown = false;
    pool->threads = NULL;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->wake, NULL);
    pthread_cond_init(&pool->done, NULL);
    if (helpers == 0)
        return true;
    pool->threads = calloc(helpers, sizeof *pool->threads);
    if (!pool->threads)
        return false;
    for (unsigned i = 0; i < helpers; i++) {
        helper_arg *arg = malloc(sizeof *arg);
        if (!arg)
            return false;
        *arg = (helper_arg){pool, i + 1};
        if (pthread_create(&pool->threads[i], NULL, helper_main, arg) != 0) {
            free(arg);
            return false;
        }
        pool->helpers++;
    }
    return true;
}

void gh_pool_stop(gh_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    pool->shutdown = true;
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    for (unsigned i = 0; i < pool->helpers; i++)
        pthread_join(pool->threads[i], NULL);
    free(pool->threads);
    pool->threads = NULL;
    pool->helpers = 0;
    pthread_mutex_destroy(&pool->lock);
    pthread_cond_destroy(&pool->wake);
    pthread_cond_destroy(&pool->done);
}

void gh_pool_run(gh_pool *pool, gh_pool_job job, void *ctx)
{
    if (pool->helpers == 0) {
        job(ctx, 0);
        return;
    }
    pthread_mutex_lock(&pool->lock);
    pool->job = job;
    pool->ctx = ctx;
    pool->finished = 0;
    pool->generation++;
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    job(ctx, 0);
    pthread_mutex_lock(&pool->lock);
    while (pool->finished < pool->helpers)
        pthread_cond_wait(&pool->done, &pool->lock);
    pthread_mutex_unlock(&pool->lock);
}
