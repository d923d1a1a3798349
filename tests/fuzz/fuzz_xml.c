/* fuzz_xml.c - XML claim files: safe parsing, XSD validation, conversion. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus("fuzzed.xml", data, size, 0);
    return 0;
}
