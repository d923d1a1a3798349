/*
 * quotes.c - quote grounding: each quote must occur in its source's archived text.
 *
 * Quotes and texts are folded (whitespace, quote marks, dashes, ellipses)
 * before matching; archive paths must stay inside the archive folder.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- quote grounding ---------------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes left); returns its length (1 for an
 * invalid byte, which then stands for itself). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80 || n < 2) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    *cp = s[0];
    return 1;
}

char *ct_corpus__text_fold(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    char *out = ct_malloc(n * 3 + 1); /* an ellipsis (3 bytes) becomes "..." */
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 1; /* drop leading whitespace */
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int is_space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                       cp == 0x2009 || cp == 0x202F || cp == 0x200A || cp == 0x2002 || cp == 0x2003;
        if (is_space) {
            if (!space)
                out[o++] = ' ';
            space = 1;
            i += k;
            continue;
        }
        space = 0;
        if (cp == '\'' || cp == '"' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A ||
            cp == 0x201B || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
            cp == 0xAB || cp == 0xBB || cp == 0x2032 || cp == 0x2033 || cp == 0x2039 ||
            cp == 0x203A) {
            out[o++] = '"';
        } else if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            out[o++] = '-';
        } else if (cp == 0x2026) {
            memcpy(out + o, "...", 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

typedef struct {
    const char *source;
    char *folded;     /* NULL when unreadable */
    size_t unchecked; /* claims of a source without an archive */
} archive_text;

/* Read the archived text of source `s`: its "archive" path, relative to the
 * archive folder `root_real` (resolved), must resolve, links included, to a
 * regular file inside that folder.  Returns 0 with *raw set, 1 when refused
 * or unreadable (reported), or CT_ENOMEM. */
static int read_archive(ct_load_ctx *l, const ct_source *s, const char *root, const char *root_real,
                        char **raw, size_t *len)
{
    char ptr[300];
    snprintf(ptr, sizeof ptr, "/sources/%s/archive", s->id);
    size_t n = strlen(root) + strlen(s->archive) + 2;
    char *path = ct_malloc(n);
    if (!path)
        return CT_ENOMEM;
    snprintf(path, n, "%s/%s", root, s->archive);
    int rc = 0;
    char *real = realpath(path, NULL);
    size_t k = strlen(root_real);
    struct stat st;
    int fd = -1;
    if (!real && errno == ENOMEM) {
        rc = CT_ENOMEM;
    } else if (!real) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                         strerror(errno));
    } else if (strncmp(real, root_real, k) != 0 ||
               (real[k] != '/' && strcmp(root_real, "/") != 0)) {
        rc = ct_diag_add(
            l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
            "archive \"%s\" of source \"%s\" resolves to %s, outside the archive folder %s "
            "(expected a file inside it)",
            s->archive, s->id, real, root);
    } else if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0 ||
               fstat(fd, &st) != 0) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                         strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                         "archive \"%s\" of source \"%s\" is %s (expected a regular file)",
                         s->archive, s->id, ct_corpus__file_kind(st.st_mode));
    } else {
        int r = ct_corpus__read_fd(fd, 0, (size_t)st.st_size, raw, len);
        if (r == CT_ENOMEM)
            rc = r;
        else if (r != 0)
            rc = ct_diag_add(l->diags, CT_DIAG_ERROR, s->file, 0, 0, ptr,
                             "cannot read the archived text of source \"%s\" (%s): %s", s->id, path,
                             strerror(errno));
        else
            rc = 2; /* read */
    }
    if (fd >= 0)
        close(fd);
    free(real);
    ct_free(path);
    if (rc == 2)
        return 0;
    if (rc == 0)
        ct_corpus__note(l, CT_EIO);
    return rc < 0 ? CT_ENOMEM : 1;
}

int ct_corpus__check_quotes(ct_load_ctx *l, const char *root)
{
    ct_corpus *c = l->c;
    char *root_real = realpath(root, NULL);
    if (!root_real) {
        int rc = errno == ENOMEM
                     ? CT_ENOMEM
                     : ct_diag_add(l->diags, CT_DIAG_ERROR, root, 0, 0, NULL,
                                   "cannot read the archive folder: %s", strerror(errno));
        ct_corpus__note(l, rc < 0 ? rc : CT_EIO);
        return rc < 0 ? rc : 0;
    }
    archive_text *texts = ct_calloc(c->n_sources, sizeof *texts);
    int rc = 0, required = l->opts && l->opts->archive_required;
    if (!texts) {
        free(root_real);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < c->n_sources && rc == 0; i++) {
        const ct_source *s = &c->sources[i];
        texts[i].source = s->id;
        if (!s->archive)
            continue;
        char *raw;
        size_t len;
        int r = read_archive(l, s, root, root_real, &raw, &len);
        if (r < 0) {
            rc = r;
        } else if (r == 0) {
            texts[i].folded = ct_corpus__text_fold(raw, len);
            ct_free(raw);
            if (!texts[i].folded)
                rc = CT_ENOMEM;
        }
    }
    free(root_real);
    for (size_t i = 0; i < c->n_claims && rc == 0; i++) {
        const ct_claim *cl = &c->claims[i];
        size_t si;
        for (si = 0; si < c->n_sources; si++)
            if (c->sources[si].id == cl->source)
                break;
        if (si == c->n_sources || !texts[si].folded) {
            if (si < c->n_sources && !c->sources[si].archive) {
                texts[si].unchecked++;
                if (required) {
                    l->file = cl->file;
                    rc = ct_corpus__error(
                        l, NULL, cl->line,
                        "claim %s: source \"%s\" has no archive to check its quote against", cl->id,
                        cl->source);
                    rc = rc == CT_ENOMEM ? rc : 0;
                }
            }
            continue;
        }
        char *q = ct_corpus__text_fold(cl->quote, strlen(cl->quote));
        if (!q) {
            rc = CT_ENOMEM;
            break;
        }
        if (!strstr(texts[si].folded, q)) {
            l->file = cl->file;
            rc = ct_corpus__error(
                l, NULL, cl->line,
                "claim %s: quote not found in the archived text of source \"%s\": \"%.60s%s\"",
                cl->id, cl->source, cl->quote, strlen(cl->quote) > 60 ? "..." : "");
            rc = rc == CT_ENOMEM ? rc : 0;
        }
        ct_free(q);
    }
    for (size_t i = 0; i < c->n_sources && rc == 0 && !required; i++)
        if (texts[i].unchecked)
            rc = ct_corpus__warn(l, NULL,
                                 "source \"%s\" has no archived text: the quotes of its "
                                 "%zu claim%s are not checked (--require-archive makes this an "
                                 "error)",
                                 texts[i].source, texts[i].unchecked,
                                 texts[i].unchecked == 1 ? "" : "s");
    for (size_t i = 0; i < c->n_sources; i++)
        ct_free(texts[i].folded);
    ct_free(texts);
    return rc;
}
