/*
 * xml_validate.c - validate XML files against an XSD with libxml2's schema
 * validation (no network, no entity expansion).
 * Usage: xml_validate SCHEMA.xsd FILE...  Exit 0 valid, 1 invalid, 2 unreadable.
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xml_validate SCHEMA FILE...\n");
        return 2;
    }
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(argv[1]);
    xmlSchemaPtr schema = pctx ? xmlSchemaParse(pctx) : NULL;
    xmlSchemaFreeParserCtxt(pctx);
    if (!schema) {
        fprintf(stderr, "%s: cannot load the schema\n", argv[1]);
        return 2;
    }
    int status = 0;
    for (int i = 2; i < argc; i++) {
        xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
        if (!doc) {
            fprintf(stderr, "%s: not well-formed\n", argv[i]);
            status = 2;
            continue;
        }
        xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
        int rc = vctx ? xmlSchemaValidateDoc(vctx, doc) : -1;
        xmlSchemaFreeValidCtxt(vctx);
        xmlFreeDoc(doc);
        if (rc == 0) {
            printf("%s: valid\n", argv[i]);
        } else {
            fprintf(stderr, "%s: fails %s\n", argv[i], argv[1]);
            if (status == 0)
                status = 1;
        }
    }
    xmlSchemaFree(schema);
    xmlCleanupParser();
    return status;
}
