/*
 * serve_corpus.c - the corpus of `claimtrack serve`, reloaded when its files
 * change, and what one request sees of it: conflicts and reviews as of now.
 *
 * The files are stamped on each request (names, sizes, mtimes of what the
 * loader reads); a new stamp reloads them.  The stamp reads each folder once,
 * by device and inode, so links back into the served folder cannot make it
 * walk forever.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/review.h"
#include "util/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the corpus, reloaded when its files change ---------------------------- */

static unsigned long long stamp_add(unsigned long long h, const char *path, const struct stat *st)
{
    long long f[3] = {(long long)st->st_size, (long long)st->st_mtim.tv_sec,
                      (long long)st->st_mtim.tv_nsec};
    h = ct_util__hash64(path, strlen(path) + 1, h);
    return ct_util__hash64(f, sizeof f, h);
}

/* The folders a stamp has read (device, inode): each is read once, so links
 * back into the tree (`ln -s . claims/loop`) cost one stat, not a walk. */
typedef struct {
    struct {
        dev_t dev;
        ino_t ino;
    } * items;
    size_t n, alloc;
    int oom;
} visited;

static int visit(visited *v, const struct stat *st)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i].dev == st->st_dev && v->items[i].ino == st->st_ino)
            return 0;
    if (v->n == v->alloc) {
        size_t alloc = v->alloc ? v->alloc * 2 : 16;
        void *more = ct_reallocarray(v->items, alloc, sizeof *v->items);
        if (!more) {
            v->oom = 1;
            return 0;
        }
        v->items = more;
        v->alloc = alloc;
    }
    v->items[v->n].dev = st->st_dev;
    v->items[v->n].ino = st->st_ino;
    v->n++;
    return 1;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hash the names, sizes and mtimes of what the corpus loader reads under
 * `path`: its folders (links followed, each folder once, 32 deep at most) and
 * in them the regular files it loads, in name order. */
static unsigned long long stamp_tree(unsigned long long h, const char *path, int depth,
                                     visited *seen)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ct_util__hash64("?", 1, ct_util__hash64(path, strlen(path), h));
    if (!S_ISDIR(st.st_mode))
        return depth == 0 || S_ISREG(st.st_mode) ? stamp_add(h, path, &st) : h;
    if (depth > 32 || !visit(seen, &st))
        return ct_util__hash64("@", 1, ct_util__hash64(path, strlen(path), h));
    DIR *d = opendir(path);
    if (!d)
        return ct_util__hash64("!", 1, h);
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *e;
    while ((e = readdir(d)) && !seen->oom) {
        if (e->d_name[0] == '.')
            continue;
        if (n == alloc) {
            size_t more_n = alloc ? alloc * 2 : 32;
            char **more = ct_reallocarray(names, more_n, sizeof *names);
            if (!more) {
                seen->oom = 1;
                break;
            }
            names = more;
            alloc = more_n;
        }
        if (!(names[n] = ct_strdup(e->d_name)))
            seen->oom = 1;
        else
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = seen->oom ? NULL : ct_malloc(len);
        if (child) {
            snprintf(child, len, "%s/%s", path, names[i]);
            struct stat cs;
            if (stat(child, &cs) == 0 &&
                (S_ISDIR(cs.st_mode) ||
                 (S_ISREG(cs.st_mode) && ct_corpus_file_name_loaded(names[i]))))
                h = stamp_tree(h, child, depth + 1, seen);
            ct_free(child);
        } else {
            seen->oom = 1;
        }
        ct_free(names[i]);
    }
    ct_free(names);
    return h;
}

/* The stamp of the claim files; 0 with *oom set when out of memory. */
static unsigned long long corpus_stamp(const ct_serve *s, int *oom)
{
    unsigned long long h = CT_HASH64_INIT;
    visited seen = {NULL, 0, 0, 0};
    for (size_t i = 0; i < s->n_paths; i++)
        h = stamp_tree(h, s->paths[i], 0, &seen);
    ct_free(seen.items);
    *oom = seen.oom;
    return h;
}

/* Diagnostics as text, new; NULL when out of memory. */
static char *diags_text(const ct_diag_list *diags, const char *fallback)
{
    page p;
    if (ct_serve__page_open(&p) < 0)
        return NULL;
    for (size_t i = 0; i < diags->count; i++) {
        char *line = ct_diag_format(&diags->items[i]);
        if (line) {
            fprintf(p.fp, "%s\n", line);
            ct_free(line);
        }
    }
    if (diags->count == 0)
        fputs(fallback, p.fp);
    int bad = fclose(p.fp) != 0;
    char *out = bad || !p.buf ? NULL : ct_strdup(p.buf);
    free(p.buf);
    return out;
}

/* Reload when the files changed.  0 with s->corpus set, CT_EINVALID when the
 * files do not load (s->load_error says why), or CT_ENOMEM. */
static int ensure_corpus(ct_serve *s)
{
    int oom = 0;
    unsigned long long stamp = corpus_stamp(s, &oom);
    if (oom)
        return CT_ENOMEM;
    if (s->loaded && stamp == s->stamp)
        return s->corpus ? 0 : CT_EINVALID;
    ct_corpus_free(s->corpus);
    s->corpus = NULL;
    ct_free(s->load_error);
    s->load_error = NULL;
    s->loaded = 0;
    ct_corpus *c;
    if (ct_corpus_new(&c) < 0)
        return CT_ENOMEM;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    int rc = ct_corpus_load(c, (const char *const *)s->paths, s->n_paths, &opts, &diags);
    if (rc == CT_ENOMEM) {
        ct_diag_list_dispose(&diags);
        ct_corpus_free(c);
        return CT_ENOMEM;
    }
    if (rc < 0) {
        s->load_error = diags_text(&diags, "the claim files do not load\n");
        ct_corpus_free(c);
    } else {
        s->corpus = c;
    }
    ct_diag_list_dispose(&diags);
    if (rc < 0 && !s->load_error)
        return CT_ENOMEM;
    s->stamp = stamp;
    s->loaded = 1;
    return rc < 0 ? CT_EINVALID : 0;
}

void ct_serve__view_clear(view *v)
{
    ct_review_set_free(v->reviews);
    ct_conflict_set_free(v->set);
    v->reviews = NULL;
    v->set = NULL;
}

/* Conflicts and reviews as `check` computes them.  0, CT_EINVALID (reason in
 * *why, static or s->load_error) or CT_ENOMEM. */
int ct_serve__view_load(ct_serve *s, view *v, const char **why)
{
    v->set = NULL;
    v->reviews = NULL;
    int rc = ensure_corpus(s);
    if (rc == CT_EINVALID)
        *why = s->load_error;
    if (rc < 0)
        return rc;
    size_t a, b;
    rc = ct_conflict_find(&v->set, s->corpus);
    if (rc == 0 && ct_conflict_set_find_id_collision(&a, &b, v->set) > 0) {
        *why = "two conflicts share one id; rename one subject (claimtrack check says which)\n";
        rc = CT_EINVALID;
    }
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    if (rc == 0) {
        rc = ct_review_set_load(&v->reviews, s->reviews, &diags);
        if (rc == CT_EPARSE || rc == CT_EINVALID || rc == CT_EIO) {
            *why = "the reviews file does not load (claimtrack check says why)\n";
            rc = CT_EINVALID;
        }
    }
    ct_diag_list_dispose(&diags);
    if (rc == 0 && (rc = ct_review_set_upgrade(v->reviews, v->set)) > 0)
        rc = 0;
    if (rc < 0)
        ct_serve__view_clear(v);
    return rc;
}
