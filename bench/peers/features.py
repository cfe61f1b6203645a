"""Compact numpy MFCC with librosa (>= 0.10) formulas, for research and the Python peers.

Periodic Hann window, center=True zero padding (n_fft // 2 each side), power spectrum,
Slaney mel filterbank with Slaney area norm, power_to_db(ref=1, amin=1e-10, top_db=80)
relative to the clip's peak, DCT-II ortho; deltas as librosa.feature.delta (Savitzky-Golay,
width 9, mode 'interp'). Close to librosa, not bit-exact: the Java side has its own
librosa-exact extractor and the fully faithful reference is mfcc_reference.py.

Usage (library): from features import load_wav, mfcc, delta
"""
import wave

import numpy as np
import scipy.fft
import scipy.signal


def load_wav(path):
    """16-bit PCM WAV -> (float32 samples in [-1, 1), sample rate); channels averaged."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM supported, got {8 * w.getsampwidth()} bits")
        ch, sr, n = w.getnchannels(), w.getframerate(), w.getnframes()
        y = np.frombuffer(w.readframes(n), dtype="<i2").astype(np.float32) / 32768.0
    if ch > 1:
        y = y.reshape(-1, ch).mean(axis=1)
    return y, sr


def _hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, f / f_sp)


def _mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


_MEL_CACHE = {}


def mel_filterbank(sr, n_fft, n_mels=128, fmin=0.0, fmax=None):
    """librosa.filters.mel(htk=False, norm='slaney'): (n_mels, 1 + n_fft // 2)."""
    fmax = sr / 2.0 if fmax is None else fmax
    key = (sr, n_fft, n_mels, fmin, fmax)
    if key not in _MEL_CACHE:
        fftfreqs = np.linspace(0, sr / 2.0, 1 + n_fft // 2)
        mel_f = _mel_to_hz(np.linspace(_hz_to_mel(fmin), _hz_to_mel(fmax), n_mels + 2))
        fdiff = np.diff(mel_f)
        ramps = mel_f[:, None] - fftfreqs[None, :]
        lower = -ramps[:-2] / fdiff[:-1, None]
        upper = ramps[2:] / fdiff[1:, None]
        weights = np.maximum(0, np.minimum(lower, upper))
        weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
        _MEL_CACHE[key] = weights
    return _MEL_CACHE[key]


def power_spectrogram(y, n_fft=2048, hop=512, win=None):
    """|STFT|^2 with librosa's center=True constant padding: (1 + n_fft // 2, frames)."""
    win = n_fft if win is None else win
    w = scipy.signal.get_window("hann", win, fftbins=True)
    lpad = (n_fft - win) // 2
    w = np.pad(w, (lpad, n_fft - win - lpad))
    y = np.pad(np.asarray(y, dtype=np.float64), n_fft // 2)
    n_frames = 1 + (len(y) - n_fft) // hop
    frames = np.lib.stride_tricks.as_strided(
        y, shape=(n_frames, n_fft), strides=(y.strides[0] * hop, y.strides[0]))
    spec = np.fft.rfft(frames * w, axis=1)
    return (spec.real ** 2 + spec.imag ** 2).T


def power_to_db(s, amin=1e-10, top_db=80.0):
    log_spec = 10.0 * np.log10(np.maximum(amin, s))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def log_mel(y, sr, n_fft=2048, hop=512, win=None, n_mels=128, fmin=0.0, fmax=None, top_db=80.0):
    mel = mel_filterbank(sr, n_fft, n_mels, fmin, fmax) @ power_spectrogram(y, n_fft, hop, win)
    return power_to_db(mel, top_db=top_db)


def mfcc(y, sr, n_mfcc=40, n_fft=2048, hop=512, win=None, n_mels=128, fmin=0.0, fmax=None, top_db=80.0):
    """librosa.feature.mfcc(y, sr, n_mfcc, n_fft, hop_length, win_length, n_mels): (n_mfcc, frames)."""
    s = log_mel(y, sr, n_fft, hop, win, n_mels, fmin, fmax, top_db)
    return scipy.fft.dct(s, axis=0, type=2, norm="ortho")[:n_mfcc].astype(np.float32)


def delta(x, width=9, order=1):
    """librosa.feature.delta along the last (time) axis."""
    if x.shape[-1] < width:
        width = max(3, x.shape[-1] - (1 - x.shape[-1] % 2))
    return scipy.signal.savgol_filter(x, width, polyorder=order, deriv=order, axis=-1, mode="interp").astype(np.float32)
