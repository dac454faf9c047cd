#!/usr/bin/env python3
"""Checks the include graph of app/: the layers stay layered and headers
never include each other in a circle.

The layers, each allowed to include only those before it:
  model (app/core/model)  export (app/core/export)  pipeline (app/core/pipeline)
  render (app/render)  and the front ends gtk (app/gtk) and cli (app/cli).
The umbrella app/core/ward-atlas-core.h is for front ends: it may gather
model and export headers, and nothing under app/core includes it. No core or
render file includes GTK, libshumate or libadwaita, and a *-private.h header
is for the files of its own folder (tests may include it; they are not
checked here).

Breaches and cycles fail (exit 1). Files of export/ and pipeline/ that still
include the umbrella are listed apart and fail only with --strict, until
those folders include what they use.

Usage: check-includes.py [--strict] APP_DIR
"""
import pathlib
import re
import sys

LAYERS = ['model', 'export', 'pipeline', 'render', 'gtk', 'cli']
FOLDERS = {
    ('core', 'model'): 'model',
    ('core', 'export'): 'export',
    ('core', 'pipeline'): 'pipeline',
    ('render',): 'render',
    ('gtk',): 'gtk',
    ('cli',): 'cli',
}
UMBRELLA = 'ward-atlas-core.h'
# Front ends are peers: neither includes the other.
FORBIDDEN = {
    'model': {'export', 'pipeline', 'render', 'gtk', 'cli'},
    'export': {'pipeline', 'render', 'gtk', 'cli'},
    'pipeline': {'render', 'gtk', 'cli'},
    'render': {'gtk', 'cli'},
    'gtk': {'cli'},
    'cli': {'gtk'},
    'umbrella': {'pipeline', 'render', 'gtk', 'cli'},
}
TOOLKITS = re.compile(r'^(gtk/|gdk/|shumate|adwaita|libadwaita)')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def layer_of(app, path):
    rel = path.relative_to(app)
    if rel.parts == ('core', UMBRELLA):
        return 'umbrella'
    for prefix, layer in FOLDERS.items():
        if rel.parts[:len(prefix)] == prefix:
            return layer
    return None


def strip_comments(text):
    return re.sub(r'/\*.*?\*/|//[^\n]*', '', text, flags=re.S)


def scan(app):
    """Files under app/ and their includes: {path: [(kind, name)]}."""
    files = sorted(p for p in app.rglob('*') if p.suffix in ('.c', '.h') and p.is_file())
    includes = {}
    for path in files:
        text = strip_comments(path.read_text(encoding='utf-8', errors='replace'))
        includes[path] = INCLUDE.findall(text)
    return files, includes


def resolve(path, name, by_name):
    """The file under app/ that #include "name" in path reaches, or None
    (generated and outside headers)."""
    local = (path.parent / name).resolve()
    if local.is_file():
        return local
    candidates = by_name.get(pathlib.PurePath(name).name, [])
    return candidates[0] if len(candidates) == 1 else None


def find_cycles(graph):
    """Every elementary circle of the graph once, as a list of nodes."""
    cycles, seen = [], set()
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 'open':
                cycle = stack[stack.index(nxt):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append(cycle + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def check(app, strict=False, out=sys.stdout):
    app = app.resolve()
    files, includes = scan(app)
    by_name = {}
    for path in files:
        by_name.setdefault(path.name, []).append(path)

    def show(path):
        return str(path.relative_to(app.parent))

    breaches, pending, header_graph = [], [], {}
    for path in files:
        layer = layer_of(app, path)
        for kind, name in includes[path]:
            if kind == '<':
                if layer in ('model', 'export', 'pipeline', 'umbrella', 'render') and TOOLKITS.match(name):
                    breaches.append(f'{show(path)}: includes <{name}>: no toolkit below the front ends')
                continue
            target = resolve(path, name, by_name)
            if target is None:
                continue
            if path.suffix == '.h' and target.suffix == '.h':
                header_graph.setdefault(path, []).append(target)
            target_layer = layer_of(app, target)
            if target.name == UMBRELLA and layer in ('model', 'export', 'pipeline', 'umbrella'):
                message = f'{show(path)}: includes {UMBRELLA}, which is for front ends only'
                (pending if layer in ('export', 'pipeline') and not strict else breaches).append(message)
                continue
            if target_layer in FORBIDDEN.get(layer, ()):
                breaches.append(f'{show(path)}: {layer} includes {show(target)} ({target_layer})')
            if target.name.endswith('-private.h') and target.parent != path.parent:
                breaches.append(f'{show(path)}: includes {show(target)}, private to its folder')

    cycles = find_cycles(header_graph)
    for cycle in cycles:
        print('include cycle: ' + ' -> '.join(show(p) for p in cycle), file=out)
    for message in breaches:
        print('layering breach: ' + message, file=out)
    if pending:
        print(f'{len(pending)} file(s) in export/ and pipeline/ still include the umbrella '
              '(an error with --strict):', file=out)
        for message in pending:
            print('  ' + message, file=out)
    failed = bool(cycles or breaches)
    print(f'{len(files)} files, {len(cycles)} cycle(s), {len(breaches)} breach(es): '
          + ('FAIL' if failed else 'ok'), file=out)
    return 1 if failed else 0


def main(argv):
    args = [a for a in argv[1:] if a != '--strict']
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    return check(pathlib.Path(args[0]), strict='--strict' in argv)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
