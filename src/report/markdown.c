/*
 * markdown.c - the Markdown report, for a pull-request comment or a CI job
 * summary: a table of conflicts, then each conflict in detail.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

/* Text inside a table cell or a line: no line breaks, '|' and '<' escaped. */
static void md_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '|': fputs("\\|", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '\n':
        case '\r': fputc(' ', out); break;
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '\\': fputc('\\', out); fputc(*s, out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *state_mark(const char *state, int blocking)
{
    if (blocking)
        return strcmp(state, "stale") == 0 ? "⚠️ stale" : "❌ unreviewed";
    return state;
}

int ct_report__write_markdown(const ct_report *r, const json_t *m, FILE *out)
{
    (void)r;
    const json_t *s = json_object_get(m, "summary");
    const json_t *sev = json_object_get(s, "severity");
    fprintf(out, "# claimtrack report\n\n");
    fprintf(out, "**%lld conflict%s** (%lld high, %lld medium, %lld low) in %lld claims from %lld sources, "
                 "%lld topics; **%lld blocking**; %lld revision%s.\n\n",
            ct_report__int(s, "conflicts"), ct_report__int(s, "conflicts") == 1 ? "" : "s",
            ct_report__int(sev, "high"), ct_report__int(sev, "medium"), ct_report__int(sev, "low"),
            ct_report__int(s, "claims"), ct_report__int(s, "sources"), ct_report__int(s, "topics"),
            ct_report__int(s, "blocking"), ct_report__int(s, "revisions"),
            ct_report__int(s, "revisions") == 1 ? "" : "s");
    const json_t *conflicts = json_object_get(m, "conflicts");
    size_t i;
    json_t *c;
    if (json_array_size(conflicts)) {
        fprintf(out, "| Conflict | Topic | Subject · property | Type | Severity | Positions | Review |\n");
        fprintf(out, "|---|---|---|---|---|---|---|\n");
        json_array_foreach(conflicts, i, c)
        {
            json_t *rv = json_object_get(c, "review");
            fprintf(out, "| [`%s`](#%s) | ", ct_report__str(c, "id"), ct_report__str(c, "id"));
            md_text(out, ct_report__str(c, "topic"));
            fputs(" | ", out);
            md_text(out, ct_report__str(c, "subject"));
            fputs(" · ", out);
            md_text(out, ct_report__str(c, "property"));
            fprintf(out, " | %s | %s | ", ct_report__str(c, "type"), ct_report__str(c, "severity"));
            size_t j;
            json_t *p;
            json_array_foreach(json_object_get(c, "positions"), j, p)
            {
                if (j)
                    fputs(" / ", out);
                if (strcmp(ct_report__str(p, "stance"), "denies") == 0)
                    fputs("denies ", out);
                md_text(out, ct_report__str(p, "display"));
            }
            fprintf(out, " | %s |\n",
                    state_mark(ct_report__str(rv, "state"), json_is_true(json_object_get(rv, "blocking"))));
        }
        fprintf(out, "\n## Details\n");
    }
    json_array_foreach(conflicts, i, c)
    {
        json_t *rv = json_object_get(c, "review");
        fprintf(out, "\n### <a id=\"%s\"></a>%s: ", ct_report__str(c, "id"), ct_report__str(c, "id"));
        md_text(out, ct_report__str(c, "subject"));
        fputs(" · ", out);
        md_text(out, ct_report__str(c, "property"));
        fprintf(out, "\n\n%s %s conflict in topic `%s`.\n\n", ct_report__str(c, "severity"),
                ct_report__str(c, "type"), ct_report__str(c, "topic"));
        size_t j;
        json_t *p;
        json_array_foreach(json_object_get(c, "positions"), j, p)
        {
            fprintf(out, "%zu. **%s", j + 1,
                    strcmp(ct_report__str(p, "stance"), "denies") == 0 ? "denies: " : "");
            md_text(out, ct_report__str(p, "display"));
            fputs("**\n", out);
            size_t k;
            json_t *cl;
            json_array_foreach(json_object_get(p, "claims"), k, cl)
            {
                fprintf(out, "   - `%s` (", ct_report__str(cl, "id"));
                md_text(out, ct_report__str(cl, "source"));
                if (ct_report__str(cl, "claimant")) {
                    fputs("; claimant: ", out);
                    md_text(out, ct_report__str(cl, "claimant"));
                }
                if (ct_report__str(cl, "hedge"))
                    fprintf(out, "; %s", ct_report__str(cl, "hedge"));
                fputs("): “", out);
                md_text(out, ct_report__str(cl, "quote"));
                fputs("”\n", out);
            }
        }
        fprintf(out, "\nReview: **%s**", ct_report__str(rv, "state"));
        if (ct_report__str(rv, "reviewer"))
            fprintf(out, " by %s on %s", ct_report__str(rv, "reviewer"), ct_report__str(rv, "date"));
        if (ct_report__str(rv, "note")) {
            fputs(": ", out);
            md_text(out, ct_report__str(rv, "note"));
        }
        fputc('\n', out);
        if (json_is_true(json_object_get(rv, "blocking")))
            fprintf(out, "\n```sh\nclaimtrack review %s --status confirmed|dismissed|resolved --note TEXT\n```\n",
                    ct_report__str(c, "id"));
    }
    const json_t *revisions = json_object_get(m, "revisions");
    if (json_array_size(revisions))
        fprintf(out, "\n## Revisions\n\n");
    json_array_foreach(revisions, i, c)
    {
        fputs("- ", out);
        md_text(out, ct_report__str(c, "subject"));
        fputs(" · ", out);
        md_text(out, ct_report__str(c, "property"));
        fputs(": ", out);
        md_text(out, ct_report__str(c, "claimant"));
        static const char *const side[][4] = {{" revised ", "from_stance", "from", "claim"},
                                              {" to ", "to_stance", "to", "by"}};
        for (size_t k = 0; k < 2; k++) {
            fprintf(out, "%s**%s", side[k][0],
                    strcmp(ct_report__str(c, side[k][1]), "denies") == 0 ? "denies: " : "");
            md_text(out, ct_report__str(c, side[k][2]));
            fprintf(out, "** (`%s`", ct_report__str(c, side[k][3]));
            const char *as_of = ct_report__str(c, k ? "to_as_of" : "from_as_of");
            if (as_of) {
                fputs(", as of ", out);
                md_text(out, as_of);
            }
            fputc(')', out);
        }
        fputc('\n', out);
    }
    return ferror(out) ? CT_EIO : 0;
}
