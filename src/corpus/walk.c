/*
 * walk.c - collecting corpus files from folders, and reading inputs.
 *
 * Folders are read recursively in name order; only regular corpus files are
 * taken there, links are followed once, loops and dangling links are warned
 * about.  Non-regular inputs named as paths are read up to a size limit.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- collecting files -------------------------------------------------- */

int ct_corpus__has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *ct_corpus__base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

int ct_corpus__path_add(ct_path_list *pl, const char *path)
{
    int rc = ct_corpus__grow((void **)&pl->items, &pl->alloc, pl->count, sizeof *pl->items);
    if (rc < 0)
        return rc;
    if (!(pl->items[pl->count] = ct_strdup(path)))
        return CT_ENOMEM;
    pl->count++;
    return 0;
}

int ct_corpus_file_name_loaded(const char *name)
{
    if (name[0] == '.')
        return 0;
    if (strcmp(name, "reviews.json") == 0 || ct_corpus__has_suffix(name, ".schema.json"))
        return 0;
    return ct_corpus__format_known(name);
}

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders being read, innermost first: a link back to one is a loop. */
typedef struct ct_dir_chain {
    dev_t dev;
    ino_t ino;
    const struct ct_dir_chain *up;
} ct_dir_chain;

const char *ct_corpus__file_kind(mode_t m)
{
    return S_ISFIFO(m)   ? "a FIFO"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
           : S_ISDIR(m)  ? "a folder"
                         : "not a regular file";
}

int ct_corpus__warn(ct_load_ctx *l, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(l->diags, CT_DIAG_WARNING, path, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return rc < 0 ? rc : 0;
}

/* Gather the files under `path`.  A path given on the command line is read
 * whatever it is (standard input, a pipe, a FIFO: up to the size limit); in
 * folders, only regular files are taken, and links that lead nowhere or back
 * into a folder being read are skipped with one warning each. */
int ct_corpus__collect(ct_load_ctx *l, const char *path, ct_path_list *pl, int explicit_file,
                       int depth, const ct_dir_chain *up)
{
    struct stat st;
    int rc;
    if (explicit_file && (strcmp(path, "-") == 0 || ct_corpus__input_find(l, path)))
        return ct_corpus__path_add(pl, path); /* standard input, or another in memory */
    if (!explicit_file) {
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT)
                return 0; /* listed, then gone: a temporary file of a concurrent writer */
            rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s",
                             strerror(errno));
            ct_corpus__note(l, rc < 0 ? rc : CT_EIO);
            return rc < 0 ? rc : 0;
        }
        if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
            if (errno == ENOENT)
                return ct_corpus__warn(
                    l, path, "dangling symbolic link (its target does not exist), skipped");
            if (errno == ELOOP)
                return ct_corpus__warn(l, path, "symbolic link loop, skipped");
            return ct_corpus__warn(l, path, "cannot follow symbolic link: %s, skipped",
                                   strerror(errno));
        }
    } else if (stat(path, &st) != 0) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s",
                         strerror(errno));
        ct_corpus__note(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (explicit_file)
            return ct_corpus__path_add(pl, path);
        if (!ct_corpus_file_name_loaded(ct_corpus__base_name(path)))
            return 0;
        if (!S_ISREG(st.st_mode))
            return ct_corpus__warn(
                l, path, "%s, not a regular file: skipped (name it on the command line to read it)",
                ct_corpus__file_kind(st.st_mode));
        return ct_corpus__path_add(pl, path);
    }
    for (const ct_dir_chain *a = up; a; a = a->up)
        if (a->dev == st.st_dev && a->ino == st.st_ino)
            return ct_corpus__warn(
                l, path, "symbolic link loop (leads back to a folder being read), skipped");
    if (depth > 32)
        return ct_corpus__warn(l, path, "folders nested more than 32 deep, skipped");
    DIR *d = opendir(path);
    if (!d) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read folder: %s",
                         strerror(errno));
        ct_corpus__note(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    ct_dir_chain me = {st.st_dev, st.st_ino, up};
    ct_path_list local = {0};
    struct dirent *e;
    rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = ct_malloc(n);
        if (!child) {
            rc = CT_ENOMEM;
            break;
        }
        snprintf(child, n, "%s%s%s", path, ct_corpus__has_suffix(path, "/") ? "" : "/", e->d_name);
        rc = ct_corpus__path_add(&local, child);
        ct_free(child);
    }
    closedir(d);
    if (rc == 0 && local.count) /* qsort takes no NULL array, even empty */
        qsort(local.items, local.count, sizeof *local.items, strcmp_ptr);
    for (size_t i = 0; i < local.count; i++) {
        if (rc == 0)
            rc = ct_corpus__collect(l, local.items[i], pl, 0, depth + 1, &me);
        ct_free(local.items[i]);
    }
    ct_free(local.items);
    return rc;
}

/* ---- reading inputs ----------------------------------------------------- */

#define DEFAULT_MAX_INPUT CT_DEFAULT_MAX_INPUT

static int is_given(const ct_load_ctx *l, const char *path)
{
    for (size_t i = 0; i < l->n_given; i++)
        if (strcmp(l->given[i], path) == 0)
            return 1;
    return 0;
}

const ct_corpus_input *ct_corpus__input_find(const ct_load_ctx *l, const char *path)
{
    for (size_t i = 0; l->opts && i < l->opts->n_inputs; i++)
        if (l->opts->inputs[i].name && strcmp(l->opts->inputs[i].name, path) == 0)
            return &l->opts->inputs[i];
    return NULL;
}

/* Read `fd` to its end into a new NUL-terminated buffer; more than `cap`
 * bytes (0: no limit) is CT_ETOOBIG.  Returns 0, CT_ETOOBIG, CT_EIO
 * (errno set) or CT_ENOMEM. */
int ct_corpus_read_fd(char **out, size_t *len, int fd, unsigned long long cap)
{
    return ct_corpus__read_fd(fd, cap, 0, out, len);
}

int ct_corpus__read_fd(int fd, unsigned long long cap, size_t hint, char **out, size_t *len)
{
    size_t alloc = hint + 1 > 4096 ? hint + 1 : 4096, n = 0;
    char *buf = ct_malloc(alloc);
    if (!buf)
        return CT_ENOMEM;
    for (;;) {
        if (n + 1 >= alloc) {
            char *nb = alloc > ((size_t)-1) / 4 ? NULL : ct_realloc(buf, alloc * 2);
            if (!nb) {
                ct_free(buf);
                return CT_ENOMEM;
            }
            buf = nb;
            alloc *= 2;
        }
        size_t want = alloc - n - 1;
        if (cap && want > cap + 1 - n)
            want = (size_t)(cap + 1 - n); /* one byte past the limit tells */
        ssize_t got = read(fd, buf + n, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            ct_free(buf);
            errno = e;
            return CT_EIO;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (cap && n > cap) {
            ct_free(buf);
            return CT_ETOOBIG;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static int input_error(ct_load_ctx *l, const char *path, int rc)
{
    if (rc == CT_ENOMEM) {
        ct_corpus__note(l, rc);
        return rc;
    }
    unsigned long long cap =
        l->opts && l->opts->max_input_size ? l->opts->max_input_size : DEFAULT_MAX_INPUT;
    int r = rc == CT_ETOOBIG
                ? ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL,
                              "input larger than %llu bytes, the size limit for pipes and other "
                              "non-regular inputs (raise it with --max-input-size)",
                              cap)
                : ct_diag_add(l->diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s",
                              strerror(errno));
    ct_corpus__note(l, r < 0 ? r : CT_EIO);
    return r < 0 ? r : CT_EIO;
}

/* Open and read one input.  A file found in a folder must still be a regular
 * file when opened: it is opened without blocking (a FIFO put there
 * meanwhile cannot hang the run) and skipped otherwise.  Standard input and
 * other non-regular inputs given by name are read up to the size limit.
 * With `stream` (JSONL), a regular file is returned as *stream instead of
 * being read.  Returns 0, 1 (skipped, warned), CT_EIO or CT_ENOMEM. */
int ct_corpus__read_input(ct_load_ctx *l, const char *path, char **text, size_t *len, FILE **stream)
{
    unsigned long long cap =
        l->opts && l->opts->max_input_size ? l->opts->max_input_size : DEFAULT_MAX_INPUT;
    int rc;
    *text = NULL;
    *len = 0;
    if (stream)
        *stream = NULL;
    const ct_corpus_input *in = ct_corpus__input_find(l, path);
    if (in || strcmp(path, "-") == 0) {
        /* read by the caller (standard input, say): its text, or why it failed */
        if (in && in->status) {
            errno = in->errno_value;
            return input_error(l, path, in->status == CT_ETOOBIG ? CT_ETOOBIG : CT_EIO);
        }
        size_t n = in && in->text ? in->len : 0;
        if (!(*text = ct_malloc(n + 1)))
            return input_error(l, path, CT_ENOMEM);
        if (n)
            memcpy(*text, in->text, n);
        (*text)[n] = '\0';
        *len = n;
        return 0;
    }
    int given = is_given(l, path);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (given ? 0 : O_NONBLOCK));
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        errno = e;
        return input_error(l, path, CT_EIO);
    }
    if (!S_ISREG(st.st_mode) && !given) {
        close(fd);
        rc = ct_corpus__warn(l, path, "%s, not a regular file: skipped",
                             ct_corpus__file_kind(st.st_mode));
        return rc < 0 ? rc : 1;
    }
    if (!given && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
        close(fd);
        return input_error(l, path, CT_EIO);
    }
    if (S_ISREG(st.st_mode) && stream) {
        if (!(*stream = fdopen(fd, "rb"))) {
            int e = errno;
            close(fd);
            errno = e;
            return input_error(l, path, e == ENOMEM ? CT_ENOMEM : CT_EIO);
        }
        return 0;
    }
    size_t hint = S_ISREG(st.st_mode) && (unsigned long long)st.st_size < ((size_t)-1) / 4
                      ? (size_t)st.st_size
                      : 0;
    rc = ct_corpus__read_fd(fd, S_ISREG(st.st_mode) ? 0 : cap, hint, text, len);
    int e = errno;
    close(fd);
    errno = e;
    return rc ? input_error(l, path, rc) : 0;
}
