/*
 * commands.c - the command table, with each command's help text.
 */
#include "cli.h"
#include "claimtrack/report.h"

#include <string.h>

/* Where a help text lists the report formats, generated from the report
 * module's format table: "text (default), json, ... or html". */
#define CT_CLI_FORMATS "@FORMATS@"

static void print_formats(FILE *out)
{
    for (size_t i = 0; ct_report_format_name(i); i++) {
        const char *sep = i == 0 ? "" : ct_report_format_name(i + 1) ? ", " : " or ";
        fprintf(out, "%s%s%s", sep, ct_report_format_name(i), i == 0 ? " (default)" : "");
    }
}

/* Print a help text, with the format list in place of CT_CLI_FORMATS. */
static void print_help_text(const char *help, FILE *out)
{
    const char *mark = strstr(help, CT_CLI_FORMATS);
    if (!mark) {
        fputs(help, out);
        return;
    }
    fwrite(help, 1, (size_t)(mark - help), out);
    print_formats(out);
    fputs(mark + strlen(CT_CLI_FORMATS), out);
}

static const ct_cli_command commands[] = {
    {"validate", ct_cmd_validate, "check claim files against the schema and the model",
     "usage: claimtrack validate [--archive DIR [--require-archive]] [--jobs N]\n"
     "                          [--max-input-size SIZE] [PATH...]\n\n"
     "Check every claim file under PATH (default: claims/) against the JSON Schemas\n"
     "and the claim model, and report every error found.\n\n"
     "  --archive DIR   also check that each quote appears in its source's archived\n"
     "                  text (the source's \"archive\" path, relative to DIR); a\n"
     "                  source without one is noted with its unchecked claims\n"
     "  --require-archive\n"
     "                  with --archive: a claim whose source has no archived text\n"
     "                  is an error\n"
     "  -j, --jobs N    threads parsing big JSONL files (default: $CLAIMTRACK_JOBS,\n"
     "                  else the online CPUs, up to 8)\n"
     "  --max-input-size SIZE\n"
     "                  most bytes read from standard input (-), a pipe or a FIFO\n"
     "                  named as PATH (default 4G; suffixes K, M, G, T); regular\n"
     "                  files have no limit\n"
     "  -h, --help      show this help\n\n"
     "Exit status: 0 valid, 1 invalid claims, 2 usage error or unreadable/unparsable input.\n"},
    {"check", ct_cmd_check, "find conflicts between sources and report them",
     "usage: claimtrack check [--format FORMAT] [-o FILE] [--report FORMAT:FILE]...\n"
     "                        [--fail-on CLASS] [--baseline OLD.json] [--color WHEN]\n"
     "                        [--archive DIR] [PATH...]\n\n"
     "Group the claims by topic, subject and property, find the groups whose sources\n"
     "disagree, and report each conflict with its positions, sources and quotes.\n\n"
     "  -f, --format FORMAT  " CT_CLI_FORMATS "\n"
     "  -o, --output FILE    write the report to FILE (atomically) instead of stdout\n"
     "  --report FORMAT:FILE also write FORMAT to FILE (repeatable: several formats\n"
     "                       from one run)\n"
     "  --color WHEN         auto (default: on a terminal, unless NO_COLOR is set),\n"
     "                       always or never\n"
     "  --archive DIR        also check quotes against archived texts\n"
     "  -j, --jobs N         threads parsing big JSONL files\n"
     "  --max-input-size SIZE\n"
     "                       most bytes read from -, a pipe or a FIFO named as PATH\n"
     "                       (default 4G; suffixes K, M, G, T)\n"
     "  --fail-on CLASS      which conflicts fail the run: unreviewed (default: not\n"
     "                       reviewed, or stale: changed since review), stale,\n"
     "                       conflict (any not dismissed), new (unreviewed and new or\n"
     "                       updated since the --baseline) or none\n"
     "  --baseline OLD.json  a JSON report of the base branch: mark each conflict new,\n"
     "                       updated (claims changed) or unchanged, and list the\n"
     "                       absent ones\n"
     "  --reviews FILE       the reviews file (default: reviews.json in the first PATH)\n"
     "  --junit-extensions   JUnit: each case's review as <properties> and its file\n"
     "                       (beyond the stock junit-4.xsd)\n"
     "  --only-blocking      every format: only the conflicts that fail the run\n"
     "  --csv-bom            CSV: start with a UTF-8 byte order mark (for Excel)\n"
     "  --sarif-include-reviewed\n"
     "                       SARIF: every conflict, reviewed ones suppressed, with\n"
     "                       baselineState (default: only the blocking conflicts)\n"
     "  -h, --help           show this help\n\n"
     "Exit status: 0 nothing blocks, 1 a conflict of the --fail-on class exists,\n"
     "2 usage error or bad input.\n"},
    {"review", ct_cmd_review, "record an editor's review of a conflict",
     "usage: claimtrack review ID --status confirmed|dismissed|resolved [--prefer CLAIM-ID]...\n"
     "                         --note TEXT [--by NAME] [--date YYYY-MM-DD] [PATH...]\n"
     "       claimtrack review --prune [PATH...]\n"
     "       claimtrack review --upgrade [PATH...]\n\n"
     "Record a review of the current state of conflict ID in the reviews file\n"
     "(reviews.json in the first PATH, default claims/).  If the conflict's claims\n"
     "change later, the review becomes stale and the gate fails again.\n\n"
     "  --status STATUS   confirmed: a real disagreement, reported as such;\n"
     "                    dismissed: not a real disagreement (the note says why);\n"
     "                    resolved: one position is preferred (name its claims)\n"
     "  --prefer CLAIM-ID a claim of the preferred position (resolved; repeatable)\n"
     "  --note TEXT       the editor's judgement (required)\n"
     "  --by NAME         the reviewer (default: $CLAIMTRACK_REVIEWER, else $USER)\n"
     "  --date DATE       the review's date (default: today, UTC)\n"
     "  --reviews FILE    the reviews file\n"
     "  --prune           drop reviews of conflicts that no longer exist\n"
     "  --upgrade         rewrite reviews kept under old 8-digit ids in the current\n"
     "                    scheme (every run reads them; every write upgrades them)\n\n"
     "Exit status: 0 recorded, 2 unknown id, bad options or unwritable file.\n"},
    {"topics", ct_cmd_topics, "list topics with claim, source and conflict counts",
     "usage: claimtrack topics [PATH...]\n\n"
     "For each topic: its title, and how many claims, sources and conflicts it has.\n"},
    {"show", ct_cmd_show, "print one conflict in full",
     "usage: claimtrack show [--color WHEN] ID [PATH...]\n\n"
     "Print conflict ID (as in CT-3f9a2c1b0d4e5f67) with every position, claim and quote.\n"
     "Exit status: 0 shown, 2 unknown id or bad input.\n"},
    {"claims", ct_cmd_claims,
     "list every claim, grouped: agreements, questions, revisions, conflicts",
     "usage: claimtrack claims [--topic T] [--subject S] [--source ID]\n"
     "                         [--format text|json|csv] [-o FILE] [PATH...]\n\n"
     "Group every claim by topic, subject and property and show, for each group,\n"
     "its positions (claims with the same stance and value), the sources behind\n"
     "each, the claims a speaker revised, and its status: conflict (positions\n"
     "clash), agreement (two or more sources take a stand, none clash), single\n"
     "(one source does), open (claims only question it) or uncompared (text).\n"
     "The filters combine; a group they select is shown whole.\n\n"
     "  -t, --topic T        only groups of topic T (its id)\n"
     "  -s, --subject S      only groups about subject S (its name or an alias)\n"
     "  --source ID          only groups where source ID makes a claim\n"
     "  -f, --format FORMAT  text (default), json (schema/claims.schema.json) or\n"
     "                       csv (the columns of check --format csv)\n"
     "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
     "  --reviews FILE       the reviews file (default: reviews.json in the first PATH)\n"
     "  --csv-bom            CSV: start with a UTF-8 byte order mark (for Excel)\n"
     "  -h, --help           show this help\n\n"
     "Exit status: 0 listed (whatever it shows), 2 unknown topic, subject or\n"
     "source, usage error or bad input.\n"},
    {"sources", ct_cmd_sources, "list sources with their claims and conflicts",
     "usage: claimtrack sources [--matrix] [PATH...]\n\n"
     "For each source: its claims, the conflicts it takes part in, and how often it\n"
     "stands with the majority position (the one backed by the most sources).\n\n"
     "  --matrix    instead, each pair of sources that speak on the same groups\n"
     "              (topic, subject, property): in how many they agree and in how\n"
     "              many they clash\n"
     "  -h, --help  show this help\n"},
    {"export", ct_cmd_export, "write the whole corpus as one JSON or XML document",
     "usage: claimtrack export [--format json|xml|csv] [--csv-bom] [-o FILE] [PATH...]\n\n"
     "Write sources, topics and every claim as one document (JSON by default).\n"
     "That file alone, in a folder, is a loadable corpus; JSON -> XML -> JSON loses\n"
     "nothing.  CSV writes every claim, one a row, with the columns of check\n"
     "--format csv: first the conflicts' claims with their conflict and review,\n"
     "then every other claim (agreements and questions).\n\n"
     "  -f, --format FORMAT  json (default), xml or csv\n"
     "  --csv-bom            CSV: start with a UTF-8 byte order mark (for Excel)\n"
     "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"},
    {"suggest", ct_cmd_suggest, "draft claims from an article, for an editor to accept",
     "usage: claimtrack suggest --source ID [--topic T]... [--published DATE]\n"
     "                          [--format jsonl|json|text] ARTICLE [PATH...]\n\n"
     "Read ARTICLE (UTF-8 text, or - for standard input) and draft the claims it\n"
     "makes against the vocabulary of the corpus at PATH (default: claims/): its\n"
     "topics' subjects and aliases, properties and terms with their \"cues\", and\n"
     "the claimants of sources.json.  Each draft is one JSON line:\n"
     "{\"claim\": {...}, \"offset\": [START, END], \"cues\": [...], \"known\": ID|null}\n"
     "where the quote is exactly the article's bytes START..END and known names an\n"
     "existing claim of the same source, subject, property and value.\n\n"
     "  -s, --source ID       the article's source (declared in sources.json)\n"
     "  -t, --topic T         draft for topic T only (repeatable; default: all)\n"
     "  -p, --published DATE  anchor for dates without a year and relative dates\n"
     "                        (YYYY-MM-DD; default: the source's published)\n"
     "  -f, --format FORMAT   jsonl (default), json (one array) or text\n\n"
     "Exit status: 0 (drafts or none), 2 usage error or unreadable input.\n"},
    {"init", ct_cmd_init, "create a starter claims folder",
     "usage: claimtrack init [DIR]\n\n"
     "Create DIR (default: claims/) with sources.json, an example topic and an\n"
     "empty reviews.json, which validate and check cleanly.  Existing files are\n"
     "never overwritten.\n"},
    {"serve", ct_cmd_serve, "serve the editors' workbench over HTTP (list, conflicts, reviews)",
     "usage: claimtrack serve [--port N] [--bind ADDR] [--reviews FILE] [PATH...]\n\n"
     "Serve the corpus under PATH (default: claims/) as a local web workbench:\n"
     "the conflict list with filters and search, each conflict with its positions,\n"
     "quotes and review history, a review form, the sources.  The claim files are\n"
     "re-read when they change; reviews go through the same locked, atomic writer\n"
     "as `claimtrack review`.  GET /api/conflicts is `check --format json`;\n"
     "POST /api/reviews records a review.  The URL is printed on stderr.\n\n"
     "  -p, --port N      the TCP port (default: 8765; 0: any free port)\n"
     "  --bind ADDR       the numeric address to listen on (default: 127.0.0.1;\n"
     "                    anything else exposes the reviews to the network)\n"
     "  --reviews FILE    the reviews file (default: reviews.json in the first PATH)\n"
     "  -h, --help        show this help\n\n"
     "SIGINT or SIGTERM stops the server (exit status 0) after the request in\n"
     "progress.  Exit status: 0 stopped, 2 usage error, bad input or no socket.\n"},
    {"help", ct_cmd_help, "show help for a command",
     "usage: claimtrack help [COMMAND]\n\n"
     "List the commands with a line on each, or show COMMAND's options.\n"},
};

const ct_cli_command *ct_cli_commands(size_t *count)
{
    *count = sizeof commands / sizeof commands[0];
    return commands;
}

const ct_cli_command *ct_cli_command_find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int ct_cli_print_help(const char *name)
{
    const ct_cli_command *cmd = ct_cli_command_find(name);
    if (!cmd)
        return ct_cli_usage_error(NULL, "unknown command '%s'", name);
    print_help_text(cmd->help, stdout);
    return ct_cli_stdout_done();
}

int ct_cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        size_t n;
        const ct_cli_command *cmds = ct_cli_commands(&n);
        printf("usage: claimtrack COMMAND [OPTIONS] [PATH...]\n\nCommands:\n");
        for (size_t i = 0; i < n; i++)
            printf("  %-10s %s\n", cmds[i].name, cmds[i].summary);
        return ct_cli_stdout_done();
    }
    return ct_cli_print_help(argv[1]);
}
