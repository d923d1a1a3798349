/*
 * cmd_init.c - `claimtrack init [DIR]`: a starter claims folder that
 * validates and checks cleanly: sources, one topic with example claims
 * (two sources that agree, one relayed denial that is reviewed), reviews.
 */
#include "cli.h"
#include "claimtrack/common.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char starter_sources[] =
    "{\n"
    "  \"sources\": {\n"
    "    \"daily-record\": {\"title\": \"Bridge reopens after repairs\", \"publisher\": \"The Daily Record\"},\n"
    "    \"city-wire\": {\"title\": \"City bridge back in service\", \"publisher\": \"City Wire\"}\n"
    "  }\n"
    "}\n";

static const char starter_topic[] =
    "{\n"
    "  \"topic\": \"bridge-repairs\",\n"
    "  \"title\": \"The bridge repairs\",\n"
    "  \"subjects\": {\"the bridge\": [\"the city bridge\"]},\n"
    "  \"properties\": {\n"
    "    \"reopened\": {\"type\": \"date\"},\n"
    "    \"cost\": {\"type\": \"quantity\", \"unit\": \"million EUR\"},\n"
    "    \"closed-by\": {\"type\": \"term\", \"terms\": {\n"
    "      \"authorities\": {\"label\": \"the authorities\"},\n"
    "      \"city-council\": {\"broader\": \"authorities\", \"label\": \"the city council\"}\n"
    "    }}\n"
    "  },\n"
    "  \"claims\": [\n"
    "    {\"id\": \"bridge-reopened-record\", \"subject\": \"the bridge\", \"property\": \"reopened\",\n"
    "     \"value\": \"2025-05\", \"source\": \"daily-record\", \"quote\": \"The bridge reopened in May.\"},\n"
    "    {\"id\": \"bridge-reopened-wire\", \"subject\": \"the city bridge\", \"property\": \"reopened\",\n"
    "     \"value\": \"2025-05-12\", \"source\": \"city-wire\", \"quote\": \"reopened on 12 May\"},\n"
    "    {\"id\": \"bridge-cost-record\", \"subject\": \"the bridge\", \"property\": \"cost\",\n"
    "     \"value\": {\"about\": 4}, \"source\": \"daily-record\", \"hedge\": \"estimated\",\n"
    "     \"quote\": \"repairs estimated at about 4 million euros\"},\n"
    "    {\"id\": \"bridge-closed-wire\", \"subject\": \"the bridge\", \"property\": \"closed-by\",\n"
    "     \"value\": \"city-council\", \"source\": \"city-wire\", \"quote\": \"the city council closed it\"}\n"
    "  ]\n"
    "}\n";

static const char starter_reviews[] = "{\n  \"reviews\": {}\n}\n";

/* The "$schema" member of a file of DIR, for SCHEMA: "../schema/SCHEMA"
 * inside a claimtrack checkout (where that file exists), else the copy init
 * keeps in DIR/.schema/ (a dot folder: never read as claims).  Text editors
 * then complete and check what an editor types.  The member and a comma. */
static void schema_member(char *out, size_t size, const char *schema, int in_checkout)
{
    snprintf(out, size, "  \"$schema\": \"%s/%s\",\n", in_checkout ? "../schema" : "./.schema",
             schema);
}

static int in_checkout(const char *dir)
{
    static const char *const names[] = {"topic.schema.json", "sources.schema.json",
                                        "reviews.schema.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        struct stat st;
        int n = snprintf(path, sizeof path, "%s/../schema/%s", dir, names[i]);
        if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            return 0;
    }
    return 1;
}

/* Write the strings `parts` to `path` atomically and say `verb` PATH; 0, or
 * CT_EXIT_USAGE after saying why. */
static int write_parts(const char *path, const char *const *parts, size_t n, const char *verb)
{
    ct_atomic_file f;
    int rc = ct_atomic_open(&f, path);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (fputs(parts[i], f.fp) == EOF) {
            ct_atomic_abort(&f);
            rc = -1;
        }
    if (rc == 0)
        rc = ct_atomic_commit(&f);
    if (rc < 0) {
        fprintf(stderr, "claimtrack: %s: cannot write: %s\n", path, strerror(errno));
        return CT_EXIT_USAGE;
    }
    printf("%s %s\n", verb, path);
    return 0;
}

/* DIR/.schema/NAME: the schema claimtrack is built with, written atomically
 * when missing or different (a newer claimtrack refreshes its own copy). */
static int write_schema_copy(const char *dir, const char *name)
{
    size_t len;
    const char *text = ct_schema_document(name, &len);
    char path[4096];
    snprintf(path, sizeof path, "%s/.schema", dir);
    if (!text || (mkdir(path, 0755) != 0 && errno != EEXIST)) {
        fprintf(stderr, "claimtrack: %s: cannot create: %s\n", path, strerror(errno));
        return CT_EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/.schema/%s", dir, name);
    char *old = NULL;
    size_t old_len = 0;
    int same =
        ct_file_read(&old, &old_len, path) == 0 && old_len == len && memcmp(old, text, len) == 0;
    ct_free(old);
    if (same)
        return 0;
    const char *parts[] = {text};
    return write_parts(path, parts, 1, "wrote");
}

/* Write DIR/NAME: TEXT ("{\n..."), with a "$schema" member for SCHEMA first
 * (ct_cmd_init has made sure that no such file exists). */
static int write_new(const char *dir, const char *name, const char *schema, const char *text,
                     int checkout)
{
    char path[4096], member[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    schema_member(member, sizeof member, schema, checkout);
    const char *parts[] = {"{\n", member, text + 2};
    return write_parts(path, parts, 3, "created");
}

int ct_cmd_init(int argc, char **argv)
{
    int done = ct_cli_no_options(argc, argv, "init");
    if (done >= 0)
        return done;
    if (argc - optind > 1)
        return ct_cli_usage_error("init", "expected at most one folder");
    const char *dir = optind < argc ? argv[optind] : "claims";
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "claimtrack: %s: cannot create: %s\n", dir, strerror(errno));
        return CT_EXIT_USAGE;
    }
    static const char *const files[][3] = {
        {"sources.json", "sources.schema.json", starter_sources},
        {"bridge-repairs.json", "topic.schema.json", starter_topic},
        {"reviews.json", "reviews.schema.json", starter_reviews},
    };
    int checkout = in_checkout(dir), status = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0] && status == 0; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        if (stat(path, &st) == 0) {
            fprintf(stderr, "claimtrack: %s already exists; not overwriting it\n", path);
            status = CT_EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0] && status == 0 && !checkout; i++)
        status = write_schema_copy(dir, files[i][1]);
    for (size_t i = 0; i < sizeof files / sizeof files[0] && status == 0; i++)
        status = write_new(dir, files[i][0], files[i][1], files[i][2], checkout);
    if (status == 0)
        printf("next: claimtrack validate %s && claimtrack check %s\n", dir, dir);
    return status;
}
