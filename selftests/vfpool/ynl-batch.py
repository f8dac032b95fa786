#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run many bad requests in one process: ynl-batch.py SPEC [NAME=SPEC...] <CASES

The test VMs are slow to start processes (python above all), so the
selftests hand their requests to this one process. It drives the vfpool
family with the kernel's ynl library (VFPOOL_YNL) and prints one line per
result, "ok DESC" or "not_ok DESC", and "# ..." details, for lib.sh's
ok/not_ok.

Each line of CASES has fields separated by \\x1f:
  ynl[:NAME]  DESC  WANTS  OP  JSON   a do request (with spec NAME)
  dump        DESC  WANTS  OP  JSON   a dump request
  sub         DESC  WANTS  GROUP      join a multicast group
  cli         DESC  WANTS  ARGV...    run a command
  clieq       DESC  OUT    ARGV...    run a command: it succeeds and
                                      prints exactly OUT (\x1e: newline)
WANTS is "|"-separated text the output must contain; a leading "+" in it
means the request must succeed, otherwise it must fail. After each
failing request the family's state (pools, members, leases, dumped
in-process) and the initial netns's netdevs must be what they were:
a second result "DESC: changed nothing". Where the family's state cannot
be read (an unprivileged caller), only the netdevs are compared: the
caller of the batch compares the rest as root afterwards.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ['VFPOOL_YNL'], 'tools/net/ynl'))
from lib import YnlFamily, NlError  # noqa: E402


def snapshot(fam):
    state = []
    for op in ('pool-get', 'member-get', 'lease-get'):
        try:
            state.append(repr(fam.dump(op, {})))
        except NlError as e:
            state.append(f'{op}: not readable here ({e})')
    state.append(' '.join(sorted(os.listdir('/sys/class/net'))))
    return '\n'.join(state)


def run(fams, kind, fields):
    """(succeeded, output) of one case."""
    if kind in ('cli', 'clieq'):
        p = subprocess.run(fields, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        return p.returncode == 0, p.stdout
    name = kind.split(':', 1)[1] if ':' in kind else 'default'
    fam = fams[name]
    try:
        if kind == 'sub':
            # A socket of its own: ynl binds it, which a used one refuses.
            YnlFamily(SPECS[name], '', True).ntf_subscribe(fields[0])
            return True, 'subscribed'
        op, attrs = fields[0], json.loads(fields[1])
        if kind == 'dump':
            reply = fam.dump(op, attrs)
        else:
            reply = fam.do(op, attrs, None)
        return True, repr(reply)
    except NlError as e:
        return False, str(e)
    except Exception as e:  # noqa: BLE001 -- a test reports, not crashes
        return False, f'exception: {e!r}'


SPECS = {}


def main():
    SPECS['default'] = sys.argv[1]
    fams = {'default': YnlFamily(sys.argv[1], '', True)}
    for arg in sys.argv[2:]:
        name, spec = arg.split('=', 1)
        SPECS[name] = spec
        fams[name] = YnlFamily(spec, '', True)
    main_fam = fams['default']
    base = snapshot(main_fam)
    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line:
            continue
        kind, desc, wants, *fields = line.split('\x1f')
        if kind == 'clieq':
            want_ok, expect = True, wants.replace('\x1e', '\n')
            wants = []
        else:
            want_ok = wants.startswith('+')
            wants = [w for w in wants.lstrip('+').split('|') if w]
        succeeded, out = run(fams, kind, fields)
        missing = [w for w in wants if w not in out]
        if kind == 'clieq' and out.rstrip('\n') != expect.rstrip('\n'):
            missing = [f'exactly: {expect}']
        if succeeded == want_ok and not missing:
            print(f'ok {desc}')
        else:
            print(f'not_ok {desc}')
            print(f'#   request: {kind} {" ".join(fields)}')
            print(f'#   wanted: {"success" if want_ok else "failure"}')
            for w in missing:
                print(f'#   missing text: {w}')
            for o in out.splitlines():
                print(f'#   {o}')
        if want_ok:
            base = snapshot(main_fam)
            continue
        now = snapshot(main_fam)
        if now == base:
            print(f'ok {desc}: changed nothing')
        else:
            print(f'not_ok {desc}: changed nothing')
            for o in base.splitlines():
                print(f'#   before: {o}')
            for o in now.splitlines():
                print(f'#   after:  {o}')
            base = now
        sys.stdout.flush()


if __name__ == '__main__':
    main()
