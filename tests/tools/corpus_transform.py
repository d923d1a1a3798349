#!/usr/bin/env python3
"""Rewrite a claim corpus for tests/determinism.sh.

  corpus_transform.py reverse SRC DST    claims of every topic file, JSONL lines and
                                         source entries in reverse order; prints the
                                         files, in reverse order, one per line
  corpus_transform.py rename SRC DST MAP every source id and claim id renamed
                                         consistently (reviews' preferred claims
                                         too); writes the new->old map to MAP
  corpus_transform.py normalize REPORT [MAP]
                                         the JSON report without file/line fields;
                                         with MAP ("same": no renaming), names
                                         mapped back, digests
                                         dropped and the order of claims and
                                         revisions made name-blind
"""
import json
import os
import sys


def files_of(src):
    out = []
    for base, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            if n.endswith((".json", ".jsonl")):
                out.append(os.path.relpath(os.path.join(base, n), src))
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dump(doc, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


def jsonl_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line.strip()]


def write_lines(lines, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def reverse(src, dst):
    names = files_of(src)
    for name in names:
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if name.endswith(".jsonl"):
            write_lines(list(reversed(jsonl_lines(s))), d)
            continue
        doc = load(s)
        if os.path.basename(name) == "sources.json":
            doc["sources"] = dict(reversed(list(doc["sources"].items())))
        elif "claims" in doc:
            doc["claims"] = list(reversed(doc["claims"]))
        dump(doc, d)
    for name in reversed(names):
        if os.path.basename(name) != "reviews.json":
            print(os.path.join(dst, name))


def rename(src, dst, map_path):
    sources, claims = {}, {}

    def new_source(old):
        return sources.setdefault(old, "renamed-src-%d" % (len(sources) + 1))

    def new_claim(old):
        return claims.setdefault(old, "renamed-claim-%d" % (len(claims) + 1))

    def claim(c):
        c = dict(c)
        c["id"] = new_claim(c["id"])
        if "source" in c:
            c["source"] = new_source(c["source"])
        return c

    names = files_of(src)
    for name in names:
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if name.endswith(".jsonl"):
            write_lines([json.dumps(claim(json.loads(l)), ensure_ascii=False) for l in jsonl_lines(s)], d)
            continue
        doc = load(s)
        base = os.path.basename(name)
        if base == "sources.json":
            doc["sources"] = {new_source(k): v for k, v in doc["sources"].items()}
        elif base == "reviews.json":
            pass  # after every claim is renamed
        elif "claims" in doc:
            doc["claims"] = [claim(c) for c in doc["claims"]]
        dump(doc, d)
    for name in names:
        if os.path.basename(name) == "reviews.json":
            doc = load(os.path.join(src, name))
            for entry in doc.get("reviews", {}).values():
                if "prefer" in entry:
                    entry["prefer"] = [claims.get(c, c) for c in entry["prefer"]]
            dump(doc, os.path.join(dst, name))
    back = {"sources": {v: k for k, v in sources.items()}, "claims": {v: k for k, v in claims.items()}}
    with open(map_path, "w", encoding="utf-8") as f:
        json.dump(back, f)


def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("file", "line")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def normalize(report, map_path=None):
    doc = strip(load(report))
    if map_path:
        m = {"sources": {}, "claims": {}} if map_path == "same" else load(map_path)
        src, cl = m["sources"], m["claims"]
        for s in doc["sources"]:
            s["id"] = src.get(s["id"], s["id"])
        doc["sources"].sort(key=lambda s: s["id"])
        for c in doc["conflicts"]:
            for p in c["positions"]:
                for x in p["claims"]:
                    x["id"] = cl.get(x["id"], x["id"])
                    x["source"] = src.get(x["source"], x["source"])
                p["claims"].sort(key=lambda x: x["id"])
            # the digest hashes the names themselves
            c.pop("digest", None)
        for r in doc["revisions"]:
            r["claim"], r["by"] = cl.get(r["claim"], r["claim"]), cl.get(r["by"], r["by"])
            r["claimant"] = src.get(r["claimant"], r["claimant"])
        doc["revisions"].sort(key=lambda r: (r["topic"], r["subject"], r["property"], r["claim"], r["by"]))
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "reverse" and len(sys.argv) == 4:
        reverse(sys.argv[2], sys.argv[3])
    elif cmd == "rename" and len(sys.argv) == 5:
        rename(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "normalize" and len(sys.argv) in (3, 4):
        normalize(*sys.argv[2:])
    else:
        sys.exit(__doc__)
