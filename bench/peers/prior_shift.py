#!/usr/bin/env python3
"""Round 5c diagnostic: how far each corpus's pooled speaker prior lies from the pooled prior of all
training speakers (what speaker_mix blends toward), on the validation training sides only
(RAVDESS without fold-1 actors 1, 2, 13, 14; EmoDB without fold 1's pair 03 and 08). No labels used."""
import csv, sys
import numpy as np
d = sys.argv[1]
X = np.load(d + '/features.npy').astype(np.float64)
rows = list(csv.DictReader(open(d + '/clips.csv')))
keep = [i for i, r in enumerate(rows) if r['emotion'].lower() not in ('neutral', 'boredom')]
held = {('ravdess', 'Actor_01'), ('ravdess', 'Actor_02'), ('ravdess', 'Actor_13'), ('ravdess', 'Actor_14'),
        ('emodb', '03'), ('emodb', '08')}
spk = {}
for i in keep:
    key = (rows[i]['corpus'], rows[i]['speaker'])
    if key in held:
        continue
    spk.setdefault(key, []).append(i)
stats = {k: (X[v].mean(0), X[v].std(0)) for k, v in spk.items() if len(v) >= 5}
def pooled(keys):
    m = np.mean([stats[k][0] for k in keys], 0)
    second = np.mean([stats[k][1] ** 2 + stats[k][0] ** 2 for k in keys], 0)
    return m, np.sqrt(np.maximum(second - m * m, 1e-12))
allk = list(stats)
pm, ps = pooled(allk)
print('speakers:', {c: sum(1 for k in allk if k[0] == c) for c in ('ravdess', 'emodb')})
for c in ('ravdess', 'emodb'):
    cm, cs = pooled([k for k in allk if k[0] == c])
    z = np.abs(cm - pm) / ps
    print(f'{c}: own-corpus prior vs pooled prior: mean |shift| {z.mean():.2f} pooled sd '
          f'(median {np.median(z):.2f}, features over 0.5 sd: {np.mean(z > 0.5) * 100:.0f}%); '
          f'sd ratio own/pooled {np.mean(cs / ps):.2f}')
