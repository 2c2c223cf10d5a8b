#!/usr/bin/env python3
# check-layers.py — the layering of HACKING.md, checked on the sources
#
# Reads every #include under src/ and fails, naming the file and line, on
#   - an include of a header that belongs to a higher layer or to another
#     branch of the layer graph (net may not include replica's headers),
#   - an include with "../" in it,
#   - a -private.h of another unit, but for the replica writer's in sync,
#   - a system header of a library the file's layer does not link
#     (<sqlite3.h> in ledger/, or above the replica),
#   - a circle in the include graph between layers;
# and, given the built programs, when `assay` or `assayctl` contains a
# symbol of the synthetic data generator (nm).
#
# Usage: check-layers.py [SOURCE_ROOT] [--no-generator PROGRAM]...
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import subprocess
import sys

# Each unit and the units it may use directly; a unit may also use what
# those may use.  Mirrors the dependency objects in the meson.build files.
USES = {
    'base': [],
    'ledger': ['base'],
    'replica': ['ledger'],
    'net': ['base'],
    'sync': ['replica', 'net'],
    'stats': ['base'],
    'rules': ['replica', 'stats'],
    'decisions': ['replica', 'net', 'ledger'],
    'scores': ['rules', 'decisions'],
    'notice': ['scores'],
    'audit': ['scores', 'stats'],
    'session': ['sync', 'rules', 'decisions', 'scores', 'notice', 'audit'],
    'generator': ['ledger'],
    'cli-common': ['base'],
    'cli': ['session', 'cli-common'],
    'central': ['ledger', 'rules', 'decisions', 'notice', 'generator', 'cli-common'],
    # The app: shared widgets, then one folder per workflow on them, then
    # the window and application that hold the workflows.
    'app-widgets': ['session'],
    'app-ledger': ['app-widgets'],
    'app-review': ['app-widgets'],
    'app-weights': ['app-widgets'],
    # The panel rules in the case view the committee decides in.
    'app-arbitration': ['app-widgets', 'app-review'],
    'app-audit': ['app-widgets'],
    'app-outbox': ['app-widgets'],
    'app': ['app-ledger', 'app-review', 'app-weights', 'app-arbitration', 'app-audit',
            'app-outbox'],
}

# The external libraries each unit links itself (its meson.build), by the
# headers they install.
OWN_LIBRARIES = {
    'base': ['glib', 'crypto'],
    'ledger': ['sodium'],
    'replica': ['sqlite', 'json'],
    'net': ['soup'],
    'stats': ['gsl'],
    'notice': ['cairo', 'pango'],
    'generator': ['json'],
    'cli-common': ['sodium'],
    'central': ['sqlite', 'soup'],
    'app-widgets': ['gtk', 'adwaita', 'cairo', 'pango'],
}

# Libraries whose headers only their own unit may include, not the units
# above it: an upper layer asks the replica by name, never with SQL.
UNIT_PRIVATE_LIBRARIES = {'sqlite'}

LIBRARY_HEADERS = [
    (re.compile(r'^(glib|gio|gobject|glib-object\.h|glib\.h|gmodule)'), 'glib'),
    (re.compile(r'^openssl/'), 'crypto'),
    (re.compile(r'^sodium'), 'sodium'),
    (re.compile(r'^sqlite3\.h$'), 'sqlite'),
    (re.compile(r'^json-glib/'), 'json'),
    (re.compile(r'^libsoup/'), 'soup'),
    (re.compile(r'^gsl/'), 'gsl'),
    (re.compile(r'^(gtk|gdk|gsk|graphene)'), 'gtk'),
    (re.compile(r'^cairo'), 'cairo'),
    (re.compile(r'^pango'), 'pango'),
    (re.compile(r'^adwaita\.h$'), 'adwaita'),
]

# The -private.h headers that another unit may include: the writer
# belongs to the replica, and sync drives it, as does the central
# service for the replica of its own log its breakers read.
SHARED_PRIVATE = {('sync', 'assay-replica-sync-private.h'),
                  ('central', 'assay-replica-sync-private.h')}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')

# Headers that the build generates, by name: the unit they belong to.
GENERATED = [
    (re.compile(r'^config\.h$'), None),            # everyone's
    (re.compile(r'^assay-resources\.h$'), 'app'),
    (re.compile(r'^assay-(base|ledger|replica|net|sync|stats|rules|decisions|scores|notice|audit|session)'
                r'-enums\.h$'), 1),
    (re.compile(r'^assay-generator-enums\.h$'), 'generator'),
    (re.compile(r'^assay-app-enums\.h$'), 'app-widgets'),   # from widgets/assay-chart.h
]


def closure(unit):
    """The units `unit` may use, itself included."""
    seen, todo = set(), [unit]
    while todo:
        u = todo.pop()
        if u not in seen:
            seen.add(u)
            todo.extend(USES.get(u, []))
    return seen


def unit_of(path):
    """The unit of a file, from its path relative to src/."""
    parts = path.split('/')
    if parts[0] == 'lib' and len(parts) > 2:
        return parts[1]
    if parts[0] == 'app' and len(parts) > 2:
        return 'app-' + parts[1]
    return parts[0]


def generated_unit(name):
    for pattern, unit in GENERATED:
        m = pattern.match(name)
        if m:
            return (m.group(unit) if isinstance(unit, int) else unit), True
    return None, False


def scan(src):
    headers = {}   # basename -> unit
    files = []
    for root, _dirs, names in os.walk(src):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                rel = os.path.relpath(os.path.join(root, name), src)
                files.append(rel)
                if name.endswith('.h'):
                    if name in headers and headers[name] != unit_of(rel):
                        raise SystemExit(f'check-layers: {name} exists in two units')
                    headers[name] = unit_of(rel)
    return headers, sorted(files)


def find_cycle(edges):
    """A circle in the unit graph, as a list of units, or None."""
    state = {}

    def visit(u, stack):
        state[u] = 1
        stack.append(u)
        for v in sorted(edges.get(u, ())):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in state:
                found = visit(v, stack)
                if found:
                    return found
        stack.pop()
        state[u] = 2
        return None

    for u in sorted(edges):
        if u not in state:
            found = visit(u, [])
            if found:
                return found
    return None


def check_sources(src):
    headers, files = scan(src)
    problems = []
    edges = {}
    for rel in files:
        unit = unit_of(rel)
        if unit not in USES:
            problems.append(f'src/{rel}: is in no known layer; add its folder to check-layers.py')
            continue
        allowed = closure(unit)
        libraries = {lib for u in allowed for lib in OWN_LIBRARIES.get(u, [])
                     if u == unit or lib not in UNIT_PRIVATE_LIBRARIES}
        with open(os.path.join(src, rel), encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, name = m.groups()
                where = f'src/{rel}:{lineno}'
                if '../' in name or name.startswith('..'):
                    problems.append(f'{where}: includes "{name}" by a relative path; '
                                    'include by bare name')
                    continue
                if kind == '<':
                    for pattern, lib in LIBRARY_HEADERS:
                        if pattern.match(name) and lib not in libraries:
                            problems.append(f'{where}: includes <{name}>, but {unit} does not '
                                            f'link {lib} itself')
                    continue
                target, generated = generated_unit(name)
                if not generated:
                    if name not in headers:
                        problems.append(f'{where}: includes "{name}", which is no header '
                                        'under src/')
                        continue
                    target = headers[name]
                if target is None or target == unit:
                    continue
                edges.setdefault(unit, set()).add(target)
                if name.endswith('-private.h') and (unit, name) not in SHARED_PRIVATE:
                    problems.append(f'{where}: {unit} includes "{name}", private to {target}')
                elif target not in allowed:
                    problems.append(f'{where}: {unit} includes "{name}" of {target}, '
                                    f'which {unit} may not use (it may use: '
                                    f'{", ".join(sorted(allowed - {unit})) or "nothing"})')
    cycle = find_cycle(edges)
    if cycle:
        problems.append('the include graph has a circle between units: ' + ' → '.join(cycle))
    return problems, len(files)


def check_binary(path):
    try:
        out = subprocess.run(['nm', path], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        return [f'{path}: cannot read its symbols with nm ({e})']
    found = sorted({line.split()[-1] for line in out.splitlines()
                    if re.search(r'(^|_)assay_generator|AssayGenerator', line.split()[-1])})
    if found:
        return [f'{os.path.basename(path)} contains generator symbols: {", ".join(found[:5])}'
                + (' …' if len(found) > 5 else '')]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('source_root', nargs='?',
                        default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help='the project (default: the one this script belongs to)')
    parser.add_argument('--no-generator', action='append', default=[], metavar='PROGRAM',
                        help='a built program that must not contain generator symbols')
    args = parser.parse_args()

    problems, n_files = check_sources(os.path.join(args.source_root, 'src'))
    for program in args.no_generator:
        problems += check_binary(program)
    for p in problems:
        print(f'check-layers: {p}', file=sys.stderr)
    if problems:
        return 1
    print(f'check-layers: {n_files} files, {len(args.no_generator)} programs, layering kept')
    return 0


if __name__ == '__main__':
    sys.exit(main())
