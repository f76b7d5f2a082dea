/*
 * child_process.h -- run a test body in a forked child and collect its
 * stderr: for what must abort (fatal out-of-memory reports, API misuse
 * caught in debug builds) or must not disturb the parent (rlimits).
 * Shared by tests/ and tests/diag/; include after cmocka.h.
 */
#ifndef GH_TEST_CHILD_PROCESS_H
#define GH_TEST_CHILD_PROCESS_H

#include <sys/wait.h>
#include <unistd.h>

/* Run fn in a child process; returns its wait status and what it wrote to
 * stderr (NUL-terminated, truncated to errlen - 1). */
static inline int run_in_child(void (*fn)(void), char *err, size_t errlen)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        fn();
        _exit(0);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < errlen && (n = read(fds[0], err + got, errlen - 1 - got)) > 0)
        got += (size_t)n;
    err[got] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

/* Misuse is reported: the child (which exits 0 once it has seen the
 * error in a release build) either did so, or aborted as debug builds do;
 * either way its stderr holds the message. */
static inline void expect_misuse_reported(void (*child)(void), const char *needle)
{
    char err[1024];
    int status = run_in_child(child, err, sizeof err);
    bool aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    bool reported = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    assert_true(aborted || reported);
    assert_non_null(strstr(err, needle));
}

/* The child's exit status, or 128 + the signal that ended it. */
static inline int exit_code_of(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

#endif
