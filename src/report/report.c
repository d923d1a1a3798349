/*
 * report.c - the format table: one row per format, naming its writer; every
 * writer reads one report model, built once per write.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

typedef struct {
    const char *name;
    int (*write)(const ct_report_model *m, FILE *out);
} format_entry;

#define FORMAT_ROW(name) {#name, ct_report__write_##name},
static const format_entry formats[] = {CT_REPORT_FORMAT_TABLE(FORMAT_ROW)};
#undef FORMAT_ROW

#define N_FORMATS (sizeof formats / sizeof formats[0])

/* ", text, json, ...": the list for messages starts after the first ", " */
#define FORMAT_ITEM(name) ", " #name
static const char format_list[] = CT_REPORT_FORMAT_TABLE(FORMAT_ITEM);
#undef FORMAT_ITEM

static const format_entry *find_format(const char *format)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (strcmp(formats[i].name, format) == 0)
            return &formats[i];
    return NULL;
}

int ct_report_format_known(const char *format) { return find_format(format) != NULL; }

const char *ct_report_formats(void) { return format_list + 2; }

const char *ct_report_format_name(size_t i) { return i < N_FORMATS ? formats[i].name : NULL; }

int ct_report_write(const ct_report *r, const char *format, FILE *out)
{
    const format_entry *f = find_format(format);
    if (!f)
        return CT_ENOTFOUND;
    ct_report_model *m;
    if (ct_report__model_build(&m, r) < 0)
        return CT_ENOMEM;
    int rc = f->write(m, out);
    ct_report__model_free(m);
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = CT_EIO;
    return rc;
}

json_t *ct_report_to_json(const ct_report *r)
{
    ct_report_model *m;
    if (ct_report__model_build(&m, r) < 0)
        return NULL;
    json_t *doc = ct_report__model_to_json(m);
    ct_report__model_free(m);
    return doc;
}

int ct_report_write_conflict_text(const ct_report *r, const ct_conflict *c, FILE *out)
{
    ct_report_model *m;
    if (ct_report__model_build(&m, r) < 0)
        return CT_ENOMEM;
    const ct_report_conflict *rc = ct_report__model_conflict(m, r, c);
    int status = rc ? ct_report__write_conflict_text(m, rc, out) : CT_ENOTFOUND;
    ct_report__model_free(m);
    return status;
}
