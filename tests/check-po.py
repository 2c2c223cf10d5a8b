#!/usr/bin/env python3
# tests/check-po.py — the zh_CN translation is complete: every message that
# the sources in po/POTFILES.in mark translatable has a translation in
# po/zh_CN.po that is neither missing, empty nor fuzzy, and every source
# file that marks a message is listed in po/POTFILES.in.
#
# Usage: check-po.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import tempfile

# The same keywords as build-aux/update-po.
KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2']

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(yes|true|1)"')
# Files whose strings xgettext finds without any mark.
ALWAYS_TRANSLATED = re.compile(r'\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$')


def read_potfiles(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def marked_sources(root):
    """Every file under src/, ui/ and data/ that has translatable text."""
    found = []
    for top in ('src', 'ui', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if ALWAYS_TRANSLATED.search(name):
                    found.append(rel)
                    continue
                if name.endswith(('.c', '.h')):
                    mark = C_MARK
                elif name.endswith('.ui'):
                    mark = UI_MARK
                else:
                    continue
                with open(path, encoding='utf-8', errors='replace') as f:
                    if mark.search(f.read()):
                        found.append(rel)
    return found


def msgids(po_text):
    """The msgids of a .po file's entries, without the header."""
    ids = []
    for block in po_text.split('\n\n'):
        m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', block, re.M)
        if m:
            text = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
            if text:
                ids.append(text)
    return ids


def incomplete_messages(po, pot, tmp):
    """Messages of @pot that @po lacks, leaves empty or marks fuzzy.
    Entries of @po that @pot does not have are not our business here."""
    merged = os.path.join(tmp, 'merged.po')
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--no-wrap',
                    '-o', merged, po, pot], check=True)
    problems = []
    for flag, what in (('--untranslated', 'missing or untranslated'),
                       ('--only-fuzzy', 'fuzzy')):
        out = subprocess.run(['msgattrib', '--no-obsolete', '--no-wrap', flag, merged],
                             capture_output=True, text=True, check=True).stdout
        for msgid in msgids(out):
            problems.append('po/zh_CN.po: %s: "%s"' % (what, msgid))
    return problems


def main():
    root = sys.argv[1]
    problems = []

    potfiles = read_potfiles(root)
    for rel in potfiles:
        if not os.path.exists(os.path.join(root, rel)):
            problems.append('po/POTFILES.in lists %s, which does not exist' % rel)
    for rel in marked_sources(root):
        if rel not in potfiles:
            problems.append('%s has translatable strings but is missing from po/POTFILES.in' % rel)

    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, 'potfiles')
        pot = os.path.join(tmp, 'assay.pot')
        with open(listing, 'w', encoding='utf-8') as f:
            f.write('\n'.join(p for p in potfiles if os.path.exists(os.path.join(root, p))) + '\n')
        extract = subprocess.run(['xgettext', '--from-code=UTF-8', '--package-name=assay',
                                  *KEYWORDS, '-D', root, '-f', listing, '-o', pot],
                                 capture_output=True, text=True)
        if extract.returncode != 0:
            problems.append('xgettext failed:\n' + extract.stderr)
        else:
            problems += incomplete_messages(os.path.join(root, 'po', 'zh_CN.po'), pot, tmp)

    check = subprocess.run(['msgfmt', '--check', '-o', os.devnull,
                            os.path.join(root, 'po', 'zh_CN.po')], capture_output=True, text=True)
    if check.returncode != 0:
        problems.append('msgfmt --check failed:\n' + check.stderr.strip())

    for p in problems:
        print('check-po: ' + p, file=sys.stderr)
    if problems:
        print('check-po: fix with build-aux/update-po, then build-aux/po-fill po/zh_CN.po '
              'TRANSLATIONS.json', file=sys.stderr)
        return 1
    print('check-po: %d source files, zh_CN complete' % len(potfiles))
    return 0


if __name__ == '__main__':
    sys.exit(main())
