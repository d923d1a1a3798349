/*
 * sarif.c - SARIF 2.1.0 as GitHub code scanning reads it.  GitHub ignores
 * suppressions and baselineState, so by default the report holds exactly the
 * blocking conflicts, each at level error: a reviewed conflict's alert closes
 * by its absence.  With CT_REPORT_SARIF_INCLUDE_REVIEWED it holds every
 * conflict (reviewed ones carry an accepted external suppression) and, with
 * a baseline, each result's baselineState and the absent ones.  A rule per
 * conflict type with help; each result's first location is the claim added
 * since the baseline, else the first claim, the others relatedLocations; a
 * plain-text message and a Markdown one; locations at the claims' files and
 * lines relative to the repository root (%SRCROOT%: the git top level holding
 * the file, else the working directory), percent-encoded per RFC 3986; the
 * conflict id as a partial fingerprint.
 */
#include "util/namemap.h"
#include "util/strbuf.h"
#include "report_int.h"
#include "claimtrack/common.h"

#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static const struct {
    const char *type, *rule, *name, *text, *help;
} rules[] = {
    {"value", "CT001", "ValueConflict",
     "Sources assert incompatible values for the same subject and property.",
     "Two or more sources give values for the same subject and property that cannot all be "
     "true."},
    {"denial", "CT002", "DenialConflict", "One source or claimant denies what another asserts.",
     "A source or claimant denies a value that another asserts."},
    {"self-contradiction", "CT003", "SelfContradiction",
     "One claimant asserts incompatible values.",
     "One claimant gives values that cannot all be true at once (without a later revision)."},
    {"rule", "CT004", "RuleConflict",
     "Claims about different properties break a rule of their topic.",
     "A topic rule relates properties (for example dead + survivors = aboard, or one date "
     "before another). Each side is the sum of its terms' values; the claims chosen here, one "
     "per term, give sums that cannot satisfy the relation. The message names the rule and the "
     "subject; each location, the first and the related ones, is a claim of one term."},
};

/* ---- artifact URIs ---------------------------------------------------- */

/* Collapse "//", "/./" and "/../" of an absolute path, in place. */
static void normalise(char *p)
{
    char *w = p;
    const char *r = p;
    while (*r) {
        while (*r == '/')
            r++;
        const char *end = strchr(r, '/');
        size_t n = end ? (size_t)(end - r) : strlen(r);
        if (n == 0)
            break;
        if (n == 1 && r[0] == '.') {
        } else if (n == 2 && r[0] == '.' && r[1] == '.') {
            while (w > p && *--w != '/') {
            }
        } else {
            *w++ = '/';
            memmove(w, r, n);
            w += n;
        }
        r += n;
    }
    if (w == p)
        *w++ = '/';
    *w = '\0';
}

/* The absolute, normalised form of `path` into abs[PATH_MAX]; -1 when too long. */
static int absolute(const char *path, char *abs)
{
    if (path[0] == '/') {
        if (strlen(path) >= PATH_MAX)
            return -1;
        memcpy(abs, path, strlen(path) + 1);
    } else {
        if (!getcwd(abs, PATH_MAX))
            return -1;
        size_t n = strlen(abs);
        if (n + 1 + strlen(path) >= PATH_MAX)
            return -1;
        abs[n] = '/';
        memcpy(abs + n + 1, path, strlen(path) + 1);
    }
    normalise(abs);
    return 0;
}

/* The repository root of the absolute file path `abs`: the closest folder
 * above it holding ".git" (a folder, or a file in a worktree), else the
 * working directory; into root[PATH_MAX]. */
static int repo_root(const char *abs, char *root)
{
    snprintf(root, PATH_MAX, "%s", abs);
    char *slash;
    while ((slash = strrchr(root, '/'))) {
        *slash = '\0';
        char git[PATH_MAX + 8];
        struct stat st;
        snprintf(git, sizeof git, "%s/.git", root);
        if (stat(git, &st) == 0)
            return 0;
    }
    if (!getcwd(root, PATH_MAX))
        return -1;
    normalise(root);
    return 0;
}

/* `abs` relative to the folder `root` (both normalised) into rel[PATH_MAX]. */
static int relative(const char *abs, const char *root, char *rel)
{
    size_t common = 0, i = 0;
    if (strcmp(root, "/") == 0) /* every path is below the file system root */
        return snprintf(rel, PATH_MAX, "%s", abs + 1) < PATH_MAX ? 0 : -1;
    /* the longest common folder prefix */
    for (; root[i] && abs[i] == root[i]; i++)
        if (root[i] == '/')
            common = i;
    if (!root[i] && abs[i] == '/')
        common = i;
    size_t len = 0;
    rel[0] = '\0';
    for (const char *r = root + common; *r; r++)
        if (*r == '/') {
            if (len + 3 >= PATH_MAX)
                return -1;
            memcpy(rel + len, "../", 4);
            len += 3;
        }
    return snprintf(rel + len, PATH_MAX - len, "%s", abs + common + 1) < (int)(PATH_MAX - len) ? 0
                                                                                               : -1;
}

/* `path` percent-encoded per RFC 3986: unreserved characters and '/' kept;
 * new string, NULL when out of memory. */
static char *percent_encode(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = ct_malloc(3 * strlen(path) + 1), *w = out;
    if (!out)
        return NULL;
    for (const unsigned char *r = (const unsigned char *)path; *r; r++) {
        if ((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') ||
            *r == '-' || *r == '.' || *r == '_' || *r == '~' || *r == '/') {
            *w++ = (char)*r;
        } else {
            *w++ = '%';
            *w++ = hex[*r >> 4];
            *w++ = hex[*r & 15];
        }
    }
    *w = '\0';
    return out;
}

/* The URI of each claim file met so far: a report names the same few files
 * thousands of times, and finding one's repository root asks the file
 * system at every folder above it. */
typedef struct {
    ct_namemap index; /* file name -> index into uris */
    char **uris;
    size_t n, cap;
} uri_cache;

static void uri_cache_dispose(uri_cache *u)
{
    for (size_t i = 0; i < u->n; i++)
        ct_free(u->uris[i]);
    ct_free(u->uris);
    ct_namemap__dispose(&u->index);
}

/* The URI of claim file `path` ("-": standard input), kept by the cache
 * (borrowed); NULL when out of memory. */
static const char *file_uri(uri_cache *u, const char *path)
{
    long known = ct_namemap__get(&u->index, path);
    if (known >= 0)
        return u->uris[known];
    char abs[PATH_MAX], root[PATH_MAX], rel[PATH_MAX];
    const char *name = path;
    if (strcmp(path, "-") != 0 && absolute(path, abs) == 0 && repo_root(abs, root) == 0 &&
        relative(abs, root, rel) == 0)
        name = rel;
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 8;
        char **grown = ct_reallocarray(u->uris, cap, sizeof *grown);
        if (!grown)
            return NULL;
        u->uris = grown;
        u->cap = cap;
    }
    char *uri = percent_encode(name);
    if (!uri)
        return NULL;
    /* the key is the caller's string: the corpus's file names and the
     * baseline's outlive the report being written */
    if (ct_namemap__add(&u->index, path, u->n, NULL) < 0) {
        ct_free(uri);
        return NULL;
    }
    u->uris[u->n++] = uri;
    return uri;
}

#define N_RULES (sizeof rules / sizeof rules[0])

static const char *level_of(ct_severity severity)
{
    if (severity == CT_SEVERITY_HIGH)
        return "error";
    return severity == CT_SEVERITY_MEDIUM ? "warning" : "note";
}

/* A location at `file`:`line` (line 0: none; GitHub then takes line 1);
 * `id` >= 0 numbers a related location.  0 or CT_ENOMEM. */
static int write_location(ct_jw *w, uri_cache *u, const char *file, long line, const char *id,
                          const char *source, long related)
{
    const char *uri = file_uri(u, file && *file ? file : "-");
    ct_strbuf msg = CT_STRBUF_INIT;
    ct_strbuf__printf(&msg, "claim %s (%s)", id, source ? source : "?");
    if (!uri || msg.oom) {
        ct_strbuf__dispose(&msg);
        return CT_ENOMEM;
    }
    ct_jw__object(w);
    ct_jw__key(w, "physicalLocation");
    ct_jw__object(w);
    ct_jw__key(w, "artifactLocation");
    ct_jw__object(w);
    ct_jw__member(w, "uri", uri);
    ct_jw__member(w, "uriBaseId", "%SRCROOT%");
    ct_jw__end(w);
    ct_jw__key(w, "region");
    ct_jw__object(w);
    ct_jw__key(w, "startLine");
    ct_jw__integer(w, line > 0 ? line : 1);
    ct_jw__end(w);
    ct_jw__end(w);
    ct_jw__key(w, "message");
    ct_jw__object(w);
    ct_jw__member(w, "text", ct_strbuf__text(&msg));
    ct_jw__end(w);
    if (related >= 0) {
        ct_jw__key(w, "id");
        ct_jw__integer(w, related);
    }
    ct_jw__end(w);
    ct_strbuf__dispose(&msg);
    return 0;
}

static json_t *rule_list(void)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < N_RULES; i++) {
        char md[1024];
        snprintf(md, sizeof md,
                 "%s\n\nReview the conflict with one of:\n\n"
                 "- `claimtrack review ID --status confirmed --note 'why'`\n"
                 "- `claimtrack review ID --status dismissed --note 'why'`\n"
                 "- `claimtrack review ID --status resolved --prefer CLAIM-ID --note 'why'`\n",
                 rules[i].help);
        json_t *rule =
            json_pack("{sssss{ss}s{ss}s{ssss}s{ss}}", "id", rules[i].rule, "name", rules[i].name,
                      "shortDescription", "text", rules[i].text, "fullDescription", "text",
                      rules[i].text, "help", "text", rules[i].help, "markdown", md,
                      "defaultConfiguration", "level", "error");
        if (json_array_append_new(list, rule)) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

static size_t rule_index(const char *type)
{
    size_t ri = 0;
    while (ri < N_RULES - 1 && (!type || strcmp(rules[ri].type, type) != 0))
        ri++;
    return ri;
}

/* Reviewed conflicts (confirmed, dismissed, resolved) are suppressed: an
 * editor accepted them, with the review note as the justification. */
static int write_suppression(ct_jw *w, const ct_report_review *rv)
{
    if (rv->state == CT_REVIEW_UNREVIEWED || rv->state == CT_REVIEW_STALE)
        return 0;
    ct_strbuf just = CT_STRBUF_INIT;
    ct_strbuf__printf(&just, "%s by %s on %s: %s", ct_review_state_name(rv->state),
                      rv->reviewer ? rv->reviewer : "?", rv->date ? rv->date : "?",
                      rv->note ? rv->note : "");
    int rc = just.oom ? CT_ENOMEM : 0;
    if (rc == 0) {
        ct_jw__key(w, "suppressions");
        ct_jw__array(w);
        ct_jw__object(w);
        ct_jw__member(w, "kind", "external");
        ct_jw__member(w, "status", "accepted");
        ct_jw__member(w, "justification", ct_strbuf__text(&just));
        ct_jw__end(w);
        ct_jw__end(w);
    }
    ct_strbuf__dispose(&just);
    return rc;
}

/* 1 when the baseline's entry of a conflict lists claim `id`. */
static int in_baseline(const json_t *entry, const char *id)
{
    const json_t *positions = json_object_get(entry, "positions");
    for (size_t j = 0; j < json_array_size(positions); j++) {
        const json_t *claims = json_object_get(json_array_get(positions, j), "claims");
        for (size_t k = 0; k < json_array_size(claims); k++) {
            const char *c = json_string_value(json_object_get(json_array_get(claims, k), "id"));
            if (c && strcmp(c, id) == 0)
                return 1;
        }
    }
    return 0;
}

/* The first claim added or edited since the review of a stale conflict
 * that is one of its positions' claims, or NULL. */
static const ct_claim *changed_claim(const ct_report_conflict *rc)
{
    for (size_t i = 0; rc->review.state == CT_REVIEW_STALE && i < rc->review.n_changes; i++)
        for (size_t j = 0; j < rc->n_positions; j++)
            for (size_t k = 0; k < rc->positions[j].n_claims; k++)
                if (rc->positions[j].claims[k] == rc->review.changes[i].now_claim)
                    return rc->review.changes[i].now_claim;
    return NULL;
}

/* The claim a result points at first: of a stale conflict whose review kept
 * a snapshot, the first claim added or edited since; with a baseline, of a
 * new or updated conflict, the first claim the baseline's entry did not list
 * (the one added); else the first claim. */
static const ct_claim *first_claim(const ct_report_conflict *rc)
{
    const ct_claim *first = changed_claim(rc);
    if (first)
        return first;
    int look = rc->baseline == CT_BASELINE_NEW || rc->baseline == CT_BASELINE_UPDATED;
    for (size_t j = 0; j < rc->n_positions; j++)
        for (size_t k = 0; k < rc->positions[j].n_claims; k++) {
            const ct_claim *cl = rc->positions[j].claims[k];
            if (!first)
                first = cl;
            if (look && rc->baseline_entry && !in_baseline(rc->baseline_entry, cl->id))
                return cl;
        }
    return first;
}

/* The message of a result: plain text (markdown 0) or Markdown (1). */
static void message(ct_strbuf *msg, const ct_report_conflict *rc, int markdown)
{
    const ct_conflict *c = rc->conflict;
    const char *tick = markdown ? "`" : "";
    ct_strbuf__printf(msg, "%s conflict %s%s%s on %s:", ct_review_state_name(rc->review.state),
                      tick, c->id, tick, rc->title);
    for (size_t j = 0; j < rc->n_positions; j++) {
        const ct_report_position *p = &rc->positions[j];
        ct_strbuf__printf(msg, "%s %s%s%s", j ? ";" : "", p->denies ? "denies " : "", p->display,
                          j == 0 && rc->preferred ? " (preferred)" : "");
    }
    if (rc->review.state == CT_REVIEW_STALE && rc->review.changes_text)
        ct_strbuf__printf(msg, ". Changed since the review: %s", rc->review.changes_text);
    if (rc->review.blocking && markdown)
        ct_strbuf__printf(
            msg,
            ". Review with one of: `claimtrack review %s --status confirmed --note 'why'`, "
            "`claimtrack review %s --status dismissed --note 'why'`, "
            "`claimtrack review %s --status resolved --prefer CLAIM-ID --note 'why'`",
            c->id, c->id, c->id);
    else if (rc->review.blocking)
        ct_strbuf__printf(msg,
                          ". Review it with: claimtrack review %s --status confirmed, dismissed or "
                          "resolved (with --prefer CLAIM-ID), and --note 'why'.",
                          c->id);
    else
        ct_strbuf__printf(msg, ".");
}

/* "ruleId", "ruleIndex", "level" and "message" of a result. */
static void write_result_head(ct_jw *w, const char *type, const char *level, const char *text,
                              const char *markdown)
{
    size_t ri = rule_index(type);
    ct_jw__member(w, "ruleId", rules[ri].rule);
    ct_jw__key(w, "ruleIndex");
    ct_jw__integer(w, (long long)ri);
    ct_jw__member(w, "level", level);
    ct_jw__key(w, "message");
    ct_jw__object(w);
    ct_jw__member(w, "text", text);
    if (markdown)
        ct_jw__member(w, "markdown", markdown);
    ct_jw__end(w);
}

/* The locations of a conflict: its first claim (first_claim), then as
 * related locations every other claim; 0 or CT_ENOMEM. */
static int write_claim_locations(ct_jw *w, uri_cache *u, const ct_report_conflict *rc)
{
    const ct_claim *lead = first_claim(rc);
    int err = 0;
    ct_jw__key(w, "locations");
    ct_jw__array(w);
    if (lead)
        err |= write_location(w, u, lead->file, lead->line, lead->id, lead->source, -1);
    ct_jw__end(w);
    ct_jw__key(w, "relatedLocations");
    ct_jw__array(w);
    long related = 0;
    for (size_t j = 0; j < rc->n_positions; j++)
        for (size_t k = 0; k < rc->positions[j].n_claims; k++) {
            const ct_claim *cl = rc->positions[j].claims[k];
            if (cl != lead)
                err |= write_location(w, u, cl->file, cl->line, cl->id, cl->source, related++);
        }
    ct_jw__end(w);
    return err ? CT_ENOMEM : 0;
}

/* The result of one conflict.  `full`: the report with reviewed conflicts
 * (level by severity, suppressions, baselineState); else a blocking
 * conflict at level error.  0 or CT_ENOMEM. */
static int write_result(ct_jw *w, uri_cache *u, const ct_report_conflict *rc, int full)
{
    const ct_conflict *c = rc->conflict;
    ct_strbuf text = CT_STRBUF_INIT, md = CT_STRBUF_INIT;
    message(&text, rc, 0);
    message(&md, rc, 1);
    int err = text.oom || md.oom;
    if (!err) {
        ct_jw__object(w);
        write_result_head(w, ct_conflict_type_name(c->type), full ? level_of(c->severity) : "error",
                          ct_strbuf__text(&text), ct_strbuf__text(&md));
        err |= write_claim_locations(w, u, rc) < 0;
        ct_jw__key(w, "partialFingerprints");
        ct_jw__object(w);
        ct_jw__member(w, "claimtrackConflictId/v1", c->id);
        ct_jw__end(w);
        ct_jw__key(w, "properties");
        ct_jw__object(w);
        ct_jw__member(w, "severity", ct_severity_name(c->severity));
        ct_jw__member(w, "reviewState", ct_review_state_name(rc->review.state));
        ct_jw__member(w, "digest", c->digest);
        ct_jw__key(w, "blocking");
        ct_jw__bool(w, rc->review.blocking);
        ct_jw__end(w);
        const char *b = ct_report__baseline_state_name(rc->baseline);
        if (full) {
            err |= write_suppression(w, &rc->review) < 0;
            if (b)
                ct_jw__member(w, "baselineState", b);
        }
        ct_jw__end(w);
    }
    ct_strbuf__dispose(&text);
    ct_strbuf__dispose(&md);
    return err ? CT_ENOMEM : 0;
}

/* The result of a baseline conflict no longer found, at its claims' places
 * as the baseline gave them; 0 or CT_ENOMEM. */
static int write_absent_result(ct_jw *w, uri_cache *u, const ct_report_absent *x)
{
    ct_strbuf msg = CT_STRBUF_INIT;
    ct_strbuf__printf(&msg,
                      "conflict %s on %s · %s is no longer found (absent since the baseline).",
                      x->id, x->subject ? x->subject : "?", x->property ? x->property : "?");
    if (msg.oom) {
        ct_strbuf__dispose(&msg);
        return CT_ENOMEM;
    }
    int err = 0;
    size_t written = 0;
    ct_jw__object(w);
    write_result_head(w, x->type, "none", ct_strbuf__text(&msg), NULL);
    ct_jw__key(w, "locations");
    ct_jw__array(w);
    const json_t *positions = json_object_get(x->entry, "positions");
    for (size_t j = 0; j < json_array_size(positions); j++) {
        const json_t *claims = json_object_get(json_array_get(positions, j), "claims");
        for (size_t k = 0; k < json_array_size(claims); k++, written++) {
            const json_t *cl = json_array_get(claims, k);
            err |= write_location(w, u, json_string_value(json_object_get(cl, "file")),
                                  (long)json_integer_value(json_object_get(cl, "line")),
                                  json_string_value(json_object_get(cl, "id")),
                                  json_string_value(json_object_get(cl, "source")), -1);
        }
    }
    if (!written)
        err |= write_location(w, u, NULL, 0, x->id, NULL, -1);
    ct_jw__end(w);
    ct_jw__key(w, "partialFingerprints");
    ct_jw__object(w);
    ct_jw__member(w, "claimtrackConflictId/v1", x->id);
    ct_jw__end(w);
    ct_jw__member(w, "baselineState", "absent");
    ct_jw__end(w);
    ct_strbuf__dispose(&msg);
    return err ? CT_ENOMEM : 0;
}

/* What the report holds: every conflict then the absent ones (full), or
 * the blocking conflicts only. */
typedef struct {
    const ct_report_model *m;
    int full;
    size_t *blocking; /* indexes of the blocking conflicts (not full) */
    uri_cache uris;
} sarif_results;

/* Result i: the conflicts, then the conflicts absent since the baseline. */
static int write_one_result(void *payload, size_t i, ct_jw *w)
{
    sarif_results *r = payload;
    if (!r->full)
        return write_result(w, &r->uris, &r->m->conflicts[r->blocking[i]], 0);
    return i < r->m->n_conflicts
               ? write_result(w, &r->uris, &r->m->conflicts[i], 1)
               : write_absent_result(w, &r->uris, &r->m->absent[i - r->m->n_conflicts]);
}

int ct_report__write_sarif(const ct_report_model *m, FILE *out)
{
    json_t *rules_json = rule_list(), *results = json_array();
    json_t *doc = NULL;
    int rc = CT_ENOMEM;
    sarif_results r = {.m = m, .full = (m->options & CT_REPORT_SARIF_INCLUDE_REVIEWED) != 0};
    size_t count = r.full ? m->n_conflicts + m->n_absent : 0;
    if (!rules_json || !results)
        goto done;
    if (!r.full) {
        if (!(r.blocking = ct_calloc(m->n_conflicts ? m->n_conflicts : 1, sizeof *r.blocking)))
            goto done;
        for (size_t i = 0; i < m->n_conflicts; i++)
            if (m->conflicts[i].review.blocking)
                r.blocking[count++] = i;
    }
    doc = json_pack("{sssss[{s{s{sssssO}}s{s{s{ss}}}sO}]}", "$schema",
                    "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                    "tool", "driver", "name", "claimtrack", "version", CT_VERSION, "rules",
                    rules_json, "originalUriBaseIds", "%SRCROOT%", "description", "text",
                    "The repository root: the git top level holding the claim files, else the "
                    "working directory claimtrack ran in.",
                    "results", results);
    if (!doc)
        goto done;
    ct_json_stream_part part = {
        .array = results, .count = count, .payload = &r, .write = write_one_result};
    rc = ct_report__dump_streamed(out, doc, &part, 1);
done:
    uri_cache_dispose(&r.uris);
    ct_free(r.blocking);
    json_decref(doc);
    json_decref(rules_json);
    json_decref(results);
    return rc;
}
