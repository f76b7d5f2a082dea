/*
 * error.c -- the thread-local "last error" that every failing call sets,
 * and the reporting of API misuse.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "heap_internal.h"

static _Thread_local gh_error last_error;
static _Thread_local char last_message[256];

gh_error gh_last_error(void) { return last_error; }

const char *gh_last_error_message(void) { return last_error ? last_message : "no error"; }

void gh_clear_error(void)
{
    last_error = GH_OK;
    last_message[0] = '\0';
}

const char *gh_error_name(gh_error err)
{
    switch (err) {
    case GH_OK: return "GH_OK";
    case GH_ERR_NULL_HEAP: return "GH_ERR_NULL_HEAP";
    case GH_ERR_INVALID_ARGUMENT: return "GH_ERR_INVALID_ARGUMENT";
    case GH_ERR_BAD_TYPE: return "GH_ERR_BAD_TYPE";
    case GH_ERR_TOO_LARGE: return "GH_ERR_TOO_LARGE";
    case GH_ERR_OUT_OF_MEMORY: return "GH_ERR_OUT_OF_MEMORY";
    case GH_ERR_OS: return "GH_ERR_OS";
    case GH_ERR_IN_GC: return "GH_ERR_IN_GC";
    case GH_ERR_MISUSE: return "GH_ERR_MISUSE";
    case GH_ERR_HEAP_CORRUPT: return "GH_ERR_HEAP_CORRUPT";
    }
    return "GH_ERR_UNKNOWN";
}

static gh_error record(gh_error err, const char *fmt, va_list ap)
{
    last_error = err;
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    return err;
}

gh_error gh_set_error(gh_error err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(err, fmt, ap);
    va_end(ap);
    return err;
}

gh_error gh_misuse(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(GH_ERR_MISUSE, fmt, ap);
    va_end(ap);
#ifdef GH_DEBUG
    fprintf(stderr, "genheap: API misuse: %s\n", last_message);
    abort();
#endif
    return GH_ERR_MISUSE;
}

void gh__handle_use_after_close(gh_handle handle)
{
    fprintf(stderr, "genheap: API misuse: handle %p belongs to a closed handle scope\n",
            (void *)handle);
    abort();
}

_Noreturn void gh_fatal(const char *message)
{
    fprintf(stderr, "%s\n", message);
    abort();
}
