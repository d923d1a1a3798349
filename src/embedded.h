/*
 * embedded.h - schema documents compiled into the binary (internal).
 * Generated into build/embedded.c from schema/ by tools/embed.c.
 */
#ifndef CT_EMBEDDED_H
#define CT_EMBEDDED_H

extern const char ct_embedded__topic_schema[];
extern const unsigned long ct_embedded__topic_schema_len;
extern const char ct_embedded__sources_schema[];
extern const unsigned long ct_embedded__sources_schema_len;
extern const char ct_embedded__reviews_schema[];
extern const unsigned long ct_embedded__reviews_schema_len;
extern const char ct_embedded__topic_xsd[];
extern const unsigned long ct_embedded__topic_xsd_len;

#endif
