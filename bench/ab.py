#!/usr/bin/env python3
"""Interleaved A/B of whole commands by CPU time (used for the start-up notes in RESULTS-notes.md).

    python3 bench/ab.py ROUNDS 'label=command args' 'label=command args' ...

Each round runs every command once, in a shuffled order (a fixed order showed a steady bias on
this shared machine); CPU = user + system time of the child from wait4(). Stdout goes to
/dev/null (stderr too with AB_QUIET=1). Prints the median, best and worst per label and the
1-minute load average before and after.
"""
import os
import random
import shlex
import statistics
import sys

rounds = int(sys.argv[1])
cmds = [(a.split('=', 1)[0], shlex.split(a.split('=', 1)[1])) for a in sys.argv[2:]]
res = {label: [] for label, _ in cmds}
load0 = os.getloadavg()[0]
for _ in range(rounds):
    order = list(cmds)
    random.shuffle(order)
    for label, argv in order:
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            if os.environ.get('AB_QUIET'):
                os.dup2(fd, 2)
            os.execvp(argv[0], argv)
        _, status, ru = os.wait4(pid, 0)
        if status != 0:
            print(f'{label}: exit status {status}', file=sys.stderr)
        res[label].append((ru.ru_utime + ru.ru_stime) * 1000)
print(f'{rounds} rounds, load {load0:.2f} -> {os.getloadavg()[0]:.2f}')
for label, _ in cmds:
    v = res[label]
    print(f'{label:24s} median {statistics.median(v):6.1f} ms  best {min(v):6.1f}  worst {max(v):6.1f}')
