"""Write a split file (CSV `path,split`, split in train/val/test) that ours and the peers share.

  /usr/bin/python3 bench/peers/make_split.py --data ../shared/data --protocol random --seed 42 \
      [--test-fraction 0.2] [--val-fraction 0] --out split.csv
  /usr/bin/python3 bench/peers/make_split.py --protocol speaker --fold 3 --out fold3.csv

random: stratified by emotion, seeded, identical recordings (the Actor_07 pair) on one side.
speaker: fold k (1..6) tests actors 2k-1, 2k, 2k+11, 2k+12. Paths are relative to the corpus
directory (as in MANIFEST.tsv). Seven classes (neutral dropped).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as C  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--data", default=os.path.dirname(C.DATA), help="folder holding ravdess/")
ap.add_argument("--protocol", choices=["random", "speaker"], default="random")
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--fold", type=int, default=1)
ap.add_argument("--test-fraction", type=float, default=0.2)
ap.add_argument("--val-fraction", type=float, default=0.0, help="cut from the training side")
ap.add_argument("--out", required=True)
a = ap.parse_args()
clips = C.load_clips(os.path.join(a.data, "ravdess"))
if a.protocol == "random":
    tr, te = C.random_split(clips, a.seed, a.test_fraction)
else:
    if not 1 <= a.fold <= 6:
        sys.exit(f"--fold must be in 1..6, got {a.fold}")
    tr, te = C.speaker_fold(clips, a.fold)
va = []
if a.val_fraction > 0:
    tr, va = C.val_split(clips, tr, a.seed, a.val_fraction)
C.write_split(a.out, clips, tr, te, va)
print(f"{a.out}: train {len(tr)}, val {len(va)}, test {len(te)}")
