/*
 * xml_writer.c - the sticky-error xmlTextWriter wrapper shared by the XML
 * report, JUnit and the XML export (see xml_writer.h).
 */
#include "util/xml_writer.h"
#include "claimtrack/common.h"

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

int ct_xmlw__open(ct_xmlw *x)
{
    x->writer = x->buffer = NULL;
    x->rc = 0;
    /* libxml2 can lose text to a failed allocation and still report success;
     * its last error, checked by ct_xmlw__finish, tells */
    xmlResetLastError();
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    if (!w || xmlTextWriterSetIndent(w, 1) < 0 ||
        xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
        xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0) {
        if (w)
            xmlFreeTextWriter(w);
        xmlBufferFree(buf);
        return CT_ENOMEM;
    }
    x->writer = w;
    x->buffer = buf;
    return 0;
}

static void check(ct_xmlw *x, int rc)
{
    if (rc < 0)
        x->rc = -1;
}

void ct_xmlw__start(ct_xmlw *x, const char *name)
{
    if (x->rc == 0)
        check(x, xmlTextWriterStartElement(x->writer, BAD_CAST name));
}

void ct_xmlw__end(ct_xmlw *x)
{
    if (x->rc == 0)
        check(x, xmlTextWriterEndElement(x->writer));
}

void ct_xmlw__attr(ct_xmlw *x, const char *name, const char *value)
{
    if (value && x->rc == 0)
        check(x, xmlTextWriterWriteAttribute(x->writer, BAD_CAST name, BAD_CAST value));
}

void ct_xmlw__elem(ct_xmlw *x, const char *name, const char *text)
{
    if (text && x->rc == 0)
        check(x, xmlTextWriterWriteElement(x->writer, BAD_CAST name, BAD_CAST text));
}

void ct_xmlw__text(ct_xmlw *x, const char *text)
{
    if (text && x->rc == 0)
        check(x, xmlTextWriterWriteString(x->writer, BAD_CAST text));
}

int ct_xmlw__finish(ct_xmlw *x, FILE *out)
{
    if (x->rc == 0)
        check(x, xmlTextWriterEndDocument(x->writer));
    xmlFreeTextWriter(x->writer);
    xmlBufferPtr buf = x->buffer;
    const xmlError *e = xmlGetLastError();
    int rc = x->rc < 0 || (e && e->code == XML_ERR_NO_MEMORY) ? CT_ENOMEM : 0;
    if (rc == 0 && fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) !=
                       (size_t)xmlBufferLength(buf))
        rc = CT_EIO;
    xmlBufferFree(buf);
    x->writer = x->buffer = NULL;
    return rc;
}
