#!/usr/bin/python3
"""Independent numpy re-implementation of librosa's (>= 0.10) MFCC code paths.

librosa is not installed here, so this script re-implements, formula for formula, what
``librosa.feature.mfcc`` / ``melspectrogram`` / ``power_to_db`` / ``delta`` do, including the
float32 behaviour that matters (``librosa.load`` gives float32, ``stft`` stores complex64, the
mel basis is float32, ``power_to_db`` stays float32):

* ``librosa.filters.get_window('hann', win_length, fftbins=True)`` (scipy's periodic Hann,
  built like ``scipy.signal.windows.general_cosine``) centred in n_fft by ``pad_center``;
* ``stft(center=True, pad_mode='constant')``: n_fft // 2 zeros each side, frames of n_fft every
  hop_length, float64 window * float32 frame, ``np.fft.rfft`` in float64, stored as complex64;
* ``np.abs(S) ** 2`` in float32;
* ``filters.mel(htk=False, norm='slaney')``: Slaney mel scale, ``mel_frequencies`` with
  ``np.linspace``, triangular ramps with ``fdiff``, area normalisation
  ``2 / (mel_f[2:n+2] - mel_f[:n])``, float32 basis; ``np.einsum`` with the power spectrogram;
* ``power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)``;
* ``scipy.fft.dct(type=2, norm='ortho')`` over the mel axis, first n_mfcc rows;
* ``feature.delta(width=9, order=1, mode='interp')``: ``scipy.signal.savgol_filter`` with
  polyorder = deriv = order, its interior convolution and its polynomial fits at the edges.

Uses numpy only. Run it with /usr/bin/python3 (Debian's python3-numpy).

Examples::

    mfcc_reference.py clip.wav                       # 40 MFCC, librosa defaults, CSV to stdout
    mfcc_reference.py clip.wav --n-fft 512 --hop-length 160 --n-mels 40 --n-mfcc 13 --top-db none
    mfcc_reference.py a.wav b.wav --kind mfcc meldb delta1 --out DIR   # DIR/a.mfcc.csv, ...
    mfcc_reference.py --bench DIR --limit 200 --repeat 3               # clips/s, x real time

CSV: one line per frame, one column per coefficient, no header (like ``empathic-art mfcc``).
"""

import argparse
import os
import struct
import sys
import time

import numpy as np

# ---------------------------------------------------------------- WAV in (librosa.load, sr=None)


def read_wav(path):
    """Mono float32 samples and the rate, scaled like soundfile (16-bit: x / 32768)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 12 or data[0:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a RIFF/WAVE file")
    pos, fmt, pcm = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
            if fmt[0] == 0xFFFE and len(body) >= 26:  # WAVE_FORMAT_EXTENSIBLE: sub-format code
                fmt = (struct.unpack("<H", body[24:26])[0],) + fmt[1:]
        elif cid == b"data":
            pcm = body
        pos += 8 + size + (size & 1)
    if fmt is None or pcm is None:
        raise ValueError(f"{path}: no fmt or data chunk")
    code, channels, rate, _, _, bits = fmt
    width = bits // 8
    pcm = pcm[:len(pcm) // (width * channels) * width * channels]
    if code == 1 and bits == 8:
        x = (np.frombuffer(pcm, np.uint8).astype(np.float32) - 128) / np.float32(128)
    elif code == 1 and bits == 16:
        x = np.frombuffer(pcm, "<i2").astype(np.float32) / np.float32(32768)
    elif code == 1 and bits == 24:
        b = np.frombuffer(pcm, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = np.where(v >= 1 << 23, v - (1 << 24), v)
        x = v.astype(np.float32) / np.float32(1 << 23)
    elif code == 1 and bits == 32:
        x = (np.frombuffer(pcm, "<i4").astype(np.float64) / 2.0 ** 31).astype(np.float32)
    elif code == 3 and bits in (32, 64):
        x = np.frombuffer(pcm, "<f4" if bits == 32 else "<f8").astype(np.float32)
    else:
        raise ValueError(f"{path}: unsupported format code {code} with {bits} bits")
    x = x.reshape(-1, channels)
    y = x[:, 0] if channels == 1 else np.mean(x, axis=1, dtype=np.float32)
    return np.ascontiguousarray(y, dtype=np.float32), rate


def write_wav16(path, y, sr):
    """Writes float samples in [-1, 1] as 16-bit PCM (round half to even, clipped)."""
    q = np.clip(np.round(np.asarray(y, np.float64) * 32768.0), -32768, 32767).astype("<i2")
    body = q.tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, sr, sr * 2, 2, 16)
    header += b"data" + struct.pack("<I", len(body))
    with open(path, "wb") as f:
        f.write(header + body)


# ---------------------------------------------------------------- librosa.filters / convert


def hz_to_mel(frequencies):
    """librosa.hz_to_mel(htk=False): linear below 1 kHz, logarithmic above (Slaney)."""
    frequencies = np.asanyarray(frequencies, dtype=np.float64)
    f_min, f_sp = 0.0, 200.0 / 3
    mels = (frequencies - f_min) / f_sp
    min_log_hz = 1000.0
    min_log_mel = (min_log_hz - f_min) / f_sp
    logstep = np.log(6.4) / 27.0
    if frequencies.ndim:
        log_t = frequencies >= min_log_hz
        mels[log_t] = min_log_mel + np.log(frequencies[log_t] / min_log_hz) / logstep
    elif frequencies >= min_log_hz:
        mels = min_log_mel + np.log(frequencies / min_log_hz) / logstep
    return mels


def mel_to_hz(mels):
    """librosa.mel_to_hz(htk=False)."""
    mels = np.asanyarray(mels, dtype=np.float64)
    f_min, f_sp = 0.0, 200.0 / 3
    freqs = f_min + f_sp * mels
    min_log_hz = 1000.0
    min_log_mel = (min_log_hz - f_min) / f_sp
    logstep = np.log(6.4) / 27.0
    if mels.ndim:
        log_t = mels >= min_log_mel
        freqs[log_t] = min_log_hz * np.exp(logstep * (mels[log_t] - min_log_mel))
    elif mels >= min_log_mel:
        freqs = min_log_hz * np.exp(logstep * (mels - min_log_mel))
    return freqs


def mel_frequencies(n_mels, fmin, fmax):
    """librosa.mel_frequencies(htk=False)."""
    mels = np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels)
    return mel_to_hz(mels)


def mel_filter(sr, n_fft, n_mels, fmin, fmax):
    """librosa.filters.mel(htk=False, norm='slaney', dtype=np.float32)."""
    weights = np.zeros((n_mels, 1 + n_fft // 2), dtype=np.float32)
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights


def hann_periodic(n):
    """scipy.signal.get_window('hann', n, fftbins=True): general_cosine with [0.5, 0.5]."""
    if n == 1:
        return np.ones(1)
    fac = np.linspace(-np.pi, np.pi, n + 1)
    w = 0.5 * np.cos(0 * fac) + 0.5 * np.cos(1 * fac)
    return w[:-1]


def pad_center(w, size):
    """librosa.util.pad_center: zero-pad both sides to size (left gets the floor)."""
    lpad = (size - len(w)) // 2
    return np.pad(w, (lpad, size - len(w) - lpad), mode="constant")


# ---------------------------------------------------------------- librosa.stft .. feature.mfcc


def frame_count(n, n_fft, hop_length, center):
    if center:
        return 1 + (n + 2 * (n_fft // 2) - n_fft) // hop_length
    if n_fft > n:
        raise ValueError(f"n_fft={n_fft} is too large for uncentered analysis of input signal of length={n}")
    return 1 + (n - n_fft) // hop_length


def power_spectrogram(y, n_fft, hop_length, win_length, center):
    """np.abs(librosa.stft(y, ..., pad_mode='constant')) ** 2, shape (1 + n_fft // 2, frames)."""
    window = pad_center(hann_periodic(win_length), n_fft)  # float64, like librosa's
    n_frames = frame_count(len(y), n_fft, hop_length, center)
    if center:
        y = np.pad(y, (n_fft // 2, n_fft // 2), mode="constant")
    frames = np.lib.stride_tricks.as_strided(
        y, shape=(n_frames, n_fft), strides=(y.strides[0] * hop_length, y.strides[0]))
    spec = np.fft.rfft(window * frames, axis=-1).astype(np.complex64).T
    return np.abs(spec) ** 2


def power_to_db(s, top_db=80.0, amin=1e-10, ref=1.0):
    """librosa.power_to_db."""
    log_spec = 10.0 * np.log10(np.maximum(amin, s))
    log_spec -= 10.0 * np.log10(np.maximum(amin, ref))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def mel_db(y, sr, n_fft=2048, hop_length=512, win_length=None, n_mels=128, fmin=0.0, fmax=None,
           center=True, top_db=80.0):
    """librosa.power_to_db(librosa.feature.melspectrogram(...), top_db=top_db): (n_mels, frames)."""
    fmax = sr / 2.0 if fmax is None else fmax
    s = power_spectrogram(y, n_fft, hop_length, win_length or n_fft, center)
    basis = mel_filter(sr, n_fft, n_mels, fmin, fmax)
    mel = np.einsum("...ft,mf->...mt", s, basis, optimize=True)
    return power_to_db(mel, top_db=top_db)


def dct_ortho(x, n_keep):
    """scipy.fft.dct(x, type=2, norm='ortho', axis=-2)[:n_keep] for float32 x."""
    n = x.shape[-2]
    k = np.arange(n_keep)[:, None]
    m = np.arange(n)[None, :]
    basis = np.cos(np.pi * k * (2 * m + 1) / (2.0 * n)) * np.sqrt(2.0 / n)
    basis[0] *= np.sqrt(0.5)
    return (basis @ x.astype(np.float64)).astype(np.float32)


def mfcc(y, sr, n_mfcc=40, **kwargs):
    """librosa.feature.mfcc(y=y, sr=sr, n_mfcc=n_mfcc, **kwargs): (n_mfcc, frames)."""
    return dct_ortho(mel_db(y, sr, **kwargs), n_mfcc)


def savgol_coeffs(width, order):
    """scipy.signal.savgol_coeffs(width, polyorder=order, deriv=order, use='dot')."""
    half = width // 2
    x = np.arange(-half, width - half, dtype=float)
    a = x ** np.arange(order + 1).reshape(-1, 1)
    target = np.zeros(order + 1)
    target[order] = float(np.prod(np.arange(1, order + 1)))
    coeffs, _, _, _ = np.linalg.lstsq(a, target, rcond=None)
    return coeffs


def delta(data, width=9, order=1):
    """librosa.feature.delta(data, width, order, axis=-1, mode='interp')."""
    n = data.shape[-1]
    if width > n:
        raise ValueError(f"when mode='interp', width={width} cannot exceed data.shape[axis]={n}")
    if width < 3 or width % 2 != 1:
        raise ValueError("width must be an odd integer >= 3")
    if order <= 0 or order >= width:
        raise ValueError("order must be a positive integer below width")
    x = data.astype(np.float64)
    c = savgol_coeffs(width, order)
    half = width // 2
    out = np.zeros_like(x)
    padded = np.pad(x, ((0, 0), (half, half)))  # ndimage.convolve1d mode='constant'
    for j in range(width):
        out += c[j] * padded[:, j:j + n]
    # _fit_edges_polyfit: a polynomial of degree `order` fitted to the first / last `width`
    # frames; its `order`-th derivative (a constant) replaces the first / last `half` frames.
    t = np.arange(width)
    fact = float(np.prod(np.arange(1, order + 1)))
    for sl_fit, sl_out in ((slice(0, width), slice(0, half)), (slice(n - width, n), slice(n - half, n))):
        lead = np.polyfit(t, x[:, sl_fit].T, order)[0]
        out[:, sl_out] = (lead * fact)[:, None]
    return out.astype(np.float32)


# ---------------------------------------------------------------- command line


def features(y, sr, kind, p):
    common = dict(n_fft=p.n_fft, hop_length=p.hop_length, win_length=p.win_length, n_mels=p.n_mels,
                  fmin=p.fmin, fmax=p.fmax, center=p.center, top_db=p.top_db)
    if kind == "meldb":
        return mel_db(y, sr, **common)
    m = mfcc(y, sr, n_mfcc=p.n_mfcc, **common)
    if kind == "mfcc":
        return m
    if kind.startswith("delta"):
        return delta(m, width=p.width, order=int(kind[5:]))
    raise ValueError(f"unknown kind {kind}")


def to_csv(matrix, mean):
    rows = matrix.T
    if mean:
        rows = np.mean(rows, axis=0, dtype=np.float32)[None, :]
    return "".join(",".join("%.9g" % v for v in row) + "\n" for row in rows)


def top_db_arg(text):
    return None if text.lower() == "none" else float(text)


def bench(p):
    """Decode + MFCC (librosa defaults, n_mfcc 40) for every WAV under p.bench, median of repeats."""
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(p.bench) for f in fs if f.lower().endswith(".wav"))
    if p.limit:
        files = files[:p.limit]
    if not files:
        sys.exit(f"mfcc_reference.py: no WAV files under {p.bench}")

    def one_pass():
        seconds = 0.0
        t0, c0 = time.perf_counter(), time.process_time()
        for path in files:
            y, sr = read_wav(path)
            mfcc(y, sr, n_mfcc=40)
            seconds += len(y) / sr
        return time.perf_counter() - t0, time.process_time() - c0, seconds

    one_pass()  # warm-up
    runs = [one_pass() for _ in range(p.repeat)]
    wall = sorted(r[0] for r in runs)[len(runs) // 2]
    cpu = sorted(r[1] for r in runs)[len(runs) // 2]
    audio = runs[0][2]
    print(f"numpy reference: {len(files)} clips, {audio:.1f} s of audio, median {wall:.3f} s of {p.repeat} passes "
          f"(min {min(r[0] for r in runs):.3f}): {len(files) / wall:.1f} clips/s, {audio / wall:.0f}x real time "
          f"[CPU {cpu:.3f} s: {audio / cpu:.0f}x real time per CPU second]")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wav", nargs="*")
    ap.add_argument("--sr", type=int, help="expected sample rate (no resampling: must match the file)")
    ap.add_argument("--n-mfcc", type=int, default=40)
    ap.add_argument("--n-fft", type=int, default=2048)
    ap.add_argument("--hop-length", type=int, default=512)
    ap.add_argument("--win-length", type=int, default=None)
    ap.add_argument("--n-mels", type=int, default=128)
    ap.add_argument("--fmin", type=float, default=0.0)
    ap.add_argument("--fmax", type=float, default=None)
    ap.add_argument("--no-center", dest="center", action="store_false")
    ap.add_argument("--top-db", type=top_db_arg, default=80.0, help="dB or 'none'")
    ap.add_argument("--width", type=int, default=9, help="delta window")
    ap.add_argument("--kind", nargs="+", default=["mfcc"], help="mfcc, meldb, delta1, delta2")
    ap.add_argument("--mean", action="store_true", help="one line: the mean over frames")
    ap.add_argument("--out", help="write DIR/<stem>.<kind>.csv instead of printing")
    ap.add_argument("--bench", metavar="DIR", help="time decode + MFCC over every WAV under DIR")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    p = ap.parse_args(argv)
    if p.bench:
        bench(p)
        return
    if not p.wav:
        ap.error("give WAV files (or --bench DIR)")
    for path in p.wav:
        y, sr = read_wav(path)
        if p.sr is not None and p.sr != sr:
            sys.exit(f"{path}: rate {sr} Hz, expected {p.sr} (this reference does not resample)")
        for kind in p.kind:
            text = to_csv(features(y, sr, kind, p), p.mean)
            if p.out:
                stem = os.path.splitext(os.path.basename(path))[0]
                target = os.path.join(p.out, f"{stem}.{kind}.csv")
                with open(target + ".tmp", "w") as f:
                    f.write(text)
                os.replace(target + ".tmp", target)
            else:
                sys.stdout.write(text)


if __name__ == "__main__":
    main()
