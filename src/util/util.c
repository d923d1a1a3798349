/*
 * util.c - allocation wrappers (with optional failure injection) and hashing.
 *
 * The failure-injection counter is process state by nature; it is compiled in
 * only for the CT_ALLOC_INJECT test build, never in the product.
 */
#include "claimtrack/common.h"
#include "util/util.h"

#include <jansson.h>
#include <libxml/xmlmemory.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef CT_ALLOC_INJECT
static long fail_countdown = -1; /* test build only */
static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}
void ct_alloc_fail_after(long n) { fail_countdown = n; }
#else
#define should_fail() 0
void ct_alloc_fail_after(long n) { (void)n; }
#endif

void *ct_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *ct_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *ct_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void *ct_reallocarray(void *ptr, size_t n_new, size_t size)
{
    if (size && n_new > SIZE_MAX / size)
        return NULL;
    return ct_realloc(ptr, n_new * size);
}

char *ct_strndup(const char *s, size_t n)
{
    char *p = ct_malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ct_strdup(const char *s) { return s ? ct_strndup(s, strlen(s)) : NULL; }

void ct_free(void *ptr) { free(ptr); }

static void *jansson_malloc(size_t size) { return ct_malloc(size); }
static void jansson_free(void *ptr) { ct_free(ptr); }

void ct_alloc_setup_jansson(void) { json_set_alloc_funcs(jansson_malloc, jansson_free); }

#ifdef CT_ALLOC_INJECT
static void *xml_malloc(size_t size) { return ct_malloc(size); }
static void *xml_realloc(void *ptr, size_t size) { return ct_realloc(ptr, size); }
static void xml_free(void *ptr) { ct_free(ptr); }
static char *xml_strdup(const char *s) { return ct_strdup(s); }

/* The failure-injection build also fails libxml2's allocations in turn. */
void ct_alloc_setup_libxml2(void) { xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup); }
#else
void ct_alloc_setup_libxml2(void) {}
#endif

unsigned long long ct_util__hash64(const void *data, size_t len, unsigned long long seed)
{
    const unsigned char *p = data;
    unsigned long long h = seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int ct_util__array_grow(void **items, size_t *alloc, size_t count, size_t size)
{
    if (count < *alloc)
        return 0;
    size_t n = *alloc ? *alloc * 2 : 8;
    void *grown = ct_reallocarray(*items, n, size);
    if (!grown)
        return CT_ENOMEM;
    *items = grown;
    *alloc = n;
    return 0;
}

long ct_text_utf8_invalid_at(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i];) {
        unsigned c = p[i], need, cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, cp = c & 0x07;
        else
            return (long)i;
        for (unsigned k = 1; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return (long)i;
        i += need + 1;
    }
    return -1;
}

void ct_text_fit(char *buf, size_t n, int needed)
{
    if (needed < 0 || (size_t)needed < n || n < 8)
        return;
    size_t end = n - 4; /* room for the three bytes of "…" and the NUL */
    while (end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80)
        end--; /* never half a character */
    memcpy(buf + end, "\xE2\x80\xA6", 3);
    buf[end + 3] = '\0';
}

int ct_text_has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
            return 1;
    return 0;
}
