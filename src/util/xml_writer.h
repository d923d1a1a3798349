/*
 * xml_writer.h - one wrapper over libxml2's xmlTextWriter for every XML
 * output: the XML report, JUnit and the XML export (internal).
 *
 * The first failed call is sticky: later calls do nothing, and
 * ct_xmlw__finish reports CT_ENOMEM without writing anything.  libxml2 can
 * also lose text to a failed allocation while reporting success; its last
 * error, reset by ct_xmlw__open and checked by ct_xmlw__finish, catches
 * that, so a document is written whole or not at all.
 */
#ifndef CT_XML_WRITER_H
#define CT_XML_WRITER_H

#include <stdio.h>

typedef struct {
    void *writer; /* xmlTextWriterPtr */
    void *buffer; /* xmlBufferPtr the writer fills */
    int rc;       /* 0, or -1 after the first failed call */
} ct_xmlw;

/* Start an indented document (XML declaration, UTF-8) in memory.
 * Returns 0 or CT_ENOMEM (nothing to finish then). */
int ct_xmlw__open(ct_xmlw *x);

/* Each does nothing once a call has failed; a NULL `value` or `text` writes
 * nothing. */
void ct_xmlw__start(ct_xmlw *x, const char *name);
void ct_xmlw__end(ct_xmlw *x);
void ct_xmlw__attr(ct_xmlw *x, const char *name, const char *value);
void ct_xmlw__elem(ct_xmlw *x, const char *name, const char *text);
void ct_xmlw__text(ct_xmlw *x, const char *text);

/* End the document, write it to `out` and free the writer and its buffer.
 * Returns 0, CT_ENOMEM (a call failed or libxml2 ran out of memory) or
 * CT_EIO (the write failed). */
int ct_xmlw__finish(ct_xmlw *x, FILE *out);

#endif
