#!/usr/bin/env python3
"""Transforms and checks for tests/properties.sh (random corpora).

  properties.py scale SRC DST K     every quantity number x 10^K (exact)
  properties.py zeros SRC DST       every quantity number written with one more
                                    trailing zero (14.1 -> 14.10, 38 -> 38.0)
  properties.py restate SRC DST     a later, identical restatement appended
                                    for a few speakers' latest claims (non-varying
                                    properties); prints the new claim ids
  properties.py summary REPORT [ID...]
                                    the conflicts and revisions of a JSON report,
                                    names kept, displays and digests left out, the
                                    claim ids given dropped from positions
  properties.py clashes CORPUS REPORT
                                    every clash of every value, denial or
                                    self-contradiction conflict is one under the
                                    written rules, checked with exact decimals here
"""
import json
import os
import re
import sys
from decimal import Decimal

MARK = "\u0002num:"


def load_exact(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal, parse_int=Decimal)


def dump_exact(doc, path):
    def enc(x):
        if isinstance(x, Decimal):
            return MARK + format(x, "f") + "\u0002"
        if isinstance(x, dict):
            return {k: enc(v) for k, v in x.items()}
        if isinstance(x, list):
            return [enc(v) for v in x]
        return x
    text = json.dumps(enc(doc), ensure_ascii=False, indent=1)
    text = re.sub(r'"\\u0002num:([-0-9.eE+]+)\\u0002"', r"\1", text)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def quantity_props(topic):
    return {n for n, p in topic["properties"].items() if p["type"] == "quantity"}


def map_numbers(value, fn):
    if isinstance(value, Decimal):
        return fn(value)
    if isinstance(value, dict):
        return {k: map_numbers(v, fn) for k, v in value.items()}
    return value


def rewrite(src, dst, fn):
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(src):
        doc = load_exact(os.path.join(src, name))
        if "claims" in doc:
            q = quantity_props(doc)
            for c in doc["claims"]:
                if c["property"] in q:
                    c["value"] = map_numbers(c["value"], fn)
        dump_exact(doc, os.path.join(dst, name))


def with_zero(x):
    s = format(x, "f")
    return Decimal(s + "0") if "." in s else Decimal(s + ".0")


def restate(src, dst):
    os.makedirs(dst, exist_ok=True)
    new_ids = []
    for name in sorted(os.listdir(src)):
        doc = load_exact(os.path.join(src, name))
        if "claims" in doc:
            props = doc["properties"]
            groups = {}
            for c in doc["claims"]:
                p = props[c["property"]]
                if p.get("varies") or p.get("cumulative") or "as_of" not in c:
                    continue
                speaker = c.get("claimant") or c["source"]
                groups.setdefault((speaker, c["subject"], c["property"]), []).append(c)
            for key in sorted(groups)[:4]:
                latest = max(groups[key], key=lambda c: (c["as_of"], c["id"]))
                copy = dict(latest)
                copy["id"] = "restated-" + latest["id"]
                copy["as_of"] = "2025-12-31"  # after every generated date
                copy["quote"] = latest["quote"] + " (again)"
                doc["claims"].append(copy)
                new_ids.append(copy["id"])
        dump_exact(doc, os.path.join(dst, name))
    print(" ".join(new_ids))


def summary(report, drop):
    doc = json.load(open(report, encoding="utf-8"))
    out = []
    for c in doc["conflicts"]:
        positions = []
        for p in c["positions"]:
            ids = sorted(cl["id"] for cl in p["claims"] if cl["id"] not in drop)
            if ids:
                positions.append(ids)
        out.append({"id": c["id"], "type": c["type"], "severity": c["severity"],
                    "positions": sorted(positions)})
    revisions = sorted((r["claim"], r["by"]) for r in doc.get("revisions", [])
                       if r["claim"] not in drop and r["by"] not in drop)
    print(json.dumps({"conflicts": sorted(out, key=lambda x: x["id"]), "revisions": revisions},
                     indent=1, sort_keys=True))


# ---- an independent reading of the clash rules ------------------------------

INF = Decimal("Infinity")


def day(s, end):
    import datetime
    parts = [int(x) for x in s.split("-")]
    if len(parts) == 1:
        d = datetime.date(parts[0], 12, 31) if end else datetime.date(parts[0], 1, 1)
    elif len(parts) == 2:
        if end:
            nxt = datetime.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            d = nxt - datetime.timedelta(days=1)
        else:
            d = datetime.date(parts[0], parts[1], 1)
    else:
        d = datetime.date(*parts)
    return Decimal(d.toordinal())


def interval(prop, v):
    if prop["type"] == "date":
        if isinstance(v, str):
            return day(v, False), day(v, True)
        return (day(v["from"], False) if "from" in v else -INF,
                day(v["to"], True) if "to" in v else INF)
    if isinstance(v, Decimal):
        return v, v
    if "about" in v:
        t = Decimal(str(prop.get("tolerance", "0.1")))
        d = abs(v["about"]) * t
        return v["about"] - d, v["about"] + d
    if "low" in v:
        return v["low"], v["high"]
    return v.get("min", -INF), v.get("max", INF)


def clash(prop, a, b):
    """Two claims of a non-varying quantity, date or boolean property clash."""
    sa, sb = a.get("stance", "asserts"), b.get("stance", "asserts")
    if "questions" in (sa, sb) or (sa == "denies" and sb == "denies"):
        return False
    if prop["type"] == "boolean":
        return (a["value"] != b["value"]) if sa == sb else (a["value"] == b["value"])
    (alo, ahi), (blo, bhi) = interval(prop, a["value"]), interval(prop, b["value"])
    if sa == sb:
        return ahi < blo or bhi < alo
    if sa == "denies":  # b asserts inside what a denies
        return alo <= blo and bhi <= ahi
    return blo <= alo and ahi <= bhi


def clashes(corpus, report):
    claims, props = {}, {}
    for name in os.listdir(corpus):
        doc = load_exact(os.path.join(corpus, name))
        if "claims" in doc:
            for c in doc["claims"]:
                claims[c["id"]] = c
            props.update(doc["properties"])
    doc = json.load(open(report, encoding="utf-8"))
    checked = bad = 0
    for c in doc["conflicts"]:
        prop = props.get(c["property"]) if c.get("property") else None
        if c["type"] == "rule" or not prop or prop["type"] not in ("quantity", "date", "boolean"):
            continue
        if prop.get("varies") or prop.get("cumulative") or prop.get("multi"):
            continue
        for pair in c["clashes"]:
            a = claims[c["positions"][pair[0]]["claims"][0]["id"]]
            b = claims[c["positions"][pair[1]]["claims"][0]["id"]]
            checked += 1
            if not clash(prop, a, b):
                bad += 1
                print(f"{c['id']}: {a['id']} and {b['id']} do not clash under the written rules",
                      file=sys.stderr)
    print(f"{checked} clashes checked, {bad} wrong")
    return bad == 0


def main():
    cmd = sys.argv[1]
    if cmd == "scale":
        k = int(sys.argv[4])
        rewrite(sys.argv[2], sys.argv[3], lambda x: x.scaleb(k))
    elif cmd == "zeros":
        rewrite(sys.argv[2], sys.argv[3], with_zero)
    elif cmd == "restate":
        restate(sys.argv[2], sys.argv[3])
    elif cmd == "summary":
        summary(sys.argv[2], set(sys.argv[3:]))
    elif cmd == "clashes":
        sys.exit(0 if clashes(sys.argv[2], sys.argv[3]) else 1)


main()
