#!/usr/bin/env python3
"""Random claim corpora for tests/properties.sh, the same for the same seed.

  gen_random.py SEED DIR     write DIR/sources.json and DIR/t.json

Every property type, "varies" and "cumulative", estimates, about/min/max,
decimals, claimants with aliases, broader and overlapping terms, a sum rule
and a date rule, and revision chains (one speaker, several as_of dates,
asserting, denying and questioning).
"""
import json
import os
import random
import sys


def main():
    seed, out = int(sys.argv[1]), sys.argv[2]
    r = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    sources = {f"s{i}": {"title": f"Source {i}", "published": f"2025-0{1 + i % 9}-1{i % 10}"}
               for i in range(6)}
    claimants = {"Ministry": {"aliases": ["the ministry", "officials"]},
                 "Agency": {"aliases": ["the agency"], "source": "s5"}}
    with open(os.path.join(out, "sources.json"), "w", encoding="utf-8") as f:
        json.dump({"sources": sources, "claimants": claimants}, f, indent=1)
    subjects = {f"S{i}": [f"subject {i}", f"the s{i}"] for i in range(3)}
    props = {
        "n": {"type": "quantity", "unit": "people"},
        "m": {"type": "quantity", "tolerance": 0.05},
        "a": {"type": "quantity"}, "b": {"type": "quantity"}, "c": {"type": "quantity"},
        "cum": {"type": "quantity", "cumulative": True},
        "var": {"type": "quantity", "varies": True},
        "d1": {"type": "date"}, "d2": {"type": "date"},
        "who": {"type": "term", "terms": {
            "forces": {}, "police": {"broader": "forces"}, "riot": {"broader": "police"},
            "fsb": {"broader": "forces"}, "army": {}, "joint": {"overlaps": ["police", "fsb"]}}},
        "tags": {"type": "term", "multi": True, "terms": {"fire": {}, "flood": {}, "storm": {}}},
        "ok": {"type": "boolean"},
    }
    rules = [{"id": "sum", "left": ["a", "b"], "relation": "=", "right": ["c"]},
             {"id": "order", "left": ["d1"], "relation": "<", "right": ["d2"]}]

    def number():
        k = r.random()
        if k < 0.5:
            return r.randint(0, 60)
        scale = r.choice([1, 2])
        return round(r.randint(0, 6000) / 10 ** scale, scale)

    def quantity():
        k = r.random()
        x = number()
        if k < 0.45:
            return x
        if k < 0.6:
            return {"about": x}
        if k < 0.7:
            return {"min": x}
        if k < 0.78:
            return {"max": x}
        if k < 0.88:
            return {"min": x, "max": x + r.randint(0, 20)}
        lo = x
        hi = lo + r.randint(0, 30)
        est = {"low": lo, "high": hi}
        if r.random() < 0.6:
            est["best"] = r.randint(int(lo) + (lo != int(lo)), max(int(lo) + (lo != int(lo)), int(hi)))
        return est

    def date():
        day = r.randint(1, 28)
        k = r.random()
        if k < 0.4:
            return f"2025-0{r.randint(5, 7)}-{day:02d}"
        if k < 0.6:
            return f"2025-0{r.randint(5, 7)}"
        if k < 0.7:
            return "2025"
        a, b = sorted([r.randint(1, 28), r.randint(1, 28)])
        return {"from": f"2025-06-{a:02d}", "to": f"2025-06-{b:02d}"}

    def value(p):
        t = props[p]["type"]
        if t == "quantity":
            return quantity()
        if t == "date":
            return date()
        if t == "term":
            return r.choice(list(props[p]["terms"]))
        return r.random() < 0.5

    claims = []
    names = list(props)
    for i in range(r.randint(30, 70)):
        p = r.choice(names)
        c = {"id": f"c{i}", "subject": r.choice([r.choice(list(subjects)), "subject 1", "the s2"]),
             "property": p, "value": value(p), "source": r.choice(list(sources)), "quote": f"quote {i}"}
        if r.random() < 0.2:
            c["stance"] = r.choice(["denies", "denies", "questions"])
        if r.random() < 0.25:
            c["claimant"] = r.choice(["Ministry", "the ministry", "officials", "the agency", "a witness"])
        if r.random() < 0.15:
            c["hedge"] = r.choice(["reported", "alleged"])
        if r.random() < 0.3 or props[p].get("cumulative") or props[p].get("varies"):
            c["as_of"] = f"2025-0{r.randint(1, 9)}-{r.randint(1, 28):02d}"
        claims.append(c)
    # revision chains: one speaker restating, denying, questioning over time
    for j in range(r.randint(2, 5)):
        p = r.choice(["n", "m", "who", "tags", "ok", "d1"])
        subj, src = r.choice(list(subjects)), r.choice(list(sources))
        who = r.choice([None, "Ministry"])
        for step in range(r.randint(2, 4)):
            c = {"id": f"r{j}x{step}", "subject": subj, "property": p, "value": value(p),
                 "source": src, "quote": f"chain {j} step {step}", "as_of": f"2025-03-{10 + step:02d}"}
            if who:
                c["claimant"] = who
            if r.random() < 0.3:
                c["stance"] = r.choice(["denies", "questions"])
            claims.append(c)
    r.shuffle(claims)
    topic = {"topic": "t", "title": "Random", "subjects": subjects, "properties": props,
             "rules": rules, "claims": claims}
    with open(os.path.join(out, "t.json"), "w", encoding="utf-8") as f:
        json.dump(topic, f, indent=1)


main()
