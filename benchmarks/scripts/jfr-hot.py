#!/usr/bin/env python3
"""Hot frames of a JFR recording: top self frames and top inclusive frames of jdk.ExecutionSample.

usage: jfr-hot.py RECORDING.jfr [N] [FILTER]
FILTER keeps only samples whose stack has a frame containing it (e.g. a thread's operator class).
"""
import collections, re, subprocess, sys

rec = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
flt = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", rec],
                     capture_output=True, text=True, check=True).stdout
self_c, incl_c, n = collections.Counter(), collections.Counter(), 0
for ev in out.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>/]+)\(.*?line:", ev, re.M)
    if not frames or (flt and not any(flt in f for f in frames)):
        continue
    n += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        incl_c[f] += 1
print(f"{n} samples")
print("-- self --")
for f, c in self_c.most_common(top):
    print(f"{100*c/n:5.1f}%  {f}")
print("-- inclusive --")
for f, c in incl_c.most_common(top * 2):
    print(f"{100*c/n:5.1f}%  {f}")
