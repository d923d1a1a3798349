/*
 * fileio.c - atomic replacement of files.
 */
#include "claimtrack/fileio.h"
#include "claimtrack/common.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *ct_path_resolve(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return ct_strdup(path);
    char *real = realpath(path, NULL);
    if (real) {
        char *copy = ct_strdup(real);
        free(real);
        return copy;
    }
    return ct_strdup(path); /* dangling link or loop: written through directly */
}

int ct_path_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* A name of a descriptor the process already has (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N): it resolves to whatever the caller redirected there,
 * perhaps a regular file, which must be written where it is and not
 * truncated (`>> log` appends). */
static int names_a_descriptor(const char *path)
{
    return strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/stderr") == 0 ||
           strncmp(path, "/dev/fd/", 8) == 0 || strncmp(path, "/proc/", 6) == 0;
}

int ct_atomic_prepare(ct_atomic_file *f, const char *path)
{
    memset(f, 0, sizeof *f);
    if (names_a_descriptor(path)) {
        f->path = ct_strdup(path);
        f->direct = f->path ? 2 : 0;
        return f->path ? 0 : CT_ENOMEM;
    }
    f->path = ct_path_resolve(path);
    if (!f->path)
        return CT_ENOMEM;
    struct stat st, lst;
    int exists = stat(f->path, &st) == 0;
    int is_link = lstat(f->path, &lst) == 0 && S_ISLNK(lst.st_mode);
    if ((exists && !S_ISREG(st.st_mode)) || is_link) {
        f->direct = 1;
        return 0;
    }
    f->mode = exists ? (unsigned)(st.st_mode & 07777) : 0644;
    size_t n = strlen(f->path) + 16;
    f->tmp = ct_malloc(n);
    if (!f->tmp) {
        ct_atomic_abort(f);
        return CT_ENOMEM;
    }
    snprintf(f->tmp, n, "%s.tmpXXXXXX", f->path);
    return 0;
}

int ct_atomic_create(ct_atomic_file *f)
{
    if (f->direct) {
        f->fp = fopen(f->path, f->direct == 2 ? "a" : "w");
        if (!f->fp) {
            int e = errno;
            ct_atomic_abort(f);
            errno = e;
            return CT_EIO;
        }
        return 0;
    }
    int fd = mkstemp(f->tmp); /* O_EXCL: never through a planted link */
    if (fd >= 0)
        (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        ct_free(f->tmp);
        f->tmp = NULL;
        ct_atomic_abort(f);
        errno = e;
        return CT_EIO;
    }
    f->tmp_made = 1;
    (void)fchmod(fd, (mode_t)f->mode);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        int e = errno;
        close(fd);
        ct_atomic_abort(f);
        errno = e;
        return CT_EIO;
    }
    return 0;
}

int ct_atomic_open(ct_atomic_file *f, const char *path)
{
    int rc = ct_atomic_prepare(f, path);
    return rc < 0 ? rc : ct_atomic_create(f);
}

static int sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir =
        slash ? ct_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : ct_strdup(".");
    if (!dir)
        return CT_ENOMEM;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    ct_free(dir);
    if (fd < 0)
        return CT_EIO;
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : CT_EIO;
    close(fd);
    return rc;
}

int ct_atomic_commit(ct_atomic_file *f)
{
    int rc = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) || (!f->direct && fsync(fileno(f->fp)) != 0))
        rc = CT_EIO;
    int e = errno;
    if (fclose(f->fp) != 0 && rc == 0) {
        rc = CT_EIO;
        e = errno;
    }
    f->fp = NULL;
    if (rc == 0 && !f->direct && rename(f->tmp, f->path) != 0) {
        rc = CT_EIO;
        e = errno;
    }
    if (rc == 0 && !f->direct) {
        ct_free(f->tmp);
        f->tmp = NULL;
        rc = sync_parent(f->path);
        e = errno;
    }
    ct_atomic_abort(f);
    errno = e;
    return rc;
}

void ct_atomic_abort(ct_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp && f->tmp_made)
        unlink(f->tmp);
    ct_free(f->tmp);
    ct_free(f->path);
    memset(f, 0, sizeof *f);
}

int ct_file_read(char **out, size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return CT_EIO;
    int rc = ct_stream_read(out, len, f);
    int e = errno;
    fclose(f);
    errno = e;
    return rc;
}

int ct_stream_read(char **out, size_t *len, FILE *f)
{
    size_t cap = 4096, n = 0;
    char *buf = ct_malloc(cap);
    if (!buf)
        return CT_ENOMEM;
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = cap > ((size_t)-1) / 4 ? NULL : ct_realloc(buf, cap * 2);
            if (!nb) {
                ct_free(buf);
                return CT_ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        ct_free(buf);
        return CT_EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}
