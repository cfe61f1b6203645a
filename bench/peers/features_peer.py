#!/usr/bin/python3
"""numpy peer of the default model's feature extraction: the utterance functionals.

The same formulas as the Java pipeline (art.empathic.features.dsp: VoiceFrames, Functionals,
Yin, MfccExtractor) at the functionals settings (16 kHz, n_fft 1024, hop 256, 64 mel bands,
20 MFCC, top_db 80, YIN 65-500 Hz on frames of 1024), written with the reference
implementations beside it (mfcc_reference.py for log-mel and MFCC, pitch_reference.py for YIN
and RMS), vectorised numpy on one thread. It is a peer for comparison only, never part of the build.

    features_peer.py --data ../shared/data/ravdess --clips 200 --repeat 3
        # decode + functionals of an evenly spaced sample of the clips: clips/s, x real time
    features_peer.py --data DIR --clips 20 --check java.npy
        # compare with `empathic-art bench features --clips 20 --write java.npy` (same sample)

The sample is the one `bench features` takes: the WAV files under --data in sorted path order,
clip i * count // N for i < N. Only 16 kHz files are used as they are (no resampler here).
"""

import argparse
import os

for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_v] = "1"  # one thread, before numpy loads its BLAS

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfcc_reference as mr  # noqa: E402
import pitch_reference as pr  # noqa: E402

SR = 16000
N_FFT, HOP, N_MELS, N_MFCC, TOP_DB = 1024, 256, 64, 20, 80.0
YIN_FMIN, YIN_FMAX, YIN_FRAME, TROUGH = 65.0, 500.0, 1024, 0.1
VOICING_THRESHOLD = 0.25
ACTIVE_RANGE_DB = 40.0
DELTA_WIDTH = 9

BAND_KHZ = mr.mel_frequencies(N_MELS + 2, 0.0, SR / 2.0)[1:N_MELS + 1] / 1000.0


def _frames(y, frame_length, hop_length):
    """[n_frames, frame_length] view of a 1-D float64 signal (no copy)."""
    n = 1 + (len(y) - frame_length) // hop_length
    return np.lib.stride_tricks.as_strided(y, shape=(n, frame_length), strides=(y.strides[0] * hop_length, y.strides[0]))


def yin(y):
    """pitch_reference.yin at the speech settings, frames as rows (FFTs along contiguous memory);
    returns (f0, aperiodicity). Same formulas; test_yin_equal checks it against pitch_reference."""
    win = YIN_FRAME // 2
    x = np.pad(np.asarray(y, dtype=np.float64), YIN_FRAME // 2)
    fr = _frames(x, YIN_FRAME, HOP)
    min_period = int(np.floor(SR / YIN_FMAX))
    max_period = min(int(np.ceil(SR / YIN_FMIN)), YIN_FRAME - win - 1)
    a = np.fft.rfft(fr, YIN_FRAME, axis=-1)
    b = np.fft.rfft(fr[:, win:0:-1], YIN_FRAME, axis=-1)
    acf = np.fft.irfft(a * b, YIN_FRAME, axis=-1)[:, win:]
    acf[np.abs(acf) < 1e-6] = 0
    energy = np.cumsum(fr ** 2, axis=-1)
    energy = energy[:, win:] - energy[:, :-win]
    energy[np.abs(energy) < 1e-6] = 0
    d = energy[:, :1] + energy - 2 * acf
    num = d[:, min_period:max_period + 1]
    cum = np.cumsum(d[:, 1:max_period + 1], axis=-1) / np.arange(1, max_period + 1)
    c = num / (cum[:, min_period - 1:max_period] + np.finfo(np.float64).tiny)
    lo, mid, hi = c[:, :-2], c[:, 1:-1], c[:, 2:]
    pa = hi + lo - 2 * mid
    pb = (hi - lo) / 2
    shift = np.zeros_like(c)
    shift[:, 1:-1] = np.where(np.abs(pb) >= np.abs(pa), 0.0, -pb / np.where(pa == 0, 1, pa))
    trough = np.empty(c.shape, dtype=bool)
    trough[:, 1:] = (c[:, 1:] < c[:, :-1]) & (c[:, 1:] <= np.concatenate([c[:, 2:], c[:, -1:]], axis=1))
    trough[:, 0] = c[:, 0] < c[:, 1]
    ok = trough & (c < TROUGH)
    period = np.where(ok.any(axis=1), np.argmax(ok, axis=1), np.argmin(c, axis=1))
    rows = np.arange(c.shape[0])
    return SR / (min_period + period + shift[rows, period]), c.min(axis=1)


def rms(y):
    """pitch_reference.rms(y, 1024, 256), frames as rows."""
    x = np.pad(np.asarray(y, dtype=np.float64), N_FFT // 2)
    fr = _frames(x, N_FFT, HOP)
    return np.sqrt(np.einsum("ij,ij->i", fr, fr) / N_FFT)


def voice_frames(y):
    """VoiceFrames.compute: [64 log-mel, 20 MFCC, F0 semitones, aperiodicity, energy dB, slope] x frames, float32."""
    mel = mr.mel_db(y, SR, n_fft=N_FFT, hop_length=HOP, win_length=N_FFT, n_mels=N_MELS, fmin=0.0,
                    fmax=SR / 2.0, center=True, top_db=TOP_DB).astype(np.float32)
    mfcc = mr.dct_ortho(mel, N_MFCC)
    frames = mel.shape[1]
    f0, ap = yin(y)
    ty = np.minimum(np.arange(frames), len(f0) - 1)
    f0, ap = f0[ty], ap[ty]
    voiced = (ap < VOICING_THRESHOLD) & (f0 > YIN_FMIN * 1.01) & (f0 < YIN_FMAX * 0.99)
    semitones = np.where(voiced, 12 * np.log(np.where(voiced, f0, 27.5) / 27.5) / np.log(2), 0.0)
    e = rms(y)
    e = e[np.minimum(np.arange(frames), len(e) - 1)]
    energy = 20 * np.log10(np.maximum(e, 1e-5))
    x = BAND_KHZ - BAND_KHZ.mean()
    m64 = mel.astype(np.float64)
    slope = (x @ (m64 - m64.mean(axis=0))) / (x @ x)
    prosody = np.stack([semitones, np.minimum(ap, 2.0), energy, slope]).astype(np.float32)
    return np.concatenate([mel, mfcc, prosody])


def _stats(v, d):
    """mean, std, p10, p90 of v and the std of d (0 without d)."""
    p10, p90 = np.percentile(v, [10, 90], axis=-1)
    ds = d.std(axis=-1) if d is not None else np.zeros(v.shape[:-1])
    return np.stack([v.mean(axis=-1), v.std(axis=-1), p10, p90, ds], axis=-1)


def functionals(fr):
    """Functionals.of: 5 statistics per row (F0 over voiced active frames) + voiced and active shares."""
    f0_row = N_MELS + N_MFCC
    energy_row = f0_row + 2
    n = fr.shape[1]
    loudest = float(fr[energy_row].max())
    active = fr[energy_row].astype(np.float64) >= loudest - ACTIVE_RANGE_DB
    count = int(active.sum())
    deltas = mr.delta(fr, width=DELTA_WIDTH, order=1) if n >= DELTA_WIDTH else None
    v = fr[:, active].astype(np.float64)
    level = v[:N_MELS].mean()
    shift = np.zeros((fr.shape[0], 1))
    shift[:N_MELS] = level
    shift[energy_row] = loudest
    v = v - shift
    d = deltas[:, active].astype(np.float64) if deltas is not None else None
    out = _stats(v, d)
    pitch = fr[f0_row][active & (fr[f0_row] > 0)].astype(np.float64)
    if len(pitch) == 0:
        out[f0_row] = 0
    else:
        out[f0_row] = _stats(pitch, np.diff(pitch) if len(pitch) > 1 else None)
    voiced = int((active & (fr[f0_row] > 0)).sum())
    return np.concatenate([out.ravel(), [voiced / count, count / n]]).astype(np.float32)


def sample(data, clips):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(data) for f in fs if f.lower().endswith(".wav"))
    if not files:
        sys.exit(f"features_peer.py: no WAV files under {data}")
    if clips and clips < len(files):
        files = [files[i * len(files) // clips] for i in range(clips)]
    return files


def one_pass(files):
    audio = 0.0
    out = []
    t0, c0 = time.perf_counter(), time.process_time()
    for path in files:
        y, sr = mr.read_wav(path)
        if sr != SR:
            raise SystemExit(f"{path}: {sr} Hz; the peer has no resampler, give 16 kHz clips")
        out.append(functionals(voice_frames(y)))
        audio += len(y) / sr
    return time.perf_counter() - t0, time.process_time() - c0, audio, out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data/ravdess"))
    ap.add_argument("--clips", type=int, default=200, help="evenly spaced sample of N clips (0: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--check-yin", action="store_true", help="compare this file's YIN and RMS with pitch_reference.py")
    ap.add_argument("--check", metavar="NPY", help="compare with Java's functionals of the same sample")
    p = ap.parse_args(argv)
    files = sample(p.data, p.clips)
    if p.check_yin:
        for path in files:
            y, _ = mr.read_wav(path)
            f0, ap = yin(y)
            g0, gp = pr.yin(y, YIN_FMIN, YIN_FMAX, SR, frame_length=YIN_FRAME, hop_length=HOP, trough_threshold=TROUGH)
            e, g = rms(y), pr.rms(y, N_FFT, HOP)
            print(f"{os.path.basename(path)}: f0 {np.abs(f0 - g0).max():.3g}, aperiodicity {np.abs(ap - gp).max():.3g},"
                  f" rms {np.abs(e - g).max():.3g} (max |row-wise - pitch_reference|)")
        return 0
    if p.check:
        java = np.load(p.check)
        _, _, _, ours = one_pass(files)
        ours = np.stack(ours)
        if java.shape != ours.shape:
            sys.exit(f"shape differs: java {java.shape}, numpy {ours.shape}")
        diff = np.abs(java.astype(np.float64) - ours)
        scale = np.maximum(1.0, np.abs(ours))
        rel = diff / scale
        worst = np.unravel_index(np.argmax(rel), rel.shape)
        print(f"check: {ours.shape[0]} clips x {ours.shape[1]} values; max |java - numpy| / max(1, |numpy|) = "
              f"{rel.max():.3g} (clip {worst[0]}, value {worst[1]}: java {java[worst]:.6g}, numpy {ours[worst]:.6g}); "
              f"median {np.median(rel):.3g}; values over 1e-3: {(rel > 1e-3).sum()}")
        return 0 if rel.max() <= 1e-3 else 1
    one_pass(files[:10])  # warm-up
    runs = [one_pass(files)[:3] for _ in range(p.repeat)]
    wall = sorted(r[0] for r in runs)[len(runs) // 2]
    cpu = sorted(r[1] for r in runs)[len(runs) // 2]
    audio = runs[0][2]
    print(f"numpy peer: {len(files)} clips, {audio:.1f} s of audio, median {wall:.3f} s of {p.repeat} passes "
          f"(min {min(r[0] for r in runs):.3f}): {len(files) / wall:.1f} clips/s, {audio / wall:.0f}x real time "
          f"[CPU {cpu:.3f} s: {audio / cpu:.0f}x real time per CPU second]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
