/*
 * junit.c - JUnit XML: one test suite per topic, one test case per conflict,
 * failed when the conflict blocks the gate, so GitLab or Jenkins list
 * blocking conflicts as failing tests.
 */
#include "report_int.h"
#include "xml_writer.h"
#include "claimtrack/common.h"

#include <string.h>

static size_t count_in_topic(const json_t *conflicts, const char *topic, int blocking_only)
{
    size_t n = 0, i;
    json_t *c;
    json_array_foreach(conflicts, i, c)
    {
        if (strcmp(ct_report__str(c, "topic"), topic) != 0)
            continue;
        if (!blocking_only || json_is_true(json_object_get(json_object_get(c, "review"), "blocking")))
            n++;
    }
    return n;
}

int ct_report__write_junit(const ct_report *r, const json_t *m, FILE *out)
{
    (void)r;
    const json_t *conflicts = json_object_get(m, "conflicts");
    ct_xmlw w;
    if (ct_xmlw__open(&w) < 0)
        return CT_ENOMEM;
    char num[32], num2[32];
    ct_xmlw__start(&w, "testsuites");
    ct_xmlw__attr(&w, "name", "claimtrack");
    snprintf(num, sizeof num, "%zu", json_array_size(conflicts));
    snprintf(num2, sizeof num2, "%lld", ct_report__int(json_object_get(m, "summary"), "blocking"));
    ct_xmlw__attr(&w, "tests", num);
    ct_xmlw__attr(&w, "failures", num2);
    size_t t;
    json_t *topic;
    json_array_foreach(json_object_get(m, "topics"), t, topic)
    {
        const char *tid = ct_report__str(topic, "id");
        size_t n = count_in_topic(conflicts, tid, 0);
        if (!n)
            continue;
        ct_xmlw__start(&w, "testsuite");
        ct_xmlw__attr(&w, "name", tid);
        snprintf(num, sizeof num, "%zu", n);
        snprintf(num2, sizeof num2, "%zu", count_in_topic(conflicts, tid, 1));
        ct_xmlw__attr(&w, "tests", num);
        ct_xmlw__attr(&w, "failures", num2);
        size_t i;
        json_t *c;
        json_array_foreach(conflicts, i, c)
        {
            if (strcmp(ct_report__str(c, "topic"), tid) != 0)
                continue;
            json_t *rv = json_object_get(c, "review");
            char name[512];
            snprintf(name, sizeof name, "%s %s · %s", ct_report__str(c, "id"),
                     ct_report__str(c, "subject"), ct_report__str(c, "property"));
            ct_xmlw__start(&w, "testcase");
            ct_xmlw__attr(&w, "name", name);
            snprintf(name, sizeof name, "claimtrack.%s", tid);
            ct_xmlw__attr(&w, "classname", name);
            const char *file = NULL;
            json_t *p0 = json_array_get(json_object_get(c, "positions"), 0);
            json_t *c0 = json_array_get(json_object_get(p0, "claims"), 0);
            if ((file = ct_report__str(c0, "file")))
                ct_xmlw__attr(&w, "file", file);
            if (json_is_true(json_object_get(rv, "blocking"))) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s %s conflict: %s", ct_report__str(rv, "state"),
                         ct_report__str(c, "severity"), ct_report__str(c, "type"));
                ct_xmlw__start(&w, "failure");
                ct_xmlw__attr(&w, "message", msg);
                ct_xmlw__attr(&w, "type", ct_report__str(rv, "state"));
                size_t j;
                json_t *p;
                json_array_foreach(json_object_get(c, "positions"), j, p)
                {
                    size_t k;
                    json_t *cl;
                    json_array_foreach(json_object_get(p, "claims"), k, cl)
                    {
                        char line[1200];
                        snprintf(line, sizeof line, "[%zu] %s%s: %s (%s): \"%s\"\n", j + 1,
                                 strcmp(ct_report__str(p, "stance"), "denies") == 0 ? "denies " : "",
                                 ct_report__str(p, "display"), ct_report__str(cl, "id"),
                                 ct_report__str(cl, "source"), ct_report__str(cl, "quote"));
                        ct_xmlw__text(&w, line);
                    }
                }
                snprintf(msg, sizeof msg,
                         "review with: claimtrack review %s --status confirmed|dismissed|resolved --note TEXT",
                         ct_report__str(c, "id"));
                ct_xmlw__text(&w, msg);
                ct_xmlw__end(&w);
            }
            ct_xmlw__end(&w);
        }
        ct_xmlw__end(&w);
    }
    ct_xmlw__end(&w);
    return ct_xmlw__finish(&w, out);
}
