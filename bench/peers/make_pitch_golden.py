#!/usr/bin/python3
"""Writes the YIN pitch and RMS golden values for the Java test from the MFCC golden clips.

Uses pitch_reference.py (a numpy re-implementation of librosa.yin and librosa.feature.rms:
librosa itself is not installable here). Output, one CSV line per frame "f0,cmnd_min,rms":
    core/src/test/resources/art/empathic/features/pitch/<clip>.<set>.csv
    core/src/test/resources/art/empathic/features/pitch/index.tsv   clip, set, fmin, fmax, frame, hop
Run from anywhere: /usr/bin/python3 bench/peers/make_pitch_golden.py
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfcc_reference as mref  # noqa: E402
import pitch_reference as ref  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIPS = os.path.join(ROOT, "core/src/test/resources/art/empathic/features/golden/clips")
OUT = os.path.join(ROOT, "core/src/test/resources/art/empathic/features/pitch")

# name, fmin, fmax, frame_length, hop_length (win = frame // 2)
SETS = [("speech16k", 65.0, 500.0, 1024, 256), ("librosa_default", 65.0, 2093.0, 2048, 512)]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for clip in sorted(os.listdir(CLIPS)):
        y, sr = mref.read_wav(os.path.join(CLIPS, clip))
        name = clip[:-4]
        for s, fmin, fmax, fl, hop in SETS:
            if len(y) < 2 or (len(y) + 2 * (fl // 2)) < fl:
                continue
            f0, cmnd = ref.yin(y, fmin, fmax, sr, frame_length=fl, hop_length=hop)
            r = ref.rms(y, frame_length=fl, hop_length=hop)
            with open(os.path.join(OUT, f"{name}.{s}.csv"), "w") as f:
                for a, b, c in zip(f0, cmnd, r):
                    f.write(f"{a:.9g},{b:.9g},{c:.9g}\n")
            rows.append(f"{name}\t{s}\t{fmin}\t{fmax}\t{fl}\t{hop}")
    with open(os.path.join(OUT, "index.tsv"), "w") as f:
        f.write("clip\tset\tfmin\tfmax\tframe\thop\n" + "\n".join(rows) + "\n")
    print(f"wrote {len(rows)} cases to {OUT}")


if __name__ == "__main__":
    main()
