#!/usr/bin/env bash
# META.json (the PGXN distribution metadata) is valid against the PGXN Meta Spec 1.0.0
# (https://pgxn.org/spec/): the required keys name, version, abstract, maintainer, license, provides
# and meta-spec with their types; Terms (at least two characters, no slash, backslash, control
# character or whitespace), Tags (at most 255 characters, no slash, backslash or control character),
# semantic versions, the spec's license strings, prereq phases, relationships and version ranges,
# release_status, resources, and no keys outside the spec except custom x_ / X_ keys.
# The versions agree with zjgov.control's default_version (the one place the version is written:
# '1.1' is SemVer 1.1.0), and with debian/changelog.  Broken copies of META.json must be rejected,
# which shows that the checks can fail.
set -uo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 - <<'PY'
import json, re, os, copy

LICENSES = {"agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd",
            "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit",
            "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5", "postgresql", "qpl_1_0", "ssleay",
            "sun", "zlib", "open_source", "restricted", "unrestricted", "unknown"}
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}
TOP = {"name", "version", "abstract", "maintainer", "license", "provides", "meta-spec",
       "description", "generated_by", "tags", "no_index", "prereqs", "release_status", "resources"}
REQUIRED = ["name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"]
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-?[A-Za-z][0-9A-Za-z-]*)?$")
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$")

def custom(k):
    return k.startswith("x_") or k.startswith("X_")

def validate(m):
    errs = []
    def err(msg):
        errs.append(msg)
    def is_str(v, what, empty_ok=False):
        if not isinstance(v, str) or (not empty_ok and v == ""):
            err(f"{what} must be a non-empty String"); return False
        return True
    def term(v, what):
        if is_str(v, what) and (len(v) < 2 or re.search(r"[/\\\s\x00-\x1f\x7f]", v)):
            err(f"{what} {v!r} is not a Term (2+ characters, no slash, backslash, control character or whitespace)")
    def tag(v, what):
        if is_str(v, what) and (len(v) > 255 or re.search(r"[/\\\x00-\x1f\x7f]", v)):
            err(f"{what} {v!r} is not a Tag (at most 255 characters, no slash, backslash or control character)")
    def version(v, what):
        if is_str(v, what) and not SEMVER.match(v):
            err(f"{what} {v!r} is not a semantic version (major.minor.patch)")
    def url(v, what):
        if is_str(v, what) and not URL.match(v):
            err(f"{what} {v!r} is not a URL")
    def path(v, what):
        if is_str(v, what):
            if v.startswith("/") or "\\" in v or ".." in v.split("/"):
                err(f"{what} {v!r} is not a relative Unix path")
            elif not os.path.exists(v):
                err(f"{what} {v!r} does not exist in the distribution")
    def str_or_list(v, what, check):
        if isinstance(v, list):
            if not v: err(f"{what} is an empty list")
            for i, x in enumerate(v): check(x, f"{what}[{i}]")
        else:
            check(v, what)
    def version_range(v, what):
        if v == 0 or v == "0":
            return
        if not isinstance(v, str):
            err(f"{what} must be 0 or a version range String"); return
        for part in v.split(","):
            mm = re.match(r"^\s*(==|!=|>=|<=|>|<)?\s*(\S+)\s*$", part)
            if not mm or not SEMVER.match(mm.group(2)):
                err(f"{what} {v!r} is not a version range")

    if not isinstance(m, dict):
        return ["the document must be a JSON object (a Map)"]
    for k in REQUIRED:
        if k not in m: err(f"required key {k!r} is missing")
    for k in m:
        if k not in TOP and not custom(k): err(f"unknown key {k!r} (custom keys start with x_)")
    if "name" in m: term(m["name"], "name")
    if "version" in m: version(m["version"], "version")
    if "abstract" in m: is_str(m["abstract"], "abstract")
    if "description" in m: is_str(m["description"], "description")
    if "generated_by" in m: is_str(m["generated_by"], "generated_by")
    if "maintainer" in m: str_or_list(m["maintainer"], "maintainer", lambda v, w: is_str(v, w))
    if "license" in m:
        lic = m["license"]
        if isinstance(lic, dict):
            if not lic: err("license is an empty Map")
            for k, v in lic.items(): url(v, f"license[{k}]")
        else:
            str_or_list(lic, "license", lambda v, w: v in LICENSES or err(f"{w} {v!r} is not a license string of the spec"))
    if "provides" in m:
        p = m["provides"]
        if not isinstance(p, dict) or not p:
            err("provides must be a non-empty Map")
        else:
            for ext, d in p.items():
                term(ext, "provides key")
                if not isinstance(d, dict):
                    err(f"provides[{ext}] must be a Map"); continue
                for k in ("file", "version"):
                    if k not in d: err(f"provides[{ext}] lacks the required {k!r}")
                for k in d:
                    if k not in ("file", "version", "abstract", "docfile") and not custom(k):
                        err(f"provides[{ext}] has an unknown key {k!r}")
                if "file" in d: path(d["file"], f"provides[{ext}].file")
                if "docfile" in d: path(d["docfile"], f"provides[{ext}].docfile")
                if "version" in d: version(d["version"], f"provides[{ext}].version")
                if "abstract" in d: is_str(d["abstract"], f"provides[{ext}].abstract")
    if "meta-spec" in m:
        ms = m["meta-spec"]
        if not isinstance(ms, dict): err("meta-spec must be a Map")
        else:
            if ms.get("version") != "1.0.0": err("meta-spec.version must be \"1.0.0\"")
            if "url" in ms: url(ms["url"], "meta-spec.url")
            for k in ms:
                if k not in ("version", "url") and not custom(k): err(f"meta-spec has an unknown key {k!r}")
    if "tags" in m:
        if not isinstance(m["tags"], list) or not m["tags"]: err("tags must be a non-empty List")
        else:
            for i, t in enumerate(m["tags"]): tag(t, f"tags[{i}]")
    if "release_status" in m and m["release_status"] not in ("stable", "testing", "unstable"):
        err(f"release_status {m['release_status']!r} is not stable, testing or unstable")
    if "no_index" in m:
        ni = m["no_index"]
        if not isinstance(ni, dict): err("no_index must be a Map")
        else:
            for k, v in ni.items():
                if k in ("file", "directory"): str_or_list(v, f"no_index.{k}", lambda x, w: is_str(x, w))
                elif not custom(k): err(f"no_index has an unknown key {k!r}")
    if "prereqs" in m:
        pr = m["prereqs"]
        if not isinstance(pr, dict): err("prereqs must be a Map")
        else:
            for ph, rels in pr.items():
                if ph not in PHASES and not custom(ph): err(f"prereqs phase {ph!r} is not one of {sorted(PHASES)}"); continue
                if not isinstance(rels, dict): err(f"prereqs.{ph} must be a Map"); continue
                for rel, deps in rels.items():
                    if rel not in RELATIONS and not custom(rel): err(f"prereqs.{ph} relationship {rel!r} is unknown"); continue
                    if not isinstance(deps, dict): err(f"prereqs.{ph}.{rel} must be a Map"); continue
                    for dep, rng in deps.items():
                        term(dep, f"prereqs.{ph}.{rel} key")
                        version_range(rng, f"prereqs.{ph}.{rel}.{dep}")
    if "resources" in m:
        rs = m["resources"]
        if not isinstance(rs, dict): err("resources must be a Map")
        else:
            for k, v in rs.items():
                if k == "homepage": url(v, "resources.homepage")
                elif k == "bugtracker":
                    if not isinstance(v, dict): err("resources.bugtracker must be a Map")
                    else:
                        if "web" in v: url(v["web"], "resources.bugtracker.web")
                        if "mailto" in v: is_str(v["mailto"], "resources.bugtracker.mailto")
                elif k == "repository":
                    if not isinstance(v, dict): err("resources.repository must be a Map")
                    else:
                        if "url" in v: url(v["url"], "resources.repository.url")
                        if "web" in v: url(v["web"], "resources.repository.web")
                        if "type" in v: is_str(v["type"], "resources.repository.type")
                elif not custom(k): err(f"resources has an unknown key {k!r}")
    return errs

passed = failed = 0
def check(what, ok, detail=""):
    global passed, failed
    if ok: passed += 1; print(f"ok - {what}")
    else: failed += 1; print(f"not ok - {what}" + (f": {detail}" if detail else ""))

try:
    meta = json.load(open("META.json", encoding="utf-8"))
except Exception as e:
    check("META.json is JSON", False, str(e)); meta = None
if meta is not None:
    check("META.json is JSON", True)
    errs = validate(meta)
    check("META.json is valid PGXN Meta Spec 1.0.0", not errs, "; ".join(errs))

    ctl = open("zjgov.control", encoding="utf-8").read()
    mv = re.search(r"^default_version\s*=\s*'([^']*)'", ctl, re.M)
    control_version = mv.group(1) if mv else None
    check("zjgov.control has a default_version", control_version is not None)
    semver = None
    if control_version:
        parts = control_version.split(".")
        semver = ".".join(parts + ["0"] * (3 - len(parts))) if len(parts) <= 3 else control_version
    check(f"META.json version {meta.get('version')} is zjgov.control's {control_version}",
          meta.get("version") == semver)
    pv = meta.get("provides", {}).get("zjgov", {}).get("version") if isinstance(meta.get("provides"), dict) else None
    check(f"provides.zjgov.version {pv} is zjgov.control's {control_version}", pv == semver)
    check("META.json name is the extension's", meta.get("name") == "zjgov")
    upd = f"zjgov--1.0--{control_version}.sql"
    check(f"the update script to the default version exists ({upd})",
          control_version == "1.0" or os.path.exists(upd))
    if os.path.exists("debian/changelog"):
        dv = re.match(r"^\S+ \(([^)]*)\)", open("debian/changelog", encoding="utf-8").readline())
        dver = dv.group(1).split("-")[0] if dv else None
        check(f"debian/changelog version {dver} is META.json's {meta.get('version')}", dver == meta.get("version"))

    # the validator rejects broken metadata (each mutation must produce an error)
    def mutated(f):
        m = copy.deepcopy(meta); f(m); return m
    cases = {
        "missing abstract": lambda m: m.pop("abstract"),
        "missing provides": lambda m: m.pop("provides"),
        "missing meta-spec": lambda m: m.pop("meta-spec"),
        "version 1.1": lambda m: m.__setitem__("version", "1.1"),
        "license GPL": lambda m: m.__setitem__("license", "GPL"),
        "name with a slash": lambda m: m.__setitem__("name", "zj/gov"),
        "unknown top-level key": lambda m: m.__setitem__("homepage", "https://example.org"),
        "provides without file": lambda m: m["provides"]["zjgov"].pop("file"),
        "provides file missing": lambda m: m["provides"]["zjgov"].__setitem__("file", "nope.sql"),
        "meta-spec 2.0.0": lambda m: m["meta-spec"].__setitem__("version", "2.0.0"),
        "prereq phase install": lambda m: m.__setitem__("prereqs", {"install": {"requires": {"postgis": 0}}}),
        "bad version range": lambda m: m.__setitem__("prereqs", {"runtime": {"requires": {"postgis": ">= three"}}}),
        "release_status beta": lambda m: m.__setitem__("release_status", "beta"),
        "tag with a newline": lambda m: m.__setitem__("tags", ["a\nb"]),
        "maintainer a number": lambda m: m.__setitem__("maintainer", 42),
    }
    for name, f in cases.items():
        check(f"rejects {name}", bool(validate(mutated(f))))
print(f"RESULT {passed} {failed}")
PY
