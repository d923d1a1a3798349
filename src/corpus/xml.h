/*
 * xml_claims.h - claim files in XML, read into and written from the JSON
 * shape of the model (internal).
 */
#ifndef CT_XML_CLAIMS_H
#define CT_XML_CLAIMS_H

#include <jansson.h>
#include <stdio.h>

#include "claimtrack/diag.h"

/* The namespace of claim files (schema/topic.xsd). */
#define CLAIMS_NS "https://claimtrack.dev/schema/claims"

/*
 * Parse and check an XML claim file safely: no network, no DTD (a DOCTYPE is
 * refused), no entity substitution, no XInclude, libxml2's depth limit, and
 * validation against the embedded schema/topic.xsd.  On success *doc is the
 * document in JSON shape: a topic object, {"sources": {...}}, or a corpus
 * bundle {"sources": {...}, "topics": [...]}; *lines maps claim ids to their
 * line numbers.  Returns 0, CT_EPARSE (not well-formed or refused),
 * CT_EINVALID (breaks the XSD), or CT_ENOMEM, with located diagnostics.
 */
int ct_xml__read(const char *path, const char *text, size_t len, json_t **doc, json_t **lines,
                 void **xsd, ct_diag_list *diags);

/* `*xsd` is the compiled XSD, built by ct_xml__read on first use and kept
 * there for the next file; free it with this. */

/* Write a corpus bundle (JSON shape, as ct_corpus_export builds it) as one
 * XML <corpus> document.  Returns 0, CT_ENOMEM or CT_EIO. */
int ct_xml__write_corpus(const json_t *bundle, FILE *out);

#endif
