/*
 * locate.c - schema and model errors get the line and column of the value
 * they name.  jansson's trees keep no positions, so after a load the JSON
 * and JSONL files that have such errors are read once more and each error's
 * JSON pointer is found in the text (util/jsonpos.c).  XML files keep their
 * pointers: their values come from elements, not from JSON text.
 */
#include "claimtrack/common.h"
#include "corpus/corpus_int.h"
#include "util/jsonpos.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Files larger than this are not read again for positions. */
#define LOCATE_MAX_BYTES (256ULL << 20)
/* Nor are more errors than this located (each one walks the text). */
#define LOCATE_MAX_ERRORS 5000

/* The text of `file` again: a regular file read whole, or an in-memory
 * input's text from the options (standard input, "-").  0, 1 when it cannot
 * be had, or CT_ENOMEM. */
static int text_again(const ct_load_ctx *l, const char *file, char **heap, const char **text,
                      size_t *len)
{
    *heap = NULL;
    const ct_corpus_input *in = ct_corpus__input_find(l, file);
    if (in || strcmp(file, "-") == 0) {
        if (!in || !in->text)
            return 1;
        *text = in->text;
        *len = in->len;
        return 0;
    }
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0)
        return 1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (unsigned long long)st.st_size > LOCATE_MAX_BYTES) {
        close(fd);
        return 1;
    }
    int rc = ct_corpus_read_fd(heap, len, fd, LOCATE_MAX_BYTES);
    close(fd);
    if (rc == CT_ENOMEM)
        return rc;
    if (rc != 0) {
        ct_free(*heap);
        *heap = NULL;
        return 1;
    }
    *text = *heap;
    return 0;
}

/* Line `line` (1-based) of text, as [*start, *start + *n). */
static int line_span(const char *text, size_t len, int line, size_t *start, size_t *n)
{
    size_t at = 0;
    for (int k = 1; k < line; k++) {
        const char *nl = memchr(text + at, '\n', len - at);
        if (!nl)
            return -1;
        at = (size_t)(nl - text) + 1;
    }
    const char *nl = memchr(text + at, '\n', len - at);
    *start = at;
    *n = nl ? (size_t)(nl - text) - at : len - at;
    return 0;
}

/* Locate one diagnostic in its file's text: a JSONL error within its line,
 * a JSON document's anywhere. */
static void locate_one(ct_diag *d, const char *text, size_t len, int jsonl)
{
    int line, col;
    if (jsonl) {
        size_t start, n;
        if (d->line > 0 && line_span(text, len, d->line, &start, &n) == 0 &&
            ct_jsonpos__locate(text + start, n, d->pointer, &line, &col) == 0 && line == 1)
            d->column = col;
        return;
    }
    if (ct_jsonpos__locate(text, len, d->pointer, &line, &col) == 0) {
        d->line = line;
        d->column = col;
    }
}

static int locatable(const ct_diag *d)
{
    return d->file && d->pointer && d->column == 0 && !ct_corpus__has_suffix(d->file, ".xml");
}

int ct_corpus__locate_diags(ct_load_ctx *l, size_t first, const char *name, const char *text,
                            size_t len)
{
    ct_diag_list *list = l->diags;
    size_t located = 0, n_done = 0;
    const char **done = NULL; /* the files already read again */
    int rc = 0;
    for (size_t i = first; i < list->count && located < LOCATE_MAX_ERRORS && rc == 0; i++) {
        if (!locatable(&list->items[i]))
            continue;
        const char *file = list->items[i].file;
        int seen = 0;
        for (size_t k = 0; k < n_done && !seen; k++)
            seen = strcmp(done[k], file) == 0;
        if (seen)
            continue;
        const char **more = ct_reallocarray(done, n_done + 1, sizeof *done);
        if (!more) {
            rc = CT_ENOMEM;
            break;
        }
        done = more;
        done[n_done++] = file;
        char *heap = NULL;
        const char *t = text;
        size_t n = len;
        rc = name && strcmp(name, file) == 0 ? 0 : text_again(l, file, &heap, &t, &n);
        if (rc != 0) {
            rc = rc < 0 ? rc : 0;
            continue;
        }
        int jsonl = ct_corpus__has_suffix(file, ".jsonl");
        for (size_t k = i; k < list->count && located < LOCATE_MAX_ERRORS; k++)
            if (locatable(&list->items[k]) && strcmp(list->items[k].file, file) == 0) {
                locate_one(&list->items[k], t, n, jsonl);
                located++;
            }
        ct_free(heap);
    }
    ct_free(done);
    return rc;
}
