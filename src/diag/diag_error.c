/*
 * diag_error.c -- the error slot of libgenheap_diag: a code goes back to
 * the caller, the sentence stays here (one per thread), as the library's
 * gh_last_error_message does for its own calls.
 */
#include <stdio.h>

#include "diag_internal.h"

static _Thread_local char last_message[512];

const char *gh_diag_last_error_message(void)
{
    return last_message;
}

gh_error gh_diag_fail(gh_error err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return err;
}

gh_error gh_diag_fail_lib(gh_error err, const char *what)
{
    return gh_diag_fail(err, "%s: %s", what, gh_last_error_message());
}
