#!/usr/bin/python3
"""Regenerates the MFCC golden test resources from self-made clips.

Writes small synthetic clips (and two espeak-ng sentences when espeak-ng is installed) as
16-bit WAV, runs the numpy reference (mfcc_reference.py) on them for several parameter sets and
writes gzipped CSV (one line per frame) plus an index the Java golden test walks:

    core/src/test/resources/art/empathic/features/golden/
        clips/<clip>.wav
        expected/<clip>.<set>.<kind>.csv.gz
        sets.tsv     parameter sets (name, n_mfcc, n_fft, hop, win, n_mels, fmin, fmax, center, top_db)
        index.tsv    clip, set, kind, file -- or ERROR where librosa raises (too short for it)

Never point this at RAVDESS: its licence forbids committing anything computed from it.
Run from anywhere: /usr/bin/python3 bench/peers/make_mfcc_golden.py
"""

import gzip
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfcc_reference as ref  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "core/src/test/resources/art/empathic/features/golden")

# name, n_mfcc, n_fft, hop, win (0 = n_fft), n_mels, fmin, fmax (0 = sr/2), center, top_db (none)
SETS = [
    ("librosa_default", 40, 2048, 512, 0, 128, 0.0, 0.0, True, "80"),
    ("small_nodb", 13, 512, 160, 0, 40, 0.0, 0.0, True, "none"),
    ("win400_band", 40, 512, 160, 400, 128, 60.0, 7000.0, True, "80"),
    ("nocenter_nodb", 13, 2048, 512, 0, 40, 0.0, 0.0, False, "none"),
    ("odd_fft", 20, 1000, 256, 0, 64, 0.0, 0.0, True, "60"),
]
# Which extra outputs each set gets (MFCC always); kept few so the resources stay small.
EXTRA_KINDS = {"librosa_default": ["meldb", "delta1", "delta2"], "small_nodb": ["meldb", "delta1"]}


def synth_clips():
    rng = np.random.default_rng(20240607)
    sr = 16000
    t = np.arange(int(0.6 * sr)) / sr
    clips = {}
    # Logarithmic chirp 100 Hz -> 7 kHz.
    f0, f1, dur = 100.0, 7000.0, t[-1]
    k = np.log(f1 / f0) / dur
    clips["chirp"] = (0.5 * np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k), sr)
    # 50 ms white-noise bursts separated by exact digital silence.
    y = np.zeros_like(t)
    for start in (0.05, 0.2, 0.35, 0.5):
        a, b = int(start * sr), int((start + 0.05) * sr)
        y[a:b] = 0.3 * rng.standard_normal(b - a)
    clips["noise_bursts"] = (y, sr)
    # A vowel-like harmonic tone: 140 Hz with vibrato, formant-shaped harmonics, fade in/out.
    tv = t[: int(0.5 * sr)]
    phase = 2 * np.pi * (140 * tv + 3 * np.sin(2 * np.pi * 5 * tv) / (2 * np.pi * 5))
    y = np.zeros_like(tv)
    for h in range(1, 40):
        fh = 140 * h
        if fh > sr / 2:
            break
        gain = sum(np.exp(-((fh - fc) / bw) ** 2) for fc, bw in ((700, 130), (1220, 150), (2600, 250)))
        y += (gain + 0.01) / h * np.sin(h * phase)
    y *= np.minimum(1, np.minimum(tv, tv[-1] - tv) / 0.05) * 0.4 / np.max(np.abs(y))
    clips["vowel"] = (y, sr)
    # Shorter than every n_fft in SETS.
    clips["short"] = (0.2 * rng.standard_normal(300), sr)
    clips["silence"] = (np.zeros(4000), sr)
    y = np.zeros(4000)
    y[2000] = 0.9
    clips["impulse"] = (y, sr)
    return clips


def speech_clips(tmp):
    if shutil.which("espeak-ng") is None:
        print("espeak-ng not installed: no speech clips", file=sys.stderr)
        return {}
    clips = {}
    for name, voice, text in (("speech_en", "en", "Kids are talking by the door."),
                              ("speech_en_f", "en+f3", "Dogs are sitting by the door.")):
        wav = os.path.join(tmp, name + ".wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", "190", "-w", wav, text], check=True)
        y, sr = ref.read_wav(wav)
        clips[name] = (y, sr)  # espeak-ng speaks at 22050 Hz: covers a second sample rate
    return clips


def params(s, sr):
    name, n_mfcc, n_fft, hop, win, n_mels, fmin, fmax, center, top_db = s
    return dict(n_mfcc=n_mfcc, n_fft=n_fft, hop_length=hop, win_length=win or None, n_mels=n_mels,
                fmin=fmin, fmax=fmax or None, center=center, top_db=None if top_db == "none" else float(top_db))


def compute(y, sr, kind, p):
    p = dict(p)
    n_mfcc = p.pop("n_mfcc")
    if kind == "meldb":
        return ref.mel_db(y, sr, **p)
    m = ref.mfcc(y, sr, n_mfcc=n_mfcc, **p)
    return m if kind == "mfcc" else ref.delta(m, width=9, order=int(kind[5:]))


def main():
    for sub in ("clips", "expected"):
        shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
        os.makedirs(os.path.join(OUT, sub))
    with tempfile.TemporaryDirectory() as tmp:
        clips = {**synth_clips(), **speech_clips(tmp)}
    index = []
    for clip, (y, sr) in clips.items():
        path = os.path.join(OUT, "clips", clip + ".wav")
        ref.write_wav16(path, y, sr)
        y, sr = ref.read_wav(path)  # the quantised float32 samples the Java side will read too
        for s in SETS:
            for kind in ["mfcc"] + EXTRA_KINDS.get(s[0], []):
                try:
                    values = compute(y, sr, kind, params(s, sr))
                except ValueError:  # librosa raises here too (no-center too short, delta width)
                    index.append((clip, s[0], kind, "ERROR"))
                    continue
                name = f"{clip}.{s[0]}.{kind}.csv.gz"
                with gzip.GzipFile(os.path.join(OUT, "expected", name), "wb", mtime=0) as f:
                    f.write(ref.to_csv(values, mean=False).encode())
                index.append((clip, s[0], kind, name))
    with open(os.path.join(OUT, "sets.tsv"), "w") as f:
        f.write("name\tn_mfcc\tn_fft\thop_length\twin_length\tn_mels\tfmin\tfmax\tcenter\ttop_db\n")
        for s in SETS:
            f.write("\t".join(str(v).lower() if isinstance(v, bool) else str(v) for v in s) + "\n")
    with open(os.path.join(OUT, "index.tsv"), "w") as f:
        f.write("clip\tset\tkind\tfile\n")
        for row in index:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(clips)} clips, {len(index)} cases to {OUT}")


if __name__ == "__main__":
    main()
