/*
 * icu_sentences.c - claimtrack suggest's sentence splitter measured against
 * ICU's sentence break iterator (make icu-compare; not part of the product).
 *
 *   icu_sentences FILE...
 *
 * For each file (UTF-8 text) it prints the sentence starts each splitter
 * finds (the first non-space byte of each sentence), how many agree, and
 * the time each takes; then the totals.  ICU reads UTF-16, so the text is
 * converted and ICU's boundaries are mapped back to bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "suggest/suggest_int.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    char chunk[65536];
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + k + 1 > cap) {
            cap = (n + k + 1) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        memcpy(buf + n, chunk, k);
        n += k;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Mark in `starts` the first non-space byte at or after each boundary. */
static void mark(const char *text, size_t len, size_t at, unsigned char *starts)
{
    while (at < len &&
           (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t'))
        at++;
    if (at < len)
        starts[at] = 1;
}

static int icu_starts(const char *text, size_t len, unsigned char *starts, double *secs)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, text, (int32_t)len, &err);
    err = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
    int32_t *byte_of = malloc(((size_t)n16 + 1) * sizeof *byte_of);
    if (!u || !byte_of)
        return -1;
    double t0 = now();
    u_strFromUTF8(u, n16 + 1, NULL, text, (int32_t)len, &err);
    /* the byte offset of each UTF-16 unit */
    for (int32_t i = 0, b = 0; i <= n16 && b <= (int32_t)len;) {
        unsigned char c = (unsigned char)text[b];
        int bytes = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        byte_of[i++] = b;
        if (bytes == 4 && i <= n16)
            byte_of[i++] = b;
        b += bytes;
    }
    UBreakIterator *it = ubrk_open(UBRK_SENTENCE, "en", u, n16, &err);
    if (U_FAILURE(err))
        return -1;
    for (int32_t p = ubrk_first(it); p != UBRK_DONE; p = ubrk_next(it))
        if (p < n16)
            mark(text, len, (size_t)byte_of[p], starts);
    ubrk_close(it);
    *secs = now() - t0;
    free(u);
    free(byte_of);
    return 0;
}

int main(int argc, char **argv)
{
    size_t all_icu = 0, all_ours = 0, all_both = 0;
    double t_icu = 0, t_ours = 0;
    for (int a = 1; a < argc; a++) {
        size_t len;
        char *text = slurp(argv[a], &len);
        if (!text) {
            perror(argv[a]);
            return 2;
        }
        unsigned char *icu = calloc(len + 1, 1), *ours = calloc(len + 1, 1);
        const ct_sg_lang *lang = ct_sg__english();
        size_t n = ct_sg__sentences(lang, text, len, NULL, NULL, 0);
        ct_sg_span *spans = calloc(n + 1, sizeof *spans);
        double secs = 0;
        if (!icu || !ours || !spans || icu_starts(text, len, icu, &secs) < 0) {
            fprintf(stderr, "icu_sentences: %s: cannot split\n", argv[a]);
            return 2;
        }
        t_icu += secs;
        double t0 = now();
        ct_sg__sentences(lang, text, len, spans, NULL, n);
        t_ours += now() - t0;
        for (size_t i = 0; i < n; i++)
            mark(text, len, spans[i].start, ours);
        size_t ni = 0, no = 0, both = 0;
        for (size_t i = 0; i < len; i++) {
            ni += icu[i];
            no += ours[i];
            both += icu[i] && ours[i];
        }
        for (size_t i = 0; i < len && getenv("ICU_DIFF"); i++)
            if (icu[i] != ours[i])
                printf("  %s at byte %zu: %.40s\n", icu[i] ? "only ICU " : "only ours", i,
                       text + i);
        printf("%s: ICU %zu sentences, ours %zu, %zu starts in common\n", argv[a], ni, no, both);
        all_icu += ni;
        all_ours += no;
        all_both += both;
        free(icu);
        free(ours);
        free(spans);
        free(text);
    }
    printf("total: ICU %zu sentences, ours %zu, %zu in common (%.1f %% of ICU's); "
           "ICU %.3f ms, ours %.3f ms\n",
           all_icu, all_ours, all_both, all_icu ? 100.0 * (double)all_both / (double)all_icu : 0,
           t_icu * 1e3, t_ours * 1e3);
    return 0;
}
