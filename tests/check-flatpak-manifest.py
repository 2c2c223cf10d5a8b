#!/usr/bin/env python3
# tests/check-flatpak-manifest.py — the flatpak manifest is valid JSON,
# builds our app id, and runs the command the meson build installs.
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys


def main():
    path, app_id, command = sys.argv[1:4]
    problems = []

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('check-flatpak-manifest: %s: %s' % (path, e), file=sys.stderr)
        return 1

    if manifest.get('app-id', manifest.get('id')) != app_id:
        problems.append('the app id is %r, not %r' % (manifest.get('app-id'), app_id))
    if manifest.get('command') != command:
        problems.append('the command is %r, but the build installs %r'
                        % (manifest.get('command'), command))
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append('the runtime is not org.gnome.Platform')
    try:
        if float(manifest.get('runtime-version', '0')) < 44:
            problems.append('the runtime is older than GNOME 44')
    except ValueError:
        problems.append('the runtime version %r is not a GNOME release'
                        % manifest.get('runtime-version'))

    args = set(manifest.get('finish-args', []))
    for needed in ('--socket=wayland', '--socket=fallback-x11', '--share=ipc',
                   '--share=network', '--device=dri'):
        if needed not in args:
            problems.append('finish-args lack %s' % needed)

    modules = manifest.get('modules', [])
    for module in modules:
        for source in module.get('sources', []):
            if source.get('type') == 'archive' and \
               not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                problems.append('module %s: archive %s has no sha256'
                                % (module.get('name'), source.get('url')))
    if not modules or modules[-1].get('buildsystem') != 'meson':
        problems.append('the last module (the app) does not build with meson')
    elif '-Dui=true' not in modules[-1].get('config-opts', []):
        problems.append('the app module does not build the UI (-Dui=true)')

    for p in problems:
        print('check-flatpak-manifest: %s: %s' % (path, p), file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
