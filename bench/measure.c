/*
 * measure.c -- run one command and report what it cost.
 *
 *   measure -o RESULT_FILE [-e ENV=VALUE]... -- command [args...]
 *
 * The command inherits stdin/stdout/stderr (the caller redirects them).  When
 * it ends, one line goes to RESULT_FILE:
 *
 *   wall=1.234567 user=1.000000 sys=0.100000 maxrss_kb=123456 status=0
 *
 * wall is CLOCK_MONOTONIC from fork to reaping; user, sys and maxrss_kb come
 * from wait4()'s rusage of that child; status is its exit code, or 128+signal.
 * We do not use /usr/bin/time: it is not installed everywhere, and GNU time's
 * %M has been wrong by a factor of 4 on some versions.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv_s(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

static void usage(void)
{
    fprintf(stderr, "usage: measure -o RESULT_FILE [-e NAME=VALUE]... -- command [args...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *result_path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            result_path = argv[++i];
        } else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
            /* set in our own environment; the child inherits it */
            if (putenv(argv[++i]) != 0) {
                perror("measure: putenv");
                return 2;
            }
        } else {
            usage();
        }
    }
    if (!result_path || i >= argc)
        usage();

    FILE *out = fopen(result_path, "w");
    if (!out) {
        fprintf(stderr, "measure: cannot write %s: %s\n", result_path, strerror(errno));
        return 2;
    }

    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[i], &argv[i]);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }

    int wstatus;
    struct rusage ru;
    pid_t r;
    do
        r = wait4(pid, &wstatus, 0, &ru);
    while (r < 0 && errno == EINTR);
    double wall = now_s() - t0;
    if (r < 0) {
        perror("measure: wait4");
        return 2;
    }

    int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                 : WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
                                        : 255;
    /* ru_maxrss is in kilobytes on Linux */
    fprintf(out, "wall=%.6f user=%.6f sys=%.6f maxrss_kb=%ld status=%d\n", wall, tv_s(ru.ru_utime),
            tv_s(ru.ru_stime), ru.ru_maxrss, status);
    if (fclose(out) != 0) {
        perror("measure: writing the result");
        return 2;
    }
    return status;
}
