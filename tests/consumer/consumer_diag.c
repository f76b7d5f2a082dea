/* A program outside the project, built against the installed leak tools:
 * writes a heap snapshot of a small heap to a temporary file. */
#define _POSIX_C_SOURCE 200809L
#include <genheap.h>
#include <genheap_diag.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    gh_heap *h = gh_heap_create(NULL);
    FILE *f = tmpfile();
    if (!h || !f)
        return 1;
    gh_error err = gh_snapshot_write_fd(h, fileno(f));
    off_t size = lseek(fileno(f), 0, SEEK_END);
    char nice[32];
    printf("consumer_diag snapshot %s, %s\n",
           err == GH_OK ? "written" : gh_diag_last_error_message(),
           gh_diag_nice_size((int64_t)size, nice, sizeof nice));
    fclose(f);
    gh_heap_destroy(h);
    return err == GH_OK && size > 100 ? 0 : 1;
}
