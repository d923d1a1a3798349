/*
 * review.c - the reviews file: load, query, update, prune, save, lock.
 *
 * The set keeps the whole document as jansson values, so fields the tool does
 * not know survive a rewrite.  Saving dumps with sorted keys and two-space
 * indentation: the same content always gives the same bytes, and a new review
 * shows as a small diff.
 */
#include "review_int.h"
#include "claimtrack/common.h"
#include "claimtrack/corpus.h"
#include "claimtrack/fileio.h"
#include "claimtrack/schema.h"
#include "embedded.h"
#include "util/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct ct_review_set {
    json_t *doc;     /* the whole file */
    json_t *reviews; /* borrowed: doc["reviews"] */
};

static const char *const state_names[] = {"unreviewed", "stale", "confirmed", "dismissed",
                                          "resolved"};

const char *ct_review_state_name(ct_review_state s) { return state_names[s]; }

int ct_fail_on_from_name(ct_fail_on *out, const char *name)
{
    static const char *const names[] = {"unreviewed", "stale", "conflict", "none", "new"};
    CT_ASSERT_ARG(out);
    for (int i = 0; name && i < 5; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (ct_fail_on)i;
            return 0;
        }
    return CT_ENOTFOUND;
}

int ct_review_blocks(ct_fail_on policy, ct_review_state s)
{
    switch (policy) {
    case CT_FAIL_ON_NEW: /* the baseline part is the report's (src/report/model.c) */
    case CT_FAIL_ON_UNREVIEWED: return s == CT_REVIEW_UNREVIEWED || s == CT_REVIEW_STALE;
    case CT_FAIL_ON_STALE: return s == CT_REVIEW_STALE;
    case CT_FAIL_ON_CONFLICT: return s != CT_REVIEW_DISMISSED;
    case CT_FAIL_ON_NONE: return 0;
    }
    return 0;
}

static int empty_set(ct_review_set *s)
{
    s->doc = json_pack("{sss{}}", "$schema", "../schema/reviews.schema.json", "reviews");
    if (!s->doc)
        return CT_ENOMEM;
    s->reviews = json_object_get(s->doc, "reviews");
    return 0;
}

/* The first control character other than tab, LF and CR in the strings and
 * keys of `v` (`ptr` holds v's JSON pointer, in a buffer of `cap` bytes):
 * its code, with `ptr` naming where, or 0. */
static int find_control(const json_t *v, char *ptr, size_t cap)
{
    size_t mark = strlen(ptr);
    if (json_is_string(v)) {
        /* no NUL here: the file is parsed without JSON_ALLOW_NUL */
        for (const char *s = json_string_value(v); *s; s++) {
            unsigned char ch = (unsigned char)*s;
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
                return ch;
        }
        return 0;
    }
    const char *key;
    json_t *m;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, m)
        {
            snprintf(ptr + mark, cap - mark, "/%s", key);
            for (const char *k = key; *k; k++)
                if ((unsigned char)*k < 0x20)
                    return (unsigned char)*k;
            int ch = find_control(m, ptr, cap);
            if (ch)
                return ch;
            ptr[mark] = '\0';
        }
    } else if (json_is_array(v)) {
        json_array_foreach((json_t *)v, i, m)
        {
            snprintf(ptr + mark, cap - mark, "/%zu", i);
            int ch = find_control(m, ptr, cap);
            if (ch)
                return ch;
            ptr[mark] = '\0';
        }
    }
    return 0;
}

int ct_review_set_parse(ct_review_set **out, const char *path, const char *text, size_t len,
                        ct_diag_list *diags)
{
    ct_review_set *s = ct_calloc(1, sizeof *s);
    if (!s)
        return CT_ENOMEM;
    json_error_t err = {0};      /* jansson leaves it unset when an allocation fails */
    memset(&err, 0, sizeof err); /* read below also when json_loadb did not run */
    size_t bom =
        len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a leading BOM is skipped */
    s->doc = memchr(text, '\0', len)
                 ? NULL
                 : json_loadb(text + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
    if (!s->doc) {
        int rc = ct_diag_add(diags, CT_DIAG_ERROR, path, err.line > 0 ? err.line : 1,
                             err.column > 0 ? err.column : 1, NULL, "%s",
                             err.text[0] ? err.text : "unexpected NUL byte");
        ct_free(s);
        return rc < 0 || json_error_code(&err) == json_error_out_of_memory ? CT_ENOMEM : CT_EPARSE;
    }
    char ptr[512] = "";
    int ctl = find_control(s->doc, ptr, sizeof ptr);
    if (ctl) {
        int rc = ct_diag_add(diags, CT_DIAG_ERROR, path, 0, 0, ptr,
                             "control character U+%04X in a string (expected text: "
                             "only tab, line feed and carriage return are allowed)",
                             ctl);
        json_decref(s->doc);
        ct_free(s);
        return rc < 0 ? CT_ENOMEM : CT_EINVALID;
    }
    json_t *schema_doc =
        json_loadb(ct_embedded__reviews_schema, ct_embedded__reviews_schema_len, 0, &err);
    ct_schema *schema = NULL;
    int rc = schema_doc ? ct_schema_new(&schema, schema_doc, NULL) : CT_ENOMEM;
    json_decref(schema_doc);
    if (rc == 0) {
        rc = ct_schema_validate(schema, "", s->doc, path, "", diags);
        rc = rc == CT_EPARSE ? CT_EINVALID : rc; /* too deep to validate: invalid */
    }
    ct_schema_free(schema);
    if (rc < 0) {
        json_decref(s->doc);
        ct_free(s);
        return rc;
    }
    s->reviews = json_object_get(s->doc, "reviews");
    *out = s;
    return 0;
}

/* Read the reviews file: only a regular file, opened without blocking (a
 * FIFO named reviews.json never hangs a run) and at most the input size cap.
 * CT_ENOTFOUND when there is none; errors are reported in diags. */
static int read_reviews_file(const char *path, char **text, size_t *len, ct_diag_list *diags)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return CT_ENOTFOUND;
    struct stat st;
    const char *why = NULL;
    int e = errno;
    if (fd < 0)
        why = strerror(e);
    else if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file (a reviews file must be one: FIFOs, devices and folders are "
              "refused)";
    else if ((unsigned long long)st.st_size > CT_DEFAULT_MAX_INPUT)
        why = "larger than the input size limit (4 GiB)";
    int rc = 0;
    if (!why) {
        rc = ct_corpus_read_fd(text, len, fd, CT_DEFAULT_MAX_INPUT);
        if (rc == CT_ETOOBIG) {
            why = "larger than the input size limit (4 GiB)";
            ct_free(*text);
            *text = NULL;
        } else if (rc < 0 && rc != CT_ENOMEM) {
            why = strerror(errno);
        }
    }
    if (fd >= 0)
        close(fd);
    if (rc == CT_ENOMEM)
        return rc;
    if (why) {
        if (ct_diag_add(diags, CT_DIAG_ERROR, path, 0, 0, NULL, "cannot read the reviews: %s",
                        why) < 0)
            return CT_ENOMEM;
        return CT_EIO;
    }
    return 0;
}

int ct_review_set_load(ct_review_set **out, const char *path, ct_diag_list *diags)
{
    char *text = NULL;
    size_t len = 0;
    int rc = read_reviews_file(path, &text, &len, diags);
    if (rc == CT_ENOTFOUND) {
        ct_review_set *s = ct_calloc(1, sizeof *s);
        if (!s)
            return CT_ENOMEM;
        if ((rc = empty_set(s)) < 0) {
            ct_free(s);
            return rc;
        }
        *out = s;
        return 0;
    }
    if (rc < 0)
        return rc;
    rc = ct_review_set_parse(out, path, text, len, diags);
    ct_free(text);
    return rc;
}

void ct_review_set_free(ct_review_set *s)
{
    if (!s)
        return;
    json_decref(s->doc);
    ct_free(s);
}

ct_review_state ct_review_state_of(const ct_review_set *s, const ct_conflict *c,
                                   const json_t **entry)
{
    json_t *r = s ? json_object_get(s->reviews, c->id) : NULL;
    if (entry)
        *entry = r;
    if (!r)
        return CT_REVIEW_UNREVIEWED;
    const char *digest = json_string_value(json_object_get(r, "digest"));
    if (!digest || strcmp(digest, c->digest) != 0)
        return CT_REVIEW_STALE;
    const char *status = json_string_value(json_object_get(r, "status"));
    if (status && strcmp(status, "dismissed") == 0)
        return CT_REVIEW_DISMISSED;
    if (status && strcmp(status, "resolved") == 0)
        return CT_REVIEW_RESOLVED;
    return CT_REVIEW_CONFIRMED;
}

int ct_review_set_put(ct_review_set *s, const ct_conflict *c, const char *topic,
                      const char *property, const ct_review_input *in)
{
    json_t *r = json_object_get(s->reviews, c->id);
    if (!r) {
        r = json_object();
        if (!r || json_object_set_new(s->reviews, c->id, r))
            return CT_ENOMEM;
    } else if (json_object_get(r, "status")) {
        /* keep the review being replaced in the entry's history, oldest first */
        static const char *const kept[] = {"reviewer", "date",   "status",
                                           "note",     "digest", "prefer"};
        json_t *past = json_object(), *history = json_object_get(r, "history");
        for (size_t i = 0; past && i < sizeof kept / sizeof kept[0]; i++) {
            json_t *v = json_object_get(r, kept[i]);
            if (v && json_object_set(past, kept[i], v)) {
                json_decref(past);
                past = NULL;
            }
        }
        if (!past)
            return CT_ENOMEM;
        if (!json_is_array(history)) {
            if (!(history = json_array()) || json_object_set_new(r, "history", history)) {
                json_decref(past);
                return CT_ENOMEM;
            }
        }
        if (json_array_append_new(history, past))
            return CT_ENOMEM;
    }
    json_t *prefer = NULL;
    if (in->n_prefer) {
        prefer = json_array();
        for (size_t i = 0; prefer && i < in->n_prefer; i++)
            if (json_array_append_new(prefer, json_string(in->prefer[i]))) {
                json_decref(prefer);
                prefer = NULL;
            }
        if (!prefer)
            return CT_ENOMEM;
    }
    int rc = json_object_set_new(r, "digest", json_string(c->digest)) |
             json_object_set_new(r, "status", json_string(in->status)) |
             json_object_set_new(r, "note", json_string(in->note)) |
             json_object_set_new(r, "reviewer", json_string(in->reviewer)) |
             json_object_set_new(r, "date", json_string(in->date)) |
             json_object_set_new(r, "topic", json_string(topic)) |
             json_object_set_new(r, "subject", json_string(c->subject));
    /* a rule conflict is about its rule's terms, not one property */
    if (c->rule) {
        rc |= json_object_set_new(r, "rule", json_string(c->rule));
        json_object_del(r, "property");
    } else {
        rc |= json_object_set_new(r, "property", json_string(property));
    }
    if (prefer)
        rc |= json_object_set_new(r, "prefer", prefer);
    else
        json_object_del(r, "prefer");
    /* what the review saw; an older snapshot would describe other claims */
    if (in->corpus && in->conflicts) {
        json_t *snap = ct_review__snapshot(in->corpus, in->conflicts, c);
        rc |= snap ? json_object_set_new(r, "snapshot", snap) : -1;
    } else {
        json_object_del(r, "snapshot");
    }
    return rc ? CT_ENOMEM : 0;
}

static int conflict_exists(const ct_conflict_set *set, const char *id)
{
    for (size_t i = 0; i < set->n_conflicts; i++)
        if (strcmp(set->conflicts[i].id, id) == 0)
            return 1;
    return 0;
}

static int is_legacy_id(const char *id)
{
    if (strncmp(id, "CT-", 3) != 0 || strlen(id) != 11)
        return 0;
    for (const char *p = id + 3; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

static int cmp_legacy(const void *x, const void *y)
{
    const ct_conflict *a = *(const ct_conflict *const *)x, *b = *(const ct_conflict *const *)y;
    return strcmp(a->legacy_id, b->legacy_id);
}

static int cmp_legacy_key(const void *key, const void *elem)
{
    return strcmp((const char *)key, (*(const ct_conflict *const *)elem)->legacy_id);
}

/* The one conflict whose old id is `id`, or NULL (none, or several). */
static const ct_conflict *legacy_match(const ct_conflict **sorted, size_t n, const char *id)
{
    const ct_conflict **hit = bsearch(id, sorted, n, sizeof *sorted, cmp_legacy_key);
    if (!hit)
        return NULL;
    if ((hit > sorted && strcmp(hit[-1]->legacy_id, id) == 0) ||
        (hit + 1 < sorted + n && strcmp(hit[1]->legacy_id, id) == 0))
        return NULL;
    return *hit;
}

int ct_review_set_upgrade(ct_review_set *s, const ct_conflict_set *conflicts)
{
    size_t n = conflicts->n_conflicts;
    json_t *old_ids = json_array();
    const ct_conflict **sorted = ct_reallocarray(NULL, n ? n : 1, sizeof *sorted);
    int rc = old_ids && sorted ? 0 : CT_ENOMEM;
    const char *id;
    json_t *r;
    if (rc == 0)
        json_object_foreach(s->reviews, id, r)
        {
            if (is_legacy_id(id) && json_array_append_new(old_ids, json_string(id))) {
                rc = CT_ENOMEM;
                break;
            }
        }
    size_t moved = 0;
    if (rc == 0 && json_array_size(old_ids) > 0) {
        for (size_t i = 0; i < n; i++)
            sorted[i] = &conflicts->conflicts[i];
        qsort(sorted, n, sizeof *sorted, cmp_legacy);
        size_t i;
        json_t *v;
        json_array_foreach(old_ids, i, v)
        {
            const char *old = json_string_value(v);
            const ct_conflict *c = legacy_match(sorted, n, old);
            if (!c)
                continue;
            r = json_incref(json_object_get(s->reviews, old));
            json_object_del(s->reviews, old);
            moved++;
            if (json_object_get(s->reviews, c->id)) { /* reviewed again since */
                json_decref(r);
                continue;
            }
            const char *digest = json_string_value(json_object_get(r, "digest"));
            int kept = digest && strcmp(digest, c->legacy_digest) == 0;
            if ((kept && json_object_set_new(r, "digest", json_string(c->digest))) ||
                json_object_set_new(r, "upgraded_from", json_string(old))) {
                json_decref(r);
                rc = CT_ENOMEM;
                break;
            }
            if (json_object_set_new(s->reviews, c->id, r)) { /* takes r, even on failure */
                rc = CT_ENOMEM;
                break;
            }
        }
    }
    json_decref(old_ids);
    ct_free(sorted);
    return rc < 0 ? rc : (int)moved;
}

int ct_review_set_add_snapshots(ct_review_set *s, const ct_corpus *corpus,
                                const ct_conflict_set *conflicts)
{
    int n = 0;
    for (size_t i = 0; i < conflicts->n_conflicts; i++) {
        const ct_conflict *c = &conflicts->conflicts[i];
        json_t *r = json_object_get(s->reviews, c->id);
        const char *digest = json_string_value(json_object_get(r, "digest"));
        if (!r || json_object_get(r, "snapshot") || !digest || strcmp(digest, c->digest) != 0)
            continue;
        json_t *snap = ct_review__snapshot(corpus, conflicts, c);
        if (!snap || json_object_set_new(r, "snapshot", snap))
            return CT_ENOMEM;
        n++;
    }
    return n;
}

json_t *ct_review_orphans(const ct_review_set *s, const ct_conflict_set *conflicts)
{
    json_t *out = json_array();
    const char *id;
    json_t *r;
    if (!out)
        return NULL;
    json_object_foreach(s->reviews, id, r)
    {
        if (!conflict_exists(conflicts, id) && json_array_append_new(out, json_string(id))) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

int ct_review_set_prune(ct_review_set *s, const ct_conflict_set *conflicts, json_t *removed)
{
    return ct_review_set_prune_loaded(s, conflicts, NULL, removed, NULL);
}

/* 1 when the review names a topic `corpus` holds (or corpus is NULL; or
 * the review names no topic, as old files may). */
static int topic_loaded(const ct_corpus *corpus, const json_t *review)
{
    const char *topic = json_string_value(json_object_get(review, "topic"));
    if (!corpus || !topic)
        return 1;
    size_t n;
    const ct_topic *t = ct_corpus_topics(corpus, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, topic) == 0)
            return 1;
    return 0;
}

int ct_review_set_prune_loaded(ct_review_set *s, const ct_conflict_set *conflicts,
                               const ct_corpus *corpus, json_t *removed, size_t *kept)
{
    if (kept)
        *kept = 0;
    json_t *orphans = ct_review_orphans(s, conflicts);
    if (!orphans)
        return CT_ENOMEM;
    size_t i;
    json_t *id;
    int n = 0;
    json_array_foreach(orphans, i, id)
    {
        if (!topic_loaded(corpus, json_object_get(s->reviews, json_string_value(id)))) {
            if (kept)
                (*kept)++;
            continue;
        }
        if (json_array_append(removed, id)) {
            json_decref(orphans);
            return CT_ENOMEM;
        }
        json_object_del(s->reviews, json_string_value(id));
        n++;
    }
    json_decref(orphans);
    return n;
}

int ct_review_is_own_temporary(const char *name, const char *base)
{
    /* exactly what ct_atomic_create makes: BASE ".tmp" and mkstemp's six
     * letters or digits */
    size_t blen = strlen(base);
    if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp", 4) != 0)
        return 0;
    const char *x = name + blen + 4;
    size_t n = 0;
    for (; x[n]; n++)
        if (!((x[n] >= 'a' && x[n] <= 'z') || (x[n] >= 'A' && x[n] <= 'Z') ||
              (x[n] >= '0' && x[n] <= '9')))
            return 0;
    return n == 6;
}

void ct_review_remove_stale_temporaries(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    char *dir = slash ? ct_strndup(path, dir_len ? dir_len : 1) : ct_strdup(".");
    if (!dir)
        return;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!ct_review_is_own_temporary(e->d_name, base))
                continue;
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            char *victim = ct_malloc(n);
            if (victim) {
                snprintf(victim, n, "%s/%s", dir, e->d_name);
                unlink(victim);
                ct_free(victim);
            }
        }
        closedir(d);
    }
    ct_free(dir);
}

char *ct_review_set_text(const ct_review_set *s)
{
    return json_dumps(s->doc, JSON_INDENT(2) | JSON_SORT_KEYS);
}

int ct_review_set_save(const ct_review_set *s, const char *path,
                       void (*checkpoint)(const char *step, void *payload), void *payload)
{
    char *target = ct_path_resolve(path); /* temporaries lie beside the link's target */
    if (!target)
        return CT_ENOMEM;
    ct_review_remove_stale_temporaries(target);
    ct_free(target);
    char *text = ct_review_set_text(s);
    if (!text)
        return CT_ENOMEM;
    ct_atomic_file f;
    int rc = ct_atomic_open(&f, path);
    if (rc < 0) {
        free(text);
        return rc;
    }
    if (checkpoint)
        checkpoint("opened", payload);
    size_t len = strlen(text), half = len / 2;
    /* written in two parts, so a test can stop the process between them */
    if (fwrite(text, 1, half, f.fp) != half || fflush(f.fp) != 0)
        rc = CT_EIO;
    if (rc == 0 && checkpoint)
        checkpoint("half-written", payload);
    if (rc == 0 &&
        (fwrite(text + half, 1, len - half, f.fp) != len - half || fputc('\n', f.fp) == EOF))
        rc = CT_EIO;
    free(text);
    if (rc == 0 && checkpoint)
        checkpoint("written", payload);
    if (rc < 0) {
        ct_atomic_abort(&f);
        return rc;
    }
    return ct_atomic_commit(&f);
}

int ct_review_lock(const char *path) { return ct_review_lock_wait(path, NULL, NULL); }

/* The pid a holder recorded in the lock file, or 0. */
static long lock_holder(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    char *end;
    long pid = strtol(buf, &end, 10);
    return pid > 0 && (*end == '\n' || *end == '\0') ? pid : 0;
}

int ct_review_lock_wait(const char *path, ct_review_lock_waiting waiting, void *payload)
{
    /* locked at the link's target: writers through different names serialise */
    char *target = ct_path_resolve(path);
    if (!target)
        return CT_ENOMEM;
    size_t n = strlen(target) + 6;
    char *lock = ct_malloc(n);
    if (!lock) {
        ct_free(target);
        return CT_ENOMEM;
    }
    snprintf(lock, n, "%s.lock", target);
    ct_free(target);
    /* never through a link, never anything but a regular file: a planted
     * symlink or device must not receive the pid */
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
    ct_free(lock);
    if (fd < 0)
        return CT_EIO; /* ELOOP: a symbolic link */
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EPERM;
        return CT_EIO;
    }
    int rc;
    while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
        ;
    if (rc != 0 && errno == EWOULDBLOCK) {
        if (waiting) /* busy: say so once, then wait */
            waiting(lock_holder(fd), payload);
        while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
    }
    if (rc != 0) {
        close(fd);
        return CT_EIO;
    }
    /* record the holder for the next writer's message (best effort) */
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != (ssize_t)len) {
        /* not recorded: a waiting writer then names no pid */
    }
    return fd;
}

void ct_review_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}
