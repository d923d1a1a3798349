/*
 * eval.c - JSON Schema 2020-12 evaluation: each keyword against an instance,
 * with diagnostics located by JSON pointer (see schema.c for the whole).
 */
#include "schema_int.h"
#include "util/calendar.h"
#include "value/jnum.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---------------------------------------------------- */

static int ptr_push(ptrbuf *p, const char *seg, size_t *mark)
{
    *mark = p->len;
    if (p->off)
        return 0;
    size_t need = p->len + 2 + 2 * strlen(seg) + 1;
    if (need > p->alloc) {
        size_t n = p->alloc ? p->alloc : 64;
        while (n < need)
            n *= 2;
        char *s = ct_realloc(p->s, n);
        if (!s)
            return CT_ENOMEM;
        p->s = s;
        p->alloc = n;
    }
    p->s[p->len++] = '/';
    for (; *seg; seg++) {
        if (*seg == '~') {
            p->s[p->len++] = '~';
            p->s[p->len++] = '0';
        } else if (*seg == '/') {
            p->s[p->len++] = '~';
            p->s[p->len++] = '1';
        } else {
            p->s[p->len++] = *seg;
        }
    }
    p->s[p->len] = '\0';
    return 0;
}

static int ptr_push_index(ptrbuf *p, size_t i, size_t *mark)
{
    if (p->off) {
        *mark = p->len;
        return 0;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", i);
    return ptr_push(p, buf, mark);
}

static void ptr_pop(ptrbuf *p, size_t mark)
{
    p->len = mark;
    if (p->s)
        p->s[mark] = '\0';
}

static int keyset_add(keyset *k, const char *key)
{
    if (!k)
        return 0;
    for (size_t i = 0; i < k->count; i++)
        if (k->keys[i] == key || strcmp(k->keys[i], key) == 0)
            return 0;
    if (k->count == k->alloc) {
        size_t n = k->alloc ? k->alloc * 2 : 8;
        const char **keys = ct_reallocarray((void *)k->keys, n, sizeof *keys);
        if (!keys)
            return CT_ENOMEM;
        k->keys = keys;
        k->alloc = n;
    }
    k->keys[k->count++] = key;
    return 0;
}

static int keyset_has(const keyset *k, const char *key)
{
    for (size_t i = 0; i < k->count; i++)
        if (strcmp(k->keys[i], key) == 0)
            return 1;
    return 0;
}

static int keyset_merge(keyset *into, const keyset *from)
{
    if (!into)
        return 0;
    for (size_t i = 0; i < from->count; i++) {
        int rc = keyset_add(into, from->keys[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void keyset_dispose(keyset *k) { ct_free((void *)k->keys); }

/* A number instance's value: exact numbers (value/jnum.h) read from their
 * literal.  Only the validator's numeric keywords use it. */
static double number_value(const json_t *v)
{
    return ct_jnum__is_exact(v) ? strtod(json_string_value(v) + 1, NULL) : json_number_value(v);
}

static const char *type_name(const json_t *v)
{
    if (ct_jnum__is_exact(v))
        return "number";
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_NULL: return "null";
    }
    return "value";
}

static int fail(vctx *c, const ptrbuf *ip, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Record an error (unless quiet); returns 0 (invalid) or CT_ENOMEM. */
static int fail(vctx *c, const ptrbuf *ip, const char *fmt, ...)
{
    if (!c->diags)
        return 0;
    char ptr[1024];
    snprintf(ptr, sizeof ptr, "%s%s", c->base ? c->base : "", ip->s ? ip->s : "");
    va_list ap;
    va_start(ap, fmt);
    int rc = ct_diag_addv(c->diags, CT_DIAG_ERROR, c->file, 0, 0, ptr, fmt, ap);
    va_end(ap);
    return rc < 0 ? rc : 0;
}

/* "; allowed: a, b or names matching \"re\"": the names an object with
 * additionalProperties false accepts, in schema order; "" when it accepts none.
 * Allocated; NULL when out of memory. */
static char *allowed_names(const json_t *props, const json_t *pprops)
{
    size_t n = 0, size = 16, count = 0;
    const char *key;
    json_t *val;
    if (json_is_object(props))
        json_object_foreach((json_t *)props, key, val)
        {
            size += strlen(key) + 4;
            count++;
        }
    if (json_is_object(pprops))
        json_object_foreach((json_t *)pprops, key, val)
        {
            size += strlen(key) + 24;
            count++;
        }
    char *out = ct_malloc(size);
    if (!out)
        return NULL;
    out[0] = '\0';
    if (count == 0)
        return out;
    size_t i = 0;
    n = (size_t)snprintf(out, size, "; allowed: ");
    const json_t *tables[2] = {props, pprops};
    for (int t = 0; t < 2; t++) {
        if (!json_is_object(tables[t]))
            continue;
        json_object_foreach((json_t *)tables[t], key, val)
        {
            const char *sep = i == 0 ? "" : i + 1 == count ? " or " : ", ";
            n += (size_t)snprintf(out + n, size - n, t == 0 ? "%s%s" : "%snames matching \"%s\"",
                                  sep, key);
            i++;
        }
    }
    return out;
}


/* ---- evaluation ------------------------------------------------------- */

static int eval(vctx *c, const json_t *schema, const json_t *inst, ptrbuf *ip, keyset *ev);

/* Evaluate quietly: only whether it matches. */
static int eval_quiet(vctx *c, const json_t *schema, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    ct_diag_list *saved = c->diags;
    c->diags = NULL;
    int rc = eval(c, schema, inst, ip, ev);
    c->diags = saved;
    return rc;
}

static int type_matches(const char *t, const json_t *inst)
{
    if (strcmp(t, "integer") == 0) {
        if (json_is_integer(inst))
            return 1;
        if (ct_jnum__is_exact(inst)) {
            ct_decimal d;
            int64_t i;
            return ct_decimal_parse(&d, json_string_value(inst) + 1, json_string_length(inst) - 1,
                                    NULL) == 0 &&
                   (d.form != CT_DECIMAL_SMALL || ct_decimal_to_int(&i, &d) == 0);
        }
        if (json_is_real(inst)) {
            double v = json_real_value(inst);
            return isfinite(v) && floor(v) == v;
        }
        return 0;
    }
    if (strcmp(t, "number") == 0)
        return ct_jnum__is_number(inst);
    if (strcmp(t, "string") == 0)
        return json_is_string(inst) && !ct_jnum__is_exact(inst);
    if (strcmp(t, "object") == 0)
        return json_is_object(inst);
    if (strcmp(t, "array") == 0)
        return json_is_array(inst);
    if (strcmp(t, "boolean") == 0)
        return json_is_boolean(inst);
    if (strcmp(t, "null") == 0)
        return json_is_null(inst);
    return 0;
}

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ < 0)                                                                               \
            return rc_;                                                                            \
        if (rc_ == 0) {                                                                            \
            valid = 0;                                                                             \
            if (!c->diags)                                                                         \
                return 0;                                                                          \
        }                                                                                          \
    } while (0)

static int eval_type(vctx *c, const json_t *t, const json_t *inst, ptrbuf *ip)
{
    if (json_is_string(t)) {
        if (type_matches(json_string_value(t), inst))
            return 1;
        return fail(c, ip, "expected %s, got %s", json_string_value(t), type_name(inst));
    }
    if (json_is_array(t)) {
        char names[256] = "";
        for (size_t i = 0; i < json_array_size(t); i++) {
            const char *n = json_string_value(json_array_get(t, i));
            if (n && type_matches(n, inst))
                return 1;
            if (n) {
                size_t l = strlen(names);
                snprintf(names + l, sizeof names - l, "%s%s", i ? " or " : "", n);
            }
        }
        return fail(c, ip, "expected %s, got %s", names, type_name(inst));
    }
    return 1;
}

static void describe(const json_t *v, char *buf, size_t n)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    snprintf(buf, n, "%s", s ? s : "?");
    if (s && strlen(s) >= n && n > 4)
        memcpy(buf + n - 4, "...", 4);
    free(s);
}

static int eval_numeric(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    int valid = 1;
    double v = number_value(inst);
    json_t *k;
    if ((k = nd->kw[KW_MINIMUM]) && json_is_number(k) && v < json_number_value(k))
        CHECK(fail(c, ip, "expected a number >= %g, got %g", json_number_value(k), v));
    if ((k = nd->kw[KW_MAXIMUM]) && json_is_number(k) && v > json_number_value(k))
        CHECK(fail(c, ip, "expected a number <= %g, got %g", json_number_value(k), v));
    if ((k = nd->kw[KW_EXCLUSIVEMINIMUM]) && json_is_number(k) && v <= json_number_value(k))
        CHECK(fail(c, ip, "expected a number > %g, got %g", json_number_value(k), v));
    if ((k = nd->kw[KW_EXCLUSIVEMAXIMUM]) && json_is_number(k) && v >= json_number_value(k))
        CHECK(fail(c, ip, "expected a number < %g, got %g", json_number_value(k), v));
    if ((k = nd->kw[KW_MULTIPLEOF]) && json_is_number(k) && json_number_value(k) > 0) {
        int ok;
        if (json_is_integer(k) && json_is_integer(inst)) {
            ok = json_integer_value(inst) % json_integer_value(k) == 0;
        } else {
            double q = v / json_number_value(k);
            ok = isfinite(q) && fabs(q - nearbyint(q)) <= 1e-9 * fmax(1.0, fabs(q));
        }
        if (!ok)
            CHECK(fail(c, ip, "expected a multiple of %g, got %g", json_number_value(k), v));
    }
    return valid;
}

static int eval_string(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    int valid = 1;
    const char *s = json_string_value(inst);
    size_t bytes = json_string_length(inst);
    json_t *k;
    json_t *minl = nd->kw[KW_MINLENGTH], *maxl = nd->kw[KW_MAXLENGTH];
    if ((minl && json_is_number(minl)) || (maxl && json_is_number(maxl))) {
        size_t len = ct_schema__utf8_length(s, bytes);
        if (json_is_number(minl) && (double)len < json_number_value(minl))
            CHECK(fail(c, ip, "expected at least %g character(s), got %zu", json_number_value(minl),
                       len));
        if (json_is_number(maxl) && (double)len > json_number_value(maxl))
            CHECK(fail(c, ip, "expected at most %g character(s), got %zu", json_number_value(maxl),
                       len));
    }
    if ((k = nd->kw[KW_PATTERN]) && json_is_string(k)) {
        int rc = ct_schema__regex_match(c->s, k, json_string_value(k), s, bytes);
        if (rc == CT_EINVALID)
            return CT_EINVALID;
        CHECK(rc == 1 ? 1
              : rc < 0
                  ? rc
                  : fail(c, ip, "\"%.80s\" does not match pattern %s", s, json_string_value(k)));
    }
    if (c->s->opts.assert_format && (k = nd->kw[KW_FORMAT]) && json_is_string(k) &&
        strcmp(json_string_value(k), "date") == 0 && !ct_schema__is_full_date(s, bytes))
        CHECK(fail(c, ip, "expected a calendar date YYYY-MM-DD, got \"%.40s\"", s));
    return valid;
}

static int eval_array(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    int valid = 1;
    size_t n = json_array_size(inst), mark;
    json_t *k;
    if ((k = nd->kw[KW_MINITEMS]) && json_is_number(k) && (double)n < json_number_value(k))
        CHECK(fail(c, ip, "expected at least %g items, got %zu", json_number_value(k), n));
    if ((k = nd->kw[KW_MAXITEMS]) && json_is_number(k) && (double)n > json_number_value(k))
        CHECK(fail(c, ip, "expected at most %g items, got %zu", json_number_value(k), n));
    if ((k = nd->kw[KW_UNIQUEITEMS]) && json_is_true(k)) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (ct_json_equal(json_array_get(inst, i), json_array_get(inst, j))) {
                    CHECK(fail(c, ip, "expected unique items, but items %zu and %zu are equal", i,
                               j));
                    i = j = n;
                }
    }
    size_t prefix = 0;
    json_t *pi = nd->kw[KW_PREFIXITEMS];
    if (json_is_array(pi)) {
        prefix = json_array_size(pi);
        for (size_t i = 0; i < prefix && i < n; i++) {
            int rc;
            if ((rc = ptr_push_index(ip, i, &mark)) < 0)
                return rc;
            rc = eval(c, json_array_get(pi, i), json_array_get(inst, i), ip, NULL);
            ptr_pop(ip, mark);
            CHECK(rc);
        }
    }
    json_t *items = nd->kw[KW_ITEMS];
    if (items) {
        for (size_t i = prefix; i < n; i++) {
            int rc;
            if ((rc = ptr_push_index(ip, i, &mark)) < 0)
                return rc;
            rc = eval(c, items, json_array_get(inst, i), ip, NULL);
            ptr_pop(ip, mark);
            CHECK(rc);
        }
    }
    json_t *contains = nd->kw[KW_CONTAINS];
    if (contains) {
        size_t matches = 0;
        for (size_t i = 0; i < n; i++) {
            int rc = eval_quiet(c, contains, json_array_get(inst, i), ip, NULL);
            if (rc < 0)
                return rc;
            matches += (size_t)rc;
        }
        json_t *mn = nd->kw[KW_MINCONTAINS];
        json_t *mx = nd->kw[KW_MAXCONTAINS];
        double lo = json_is_number(mn) ? json_number_value(mn) : 1;
        if ((double)matches < lo)
            CHECK(fail(c, ip, "expected at least %g matching items, got %zu", lo, matches));
        if (json_is_number(mx) && (double)matches > json_number_value(mx))
            CHECK(fail(c, ip, "expected at most %g matching items, got %zu", json_number_value(mx),
                       matches));
    }
    return valid;
}

/* minProperties, maxProperties */
static int eval_property_counts(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    int valid = 1;
    size_t n = json_object_size(inst);
    json_t *k;
    if ((k = nd->kw[KW_MINPROPERTIES]) && json_is_number(k) && (double)n < json_number_value(k))
        CHECK(fail(c, ip, "expected at least %g properties, got %zu", json_number_value(k), n));
    if ((k = nd->kw[KW_MAXPROPERTIES]) && json_is_number(k) && (double)n > json_number_value(k))
        CHECK(fail(c, ip, "expected at most %g properties, got %zu", json_number_value(k), n));
    return valid;
}

/* required, dependentRequired, dependentSchemas */
static int eval_required(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    int valid = 1;
    const char *key;
    json_t *val;
    json_t *req = nd->kw[KW_REQUIRED];
    for (size_t i = 0; json_is_array(req) && i < json_array_size(req); i++) {
        const char *name = json_string_value(json_array_get(req, i));
        if (name && !json_object_get(inst, name))
            CHECK(fail(c, ip, "missing required property \"%s\"", name));
    }
    json_t *dreq = nd->kw[KW_DEPENDENTREQUIRED];
    if (json_is_object(dreq)) {
        json_object_foreach(dreq, key, val)
        {
            if (!json_object_get(inst, key) || !json_is_array(val))
                continue;
            for (size_t i = 0; i < json_array_size(val); i++) {
                const char *name = json_string_value(json_array_get(val, i));
                if (name && !json_object_get(inst, name))
                    CHECK(fail(c, ip, "property \"%s\" requires property \"%s\"", key, name));
            }
        }
    }
    json_t *dsch = nd->kw[KW_DEPENDENTSCHEMAS];
    if (json_is_object(dsch)) {
        json_object_foreach(dsch, key, val)
        {
            if (json_object_get(inst, key))
                CHECK(eval(c, val, inst, ip, ev));
        }
    }
    return valid;
}

/* propertyNames: every name, as a string instance */
static int eval_property_names(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    int valid = 1, rc;
    size_t mark;
    const char *key;
    json_t *val;
    json_t *pn = nd->kw[KW_PROPERTYNAMES];
    if (!pn)
        return valid;
    json_object_foreach((json_t *)inst, key, val)
    {
        json_t *name = json_string(key);
        if (!name)
            return CT_ENOMEM;
        if ((rc = ptr_push(ip, key, &mark)) < 0) {
            json_decref(name);
            return rc;
        }
        rc = eval(c, pn, name, ip, NULL);
        ptr_pop(ip, mark);
        json_decref(name);
        CHECK(rc);
    }
    return valid;
}

/* One member `key` of the instance against properties, patternProperties
 * and, when neither names it, additionalProperties; a member any of them
 * names is evaluated (into `ev`). */
static int eval_member(vctx *c, const cnode *nd, const char *key, json_t *val, ptrbuf *ip,
                       keyset *ev)
{
    json_t *props = nd->kw[KW_PROPERTIES];
    json_t *pprops = nd->kw[KW_PATTERNPROPERTIES];
    json_t *addl = nd->kw[KW_ADDITIONALPROPERTIES];
    int valid = 1, matched = 0, rc;
    size_t mark;
    if ((rc = ptr_push(ip, key, &mark)) < 0)
        return rc;
    json_t *ps = json_is_object(props) ? json_object_get(props, key) : NULL;
    if (ps) {
        matched = 1;
        rc = eval(c, ps, val, ip, NULL);
        if (rc < 0 || (rc == 0 && !c->diags)) {
            ptr_pop(ip, mark);
            return rc;
        }
        valid &= rc;
    }
    const char *pk;
    json_t *psch;
    if (json_is_object(pprops)) {
        json_object_foreach(pprops, pk, psch)
        {
            rc = ct_schema__regex_match(c->s, pk, pk, key, strlen(key));
            if (rc == 1) {
                matched = 1;
                rc = eval(c, psch, val, ip, NULL);
                if (rc == 0)
                    valid = 0;
            }
            if (rc < 0 || (valid == 0 && !c->diags)) {
                ptr_pop(ip, mark);
                return rc < 0 ? rc : 0;
            }
        }
    }
    if (!matched && addl) {
        if (json_is_false(addl)) {
            /* reported at the object, which does not allow the name, with
             * the names it does allow */
            ptr_pop(ip, mark);
            char *allowed = c->diags ? allowed_names(props, pprops) : NULL;
            if (c->diags && !allowed)
                return CT_ENOMEM;
            rc = fail(c, ip, "property \"%s\" is not allowed here%s", key, allowed ? allowed : "");
            ct_free(allowed);
            if (rc < 0 || (rc = ptr_push(ip, key, &mark)) < 0)
                return rc;
            rc = 0;
        } else {
            rc = eval(c, addl, val, ip, NULL);
        }
        matched = 1;
        if (rc < 0 || (rc == 0 && !c->diags)) {
            ptr_pop(ip, mark);
            return rc;
        }
        valid &= rc;
    }
    ptr_pop(ip, mark);
    if (matched && (rc = keyset_add(ev, key)) < 0)
        return rc;
    return valid;
}

/* properties, patternProperties, additionalProperties */
static int eval_members(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    int valid = 1;
    const char *key;
    json_t *val;
    if (!json_is_object(nd->kw[KW_PROPERTIES]) && !json_is_object(nd->kw[KW_PATTERNPROPERTIES]) &&
        !nd->kw[KW_ADDITIONALPROPERTIES])
        return valid;
    json_object_foreach((json_t *)inst, key, val) { CHECK(eval_member(c, nd, key, val, ip, ev)); }
    return valid;
}

/* The object keywords, by family, in the order they report. */
static int eval_object(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    int valid = 1;
    CHECK(eval_property_counts(c, nd, inst, ip));
    CHECK(eval_required(c, nd, inst, ip, ev));
    CHECK(eval_property_names(c, nd, inst, ip));
    CHECK(eval_members(c, nd, inst, ip, ev));
    return valid;
}

static int eval_applicators(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    int valid = 1, rc;
    json_t *k;
    if ((k = nd->kw[KW_REF]) && json_is_string(k)) {
        json_t *target = nd->ref_target;
        if (!target && !(target = ((cnode *)nd)->ref_target =
                             ct_schema__resolve_ref(c->s, json_string_value(k))))
            return CT_EINVALID;
        CHECK(eval(c, target, inst, ip, ev));
    }
    if ((k = nd->kw[KW_ALLOF]) && json_is_array(k)) {
        for (size_t i = 0; i < json_array_size(k); i++)
            CHECK(eval(c, json_array_get(k, i), inst, ip, ev));
    }
    if ((k = nd->kw[KW_ANYOF]) && json_is_array(k)) {
        int any = 0;
        for (size_t i = 0; i < json_array_size(k); i++) {
            keyset local = {0};
            rc = eval_quiet(c, json_array_get(k, i), inst, ip, ev ? &local : NULL);
            if (rc == 1) {
                any = 1;
                rc = keyset_merge(ev, &local);
            }
            keyset_dispose(&local);
            if (rc < 0)
                return rc;
            if (any && !ev)
                break;
        }
        json_t *title = nd->kw[KW_TITLE];
        if (!any && json_is_string(title))
            CHECK(fail(c, ip, "expected %s", json_string_value(title)));
        else if (!any)
            CHECK(fail(c, ip, "expected a value matching at least one of %zu allowed forms",
                       json_array_size(k)));
    }
    if ((k = nd->kw[KW_ONEOF]) && json_is_array(k)) {
        size_t count = 0;
        for (size_t i = 0; i < json_array_size(k); i++) {
            keyset local = {0};
            rc = eval_quiet(c, json_array_get(k, i), inst, ip, ev ? &local : NULL);
            if (rc == 1) {
                count++;
                rc = keyset_merge(ev, &local);
                if (rc == 0)
                    rc = 1;
            }
            keyset_dispose(&local);
            if (rc < 0)
                return rc;
        }
        if (count != 1)
            CHECK(fail(c, ip, "expected a value matching exactly one of %zu forms, matched %zu",
                       json_array_size(k), count));
    }
    if ((k = nd->kw[KW_NOT])) {
        rc = eval_quiet(c, k, inst, ip, NULL);
        if (rc < 0)
            return rc;
        if (rc == 1)
            CHECK(fail(c, ip, "value matches a form that is not allowed here"));
    }
    if ((k = nd->kw[KW_IF])) {
        keyset local = {0};
        rc = eval_quiet(c, k, inst, ip, ev ? &local : NULL);
        if (rc == 1)
            rc = keyset_merge(ev, &local) < 0 ? CT_ENOMEM : 1;
        keyset_dispose(&local);
        if (rc < 0)
            return rc;
        json_t *branch = rc ? nd->kw[KW_THEN] : nd->kw[KW_ELSE];
        if (branch)
            CHECK(eval(c, branch, inst, ip, ev));
    }
    return valid;
}

/* const and enum: 1 when `inst` matches both, 0 when not (reported), or a
 * negative CT_E*. */
static int eval_const_enum(vctx *c, const cnode *nd, const json_t *inst, ptrbuf *ip)
{
    json_t *k;
    int valid = 1, rc;
    if ((k = nd->kw[KW_CONST]) && !ct_json_equal(k, inst)) {
        char want[80];
        describe(k, want, sizeof want);
        valid = 0;
        if ((rc = fail(c, ip, "expected %s", want)) < 0 || !c->diags)
            return rc < 0 ? rc : 0;
    }
    if ((k = nd->kw[KW_ENUM]) && json_is_array(k)) {
        int found = 0;
        for (size_t i = 0; i < json_array_size(k) && !found; i++)
            found = ct_json_equal(json_array_get(k, i), inst);
        if (!found) {
            char want[160], got[80];
            describe(k, want, sizeof want);
            describe(inst, got, sizeof got);
            valid = 0;
            if ((rc = fail(c, ip, "expected one of %s, got %s", want, got)) < 0)
                return rc;
        }
    }
    return valid;
}

static int eval(vctx *c, const json_t *schema, const json_t *inst, ptrbuf *ip, keyset *ev)
{
    if (json_is_true(schema))
        return 1;
    if (json_is_false(schema))
        return fail(c, ip, "no value is allowed here");
    if (!json_is_object(schema))
        return CT_EINVALID;
    if (++c->depth > MAX_DEPTH) {
        c->depth--;
        return CT_EINVALID;
    }
    const cnode *nd = ct_schema__node_of(c->s, schema);
    if (!nd) {
        c->depth--;
        return CT_ENOMEM;
    }
    int valid = 1, rc = 0;
    json_t *k;
    json_t *unevaluated = json_is_object(inst) ? nd->kw[KW_UNEVALUATEDPROPERTIES] : NULL;
    keyset local = {0};
    keyset *mine = (unevaluated || ev) ? &local : NULL;

    if ((k = nd->kw[KW_TYPE]) && (rc = eval_type(c, k, inst, ip)) <= 0) {
        valid = 0;
        if (rc < 0 || !c->diags)
            goto done;
    }
    if ((rc = eval_const_enum(c, nd, inst, ip)) <= 0) {
        valid = 0;
        if (rc < 0 || !c->diags)
            goto done;
    }
    if (ct_jnum__is_number(inst))
        rc = eval_numeric(c, nd, inst, ip);
    else if (json_is_string(inst))
        rc = eval_string(c, nd, inst, ip);
    else if (json_is_array(inst))
        rc = eval_array(c, nd, inst, ip);
    else if (json_is_object(inst))
        rc = eval_object(c, nd, inst, ip, mine);
    else
        rc = 1;
    if (rc <= 0) {
        valid = 0;
        if (rc < 0 || !c->diags)
            goto done;
    }
    rc = eval_applicators(c, nd, inst, ip, mine);
    if (rc <= 0) {
        valid = 0;
        if (rc < 0 || !c->diags)
            goto done;
    }
    if (unevaluated) {
        const char *key;
        json_t *val;
        size_t mark;
        json_object_foreach((json_t *)inst, key, val)
        {
            if (keyset_has(&local, key))
                continue;
            if (json_is_false(unevaluated)) {
                /* reported at the object, as additionalProperties does */
                rc = fail(c, ip, "property \"%s\" is not allowed here", key);
            } else {
                if ((rc = ptr_push(ip, key, &mark)) < 0)
                    goto done;
                rc = eval(c, unevaluated, val, ip, NULL);
                ptr_pop(ip, mark);
            }
            if (rc <= 0) {
                valid = 0;
                if (rc < 0 || !c->diags)
                    goto done;
            }
            if ((rc = keyset_add(&local, key)) < 0)
                goto done;
        }
    }
    rc = 0;
    if (valid && ev)
        rc = keyset_merge(ev, &local);
done:
    keyset_dispose(&local);
    c->depth--;
    if (rc < 0)
        return rc;
    return valid;
}

int ct_schema_validate(ct_schema *s, const char *at, const json_t *instance, const char *file,
                       const char *base_pointer, ct_diag_list *diags)
{
    json_t *schema = ct_schema__pointer_get(s->root, at ? at : "", 0);
    if (!schema)
        return CT_ENOTFOUND;
    vctx c = {s, file, base_pointer, diags, 0};
    ptrbuf ip = {0};
    ip.off = !diags; /* quiet: no message will need the instance pointer */
    int rc = eval(&c, schema, instance, &ip, NULL);
    ct_free(ip.s);
    if (rc == CT_EINVALID) /* eval's word for a schema it cannot apply */
        return CT_EPARSE;
    if (rc < 0)
        return rc;
    return rc ? 0 : CT_EINVALID;
}
