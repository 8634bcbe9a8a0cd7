#!/usr/bin/env python3
"""Validates Marquee's machine outputs against docs/schemas (docs/output-format.md).

Usage: validate-outputs.py [--schemas DIR] [--quiet] PATH...

Each PATH is a JSON file or a folder (searched recursively for *.json). A file is a Marquee output
when it is a JSON object with `schema_version` and `kind`; it is validated against
DIR/KIND.schema.json (draft 2020-12). covers.json, clips.json and detect.json must be outputs;
other JSON files (manifests, cue sheets) are skipped. Besides the schema, numbers outside `inputs`
must be rounded (at most 4 decimals) and no integer may exceed 2^53 (ids and seeds are strings).

Exit status: 0 every output valid, 1 some output invalid, 2 usage error or no output found,
3 the Python package `jsonschema` is missing (install it: python3 -m pip install jsonschema).
"""
import json
import os
import pathlib
import re
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("validate-outputs: the Python package `jsonschema` is missing; "
                     "install it with `python3 -m pip install jsonschema` (or `make setup`)\n")
    sys.exit(3)

REQUIRED_OUTPUTS = {"covers.json", "clips.json", "detect.json"}
MAX_DECIMALS = 4
MAX_SAFE_INTEGER = 2 ** 53


def load_schemas(folder):
    schemas = {}
    for path in sorted(folder.glob("*.schema.json")):
        schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
    if "common.schema.json" not in schemas:
        raise SystemExit("validate-outputs: no common.schema.json in %s" % folder)
    return schemas


def validator_for(name, schemas, folder):
    """A draft 2020-12 validator whose relative references (`common.schema.json#/...`) resolve in `folder`."""
    schema = schemas[name]
    cls = jsonschema.Draft202012Validator
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        def retrieve(uri):
            base = uri.rsplit("/", 1)[-1]
            if base not in schemas:
                raise LookupError("no schema %s in %s" % (uri, folder))
            return Resource.from_contents(schemas[base], default_specification=DRAFT202012)

        return cls(schema, registry=Registry(retrieve=retrieve), format_checker=cls.FORMAT_CHECKER)
    except ImportError:  # jsonschema before 4.18
        base = folder.resolve().as_uri() + "/"
        store = {base + n: s for n, s in schemas.items()}
        resolver = jsonschema.RefResolver(base_uri=base + name, referrer=schema, store=store)
        return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)


def number_problems(value, path, text_of):
    """Numbers written with more than MAX_DECIMALS decimals, or integers past 2^53, outside `inputs`."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            if not (path == "" and k == "inputs"):
                out += number_problems(v, path + "/" + k, text_of)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += number_problems(v, "%s/%d" % (path, i), text_of)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
        out.append("%s: integer %d is past 2^53; write ids and seeds as strings" % (path or "/", value))
    elif isinstance(value, float):
        text = text_of(value)
        decimals = len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 0
        if decimals > MAX_DECIMALS:
            out.append("%s: %s has %d decimals; round it to what it means" % (path or "/", text, decimals))
    return out


def check_file(path, schemas, folder, validators):
    """Returns (kind or None when not an output, [problems])."""
    raw = path.read_text(encoding="utf-8")
    try:
        floats = {}
        doc = json.loads(raw, parse_float=lambda s: floats.setdefault(float(s), s) and float(s))
    except ValueError as e:
        return ("?", ["not JSON: %s" % e]) if path.name in REQUIRED_OUTPUTS else (None, [])
    is_output = isinstance(doc, dict) and "schema_version" in doc and "kind" in doc
    if not is_output:
        if path.name in REQUIRED_OUTPUTS:
            return "?", ["no `schema_version` and `kind`: not in the machine-output format"]
        return None, []
    kind = str(doc["kind"])
    name = kind + ".schema.json"
    if name not in schemas:
        return kind, ["no schema for kind `%s` (%s)" % (kind, folder / name)]
    if name not in validators:
        validators[name] = validator_for(name, schemas, folder)
    problems = []
    for err in sorted(validators[name].iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/" + "/".join(str(p) for p in err.absolute_path)
        problems.append("%s: %s" % (where, err.message))
    problems += number_problems(doc, "", lambda f: floats.get(f, repr(f)))
    return kind, problems


def files_in(paths):
    for p in paths:
        p = pathlib.Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*.json") if q.is_file())
        elif p.is_file():
            yield p
        else:
            raise SystemExit("validate-outputs: %s: no such file or folder" % p)


def main(argv):
    args = argv[1:]
    quiet = "--quiet" in args
    args = [a for a in args if a != "--quiet"]
    folder = pathlib.Path(__file__).resolve().parent.parent / "docs" / "schemas"
    if len(args) >= 2 and args[0] == "--schemas":
        folder = pathlib.Path(args[1])
        args = args[2:]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    schemas = load_schemas(folder)
    validators = {}
    checked = bad = 0
    for path in files_in(args):
        kind, problems = check_file(path, schemas, folder, validators)
        if kind is None:
            continue
        checked += 1
        if problems:
            bad += 1
            print("INVALID %s (%s)" % (path, kind))
            for p in problems[:50]:
                print("  " + p)
            if len(problems) > 50:
                print("  … and %d more" % (len(problems) - 50))
        elif not quiet:
            print("ok      %s (%s)" % (path, kind))
    if checked == 0:
        sys.stderr.write("validate-outputs: no Marquee output found in %s\n" % " ".join(args))
        return 2
    print("%d output%s checked, %d invalid" % (checked, "" if checked == 1 else "s", bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
