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
    "  \"$schema\": \"../schema/sources.schema.json\",\n"
    "  \"sources\": {\n"
    "    \"daily-record\": {\"title\": \"Bridge reopens after repairs\", \"publisher\": \"The Daily Record\"},\n"
    "    \"city-wire\": {\"title\": \"City bridge back in service\", \"publisher\": \"City Wire\"}\n"
    "  }\n"
    "}\n";

static const char starter_topic[] =
    "{\n"
    "  \"$schema\": \"../schema/topic.schema.json\",\n"
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

static const char starter_reviews[] =
    "{\n  \"$schema\": \"../schema/reviews.schema.json\",\n  \"reviews\": {}\n}\n";

static int write_new(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    if (stat(path, &st) == 0) {
        fprintf(stderr, "claimtrack: %s already exists; not overwriting it\n", path);
        return CT_EXIT_USAGE;
    }
    ct_atomic_file f;
    if (ct_atomic_open(&f, path) < 0 || fputs(text, f.fp) == EOF || ct_atomic_commit(&f) < 0) {
        fprintf(stderr, "claimtrack: %s: cannot write: %s\n", path, strerror(errno));
        return CT_EXIT_USAGE;
    }
    printf("created %s\n", path);
    return 0;
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
    int status = write_new(dir, "sources.json", starter_sources);
    if (status == 0)
        status = write_new(dir, "bridge-repairs.json", starter_topic);
    if (status == 0)
        status = write_new(dir, "reviews.json", starter_reviews);
    if (status == 0)
        printf("next: claimtrack validate %s && claimtrack check %s\n", dir, dir);
    return status;
}
