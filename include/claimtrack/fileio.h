/*
 * claimtrack/fileio.h - files written whole or not at all.
 *
 * ct_atomic_open creates a temporary file beside the target; ct_atomic_commit
 * flushes it, fsyncs it, renames it over the target and fsyncs the folder, so
 * a reader sees the old file or the new one, never a mix.
 *
 * Only regular files are replaced that way.  A symbolic link is followed and
 * its target replaced (the link stays a link); anything that is not a regular
 * file (a device such as /dev/null, a FIFO, a terminal) is opened and written
 * directly, never renamed over.  So are /dev/stdout, /dev/stderr, /dev/fd/N
 * and paths under /proc/, whatever they lead to, without truncating (they
 * name where the caller redirected a descriptor: `-o /dev/stdout >> log`
 * appends to log).
 */
#ifndef CLAIMTRACK_FILEIO_H
#define CLAIMTRACK_FILEIO_H

#include <stdio.h>

typedef struct {
    char *path;    /* target */
    char *tmp;     /* temporary file beside it */
    FILE *fp;      /* write here */
    int direct;    /* 1: the target is written in place (not a regular file);
                 * 2: it names an open descriptor (/dev/stdout, /dev/fd/N,
                 * /proc/...): written in place, appended, never truncated */
    unsigned mode; /* permissions of the new file */
    int tmp_made;  /* the temporary file exists */
} ct_atomic_file;

/* Open caller-owned *f for writing `path` (f then owns its names and stream
 * until ct_atomic_commit or ct_atomic_abort).  Returns 0, CT_EIO (errno set)
 * or CT_ENOMEM. */
int ct_atomic_open(ct_atomic_file *f, const char *path);

/* ct_atomic_open in two steps, for a caller that must record the temporary
 * file's name the moment it exists (to remove it from a signal handler):
 * ct_atomic_prepare resolves the target and decides how it is written
 * (f->direct; f->tmp holds the name pattern) without creating anything;
 * ct_atomic_create then creates the temporary file (f->tmp is its name) or,
 * for a direct target, opens the target (which may block, as on a FIFO).
 * Both return as ct_atomic_open; on failure f is released. */
int ct_atomic_prepare(ct_atomic_file *f, const char *path);
int ct_atomic_create(ct_atomic_file *f);
/* Replace the target with what was written and release f.  Returns 0 or
 * CT_EIO; the temporary file is removed on failure. */
int ct_atomic_commit(ct_atomic_file *f);
/* Drop the temporary file and release f; the target is untouched. */
void ct_atomic_abort(ct_atomic_file *f);

/* Where a write to `path` lands: the final target of a chain of symbolic
 * links, or `path` itself (also for a dangling link or a loop).  New string,
 * free with ct_free; NULL when out of memory. */
char *ct_path_resolve(const char *path);

/* 1 when `a` and `b` both exist and are the same file (device and inode,
 * links followed), else 0. */
int ct_path_same_file(const char *a, const char *b);

/* Read a whole file into *out, a new NUL-terminated buffer (free with
 * ct_free), of *len bytes.  Returns 0, CT_EIO (errno set) or CT_ENOMEM. */
int ct_file_read(char **out, size_t *len, const char *path);
/* The same from a borrowed stream, read to its end (the stream stays open). */
int ct_stream_read(char **out, size_t *len, FILE *f);

#endif
