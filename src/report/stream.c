/*
 * stream.c - dump a JSON document whose big arrays are made one element at a
 * time, so that a report of a million claims never holds its whole tree.
 *
 * The document is built with each big array holding one marker string; it
 * is dumped as usual (it is small), and where a marker stands the elements
 * are written instead, each dumped alone and indented to the marker's depth.
 * The text is exactly what json_dumpf gives for the whole tree with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER.
 */
#include "value/jnum.h"
#include "report_int.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

#define MARKER_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* The marker of part k as the dump writes it: control characters never get
 * into a corpus, so no value of the report reads like this. */
static void marker_text(size_t k, char *buf, size_t n)
{
    snprintf(buf, n, "\"\\u0001claimtrack-stream-%zu\\u0001\"", k);
}

/* Write `text` with `indent` spaces after each line break. */
static int write_indented(FILE *out, const char *text, size_t indent)
{
    for (const char *nl; (nl = strchr(text, '\n')); text = nl + 1) {
        if (fwrite(text, 1, (size_t)(nl - text) + 1, out) != (size_t)(nl - text) + 1 ||
            fprintf(out, "%*s", (int)indent, "") < 0)
            return CT_EIO;
    }
    return fputs(text, out) == EOF ? CT_EIO : 0;
}

static int write_part(FILE *out, const ct_json_stream_part *p, size_t indent)
{
    for (size_t i = 0; i < p->count; i++) {
        json_t *v = p->make(p->payload, i);
        if (!v)
            return CT_ENOMEM;
        char *text = ct_jnum__dumps(v, MARKER_FLAGS | JSON_ENCODE_ANY);
        json_decref(v);
        if (!text)
            return CT_ENOMEM;
        int rc = 0;
        if (i && fprintf(out, ",\n%*s", (int)indent, "") < 0)
            rc = CT_EIO;
        if (rc == 0)
            rc = write_indented(out, text, indent);
        free(text);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int ct_report__dump_streamed(FILE *out, json_t *doc, const ct_json_stream_part *parts,
                             size_t n_parts)
{
    for (size_t k = 0; k < n_parts; k++) {
        char name[64];
        snprintf(name, sizeof name, "\001claimtrack-stream-%zu\001", k);
        if (parts[k].count && json_array_append_new(parts[k].array, json_string(name)) < 0)
            return CT_ENOMEM;
    }
    char *text = ct_jnum__dumps(doc, MARKER_FLAGS);
    if (!text)
        return CT_ENOMEM;
    int rc = 0;
    const char *at = text;
    for (size_t k = 0; k < n_parts && rc == 0; k++) {
        if (!parts[k].count)
            continue;
        char marker[64];
        marker_text(k, marker, sizeof marker);
        const char *hit = strstr(at, marker);
        if (!hit) { /* cannot happen: the marker was just dumped */
            rc = CT_EINVALID;
            break;
        }
        size_t indent = 0;
        while (hit - indent > text && hit[-(long)indent - 1] == ' ')
            indent++;
        if (fwrite(at, 1, (size_t)(hit - at), out) != (size_t)(hit - at))
            rc = CT_EIO;
        if (rc == 0)
            rc = write_part(out, &parts[k], indent);
        at = hit + strlen(marker);
    }
    if (rc == 0 && (fputs(at, out) == EOF || fputc('\n', out) == EOF))
        rc = CT_EIO;
    free(text);
    return rc;
}
