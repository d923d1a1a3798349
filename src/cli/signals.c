/*
 * signals.c - temporary output files removed when the program is killed by
 * SIGINT, SIGTERM or SIGHUP (see cli.h).
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/*
 * The signal-cleanup registry: the program's one piece of global mutable
 * state, kept in this one file of the program (never in the library) on purpose.  It lists the temporary files that
 * outputs (-o, --report) are being written to; on SIGINT, SIGTERM or SIGHUP
 * the handler unlinks each of them, restores the signal's default action and
 * raises it again, so the process still dies of the signal.  The list is only
 * changed with those signals blocked (ct_cli_signals_block), so the handler
 * never sees it half-updated; the handler calls nothing but unlink, sigemptyset,
 * sigaction and raise, all async-signal-safe.  A signal that was ignored when
 * the program started (nohup) stays ignored.
 */
static struct {
    char **paths; /* NULL: a free slot */
    size_t count, alloc;
} tmp_registry;

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void cleanup_handler(int sig)
{
    int saved = errno;
    for (size_t i = 0; i < tmp_registry.count; i++)
        if (tmp_registry.paths[i])
            unlink(tmp_registry.paths[i]);
    struct sigaction dfl;
    dfl.sa_handler = SIG_DFL;
    dfl.sa_flags = 0;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when the handler returns, the signal unblocked */
    errno = saved;
}

void ct_cli_signals_install(void)
{
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cleanup_handler;
        sigemptyset(&sa.sa_mask);
        for (size_t k = 0; k < sizeof cleanup_signals / sizeof *cleanup_signals; k++)
            sigaddset(&sa.sa_mask, cleanup_signals[k]);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

void ct_cli_signals_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

void ct_cli_signals_restore(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

int ct_cli_tmp_register(const char *path)
{
    char *copy = ct_strdup(path);
    if (!copy)
        return CT_ENOMEM;
    sigset_t old;
    ct_cli_signals_block(&old);
    int slot = -1;
    if (tmp_registry.count == tmp_registry.alloc) {
        size_t n = tmp_registry.alloc ? tmp_registry.alloc * 2 : 8;
        char **grown = ct_realloc(tmp_registry.paths, n * sizeof *grown);
        if (grown) {
            tmp_registry.paths = grown;
            tmp_registry.alloc = n;
        }
    }
    if (tmp_registry.count < tmp_registry.alloc) {
        slot = (int)tmp_registry.count;
        tmp_registry.paths[slot] = copy;
        tmp_registry.count++;
    }
    ct_cli_signals_restore(&old);
    if (slot < 0)
        ct_free(copy);
    return slot < 0 ? CT_ENOMEM : slot;
}

void ct_cli_tmp_unregister(int slot)
{
    if (slot < 0 || (size_t)slot >= tmp_registry.count)
        return;
    sigset_t old;
    ct_cli_signals_block(&old);
    char *path = tmp_registry.paths[slot];
    tmp_registry.paths[slot] = NULL;
    while (tmp_registry.count > 0 && !tmp_registry.paths[tmp_registry.count - 1])
        tmp_registry.count--;
    ct_cli_signals_restore(&old);
    ct_free(path);
}

void ct_cli_signals_release(void)
{
    /* every output unregistered its temporary file; the list itself goes */
    sigset_t old;
    ct_cli_signals_block(&old);
    ct_free(tmp_registry.paths);
    tmp_registry.paths = NULL;
    tmp_registry.count = tmp_registry.alloc = 0;
    ct_cli_signals_restore(&old);
}
