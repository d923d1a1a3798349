/*
 * junit.c - JUnit XML: one test suite per topic, one test case per conflict,
 * failed when the conflict blocks the gate, so GitLab or Jenkins list
 * blocking conflicts as failing tests.
 */
#include "report_int.h"
#include "xml_claims.h"
#include "claimtrack/common.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#define W(call)                                                                           \
    do {                                                                                  \
        if (rc == 0 && (call) < 0)                                                        \
            rc = CT_ENOMEM;                                                               \
    } while (0)

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
    void *buf;
    xmlTextWriterPtr w = ct_xml__open_writer(&buf);
    if (!w)
        return CT_ENOMEM;
    int rc = 0;
    char num[32], num2[32];
    W(xmlTextWriterStartElement(w, BAD_CAST "testsuites"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "claimtrack"));
    snprintf(num, sizeof num, "%zu", json_array_size(conflicts));
    snprintf(num2, sizeof num2, "%lld", ct_report__int(json_object_get(m, "summary"), "blocking"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "tests", BAD_CAST num));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "failures", BAD_CAST num2));
    size_t t;
    json_t *topic;
    json_array_foreach(json_object_get(m, "topics"), t, topic)
    {
        const char *tid = ct_report__str(topic, "id");
        size_t n = count_in_topic(conflicts, tid, 0);
        if (!n)
            continue;
        W(xmlTextWriterStartElement(w, BAD_CAST "testsuite"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST tid));
        snprintf(num, sizeof num, "%zu", n);
        snprintf(num2, sizeof num2, "%zu", count_in_topic(conflicts, tid, 1));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "tests", BAD_CAST num));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "failures", BAD_CAST num2));
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
            W(xmlTextWriterStartElement(w, BAD_CAST "testcase"));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST name));
            snprintf(name, sizeof name, "claimtrack.%s", tid);
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "classname", BAD_CAST name));
            const char *file = NULL;
            json_t *p0 = json_array_get(json_object_get(c, "positions"), 0);
            json_t *c0 = json_array_get(json_object_get(p0, "claims"), 0);
            if ((file = ct_report__str(c0, "file")))
                W(xmlTextWriterWriteAttribute(w, BAD_CAST "file", BAD_CAST file));
            if (json_is_true(json_object_get(rv, "blocking"))) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s %s conflict: %s", ct_report__str(rv, "state"),
                         ct_report__str(c, "severity"), ct_report__str(c, "type"));
                W(xmlTextWriterStartElement(w, BAD_CAST "failure"));
                W(xmlTextWriterWriteAttribute(w, BAD_CAST "message", BAD_CAST msg));
                W(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST ct_report__str(rv, "state")));
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
                        W(xmlTextWriterWriteString(w, BAD_CAST line));
                    }
                }
                snprintf(msg, sizeof msg,
                         "review with: claimtrack review %s --status confirmed|dismissed|resolved --note TEXT",
                         ct_report__str(c, "id"));
                W(xmlTextWriterWriteString(w, BAD_CAST msg));
                W(xmlTextWriterEndElement(w));
            }
            W(xmlTextWriterEndElement(w));
        }
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndDocument(w));
    xmlFreeTextWriter(w);
    return ct_xml__flush_buffer(buf, rc, out);
}
