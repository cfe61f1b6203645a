#!/usr/bin/python3
"""numpy re-implementation of librosa.yin (0.10) and librosa.feature.rms, for golden values.

librosa is not installable on this machine (not on apt, no PyPI access), so, as for MFCC
(mfcc_reference.py), the golden values come from librosa's documented algorithm written out in
numpy, following librosa/core/pitch.py (yin, _cumulative_mean_normalized_difference,
_parabolic_interpolation) and librosa/feature/spectral.py (rms) line by line. Python is a peer
for comparison only; it is never part of the build.
"""

import numpy as np


def frame(y, frame_length, hop_length):
    """librosa.util.frame on a 1-D signal: [frame_length, n_frames]."""
    n = 1 + (len(y) - frame_length) // hop_length
    idx = np.arange(frame_length)[:, None] + hop_length * np.arange(n)[None, :]
    return y[idx]


def cumulative_mean_normalized_difference(y_frames, frame_length, win_length, min_period, max_period):
    a = np.fft.rfft(y_frames, frame_length, axis=-2)
    b = np.fft.rfft(y_frames[win_length:0:-1, :], frame_length, axis=-2)
    acf_frames = np.fft.irfft(a * b, frame_length, axis=-2)[win_length:, :]
    acf_frames[np.abs(acf_frames) < 1e-6] = 0
    energy_frames = np.cumsum(y_frames ** 2, axis=-2)
    energy_frames = energy_frames[win_length:, :] - energy_frames[:-win_length, :]
    energy_frames[np.abs(energy_frames) < 1e-6] = 0
    yin_frames = energy_frames[:1, :] + energy_frames - 2 * acf_frames
    yin_numerator = yin_frames[min_period:max_period + 1, :]
    tau_range = np.arange(1, max_period + 1)[:, None]
    cumulative_mean = np.cumsum(yin_frames[1:max_period + 1, :], axis=-2) / tau_range
    yin_denominator = cumulative_mean[min_period - 1:max_period, :]
    tiny = np.finfo(yin_denominator.dtype).tiny
    return yin_numerator / (yin_denominator + tiny)


def parabolic_interpolation(x):
    shifts = np.zeros_like(x)
    for i in range(1, x.shape[0] - 1):
        a = x[i + 1] + x[i - 1] - 2 * x[i]
        b = (x[i + 1] - x[i - 1]) / 2
        s = np.where(np.abs(b) >= np.abs(a), 0.0, -b / np.where(a == 0, 1, a))
        shifts[i] = s
    return shifts


def localmin(x):
    """librosa.util.localmin along axis 0 (edge padding): x[i] < x[i-1] and x[i] <= x[i+1]."""
    xp = np.pad(x, [(1, 1), (0, 0)], mode="edge")
    return (x < xp[:-2]) & (x <= xp[2:])


def yin(y, fmin, fmax, sr, frame_length=2048, win_length=None, hop_length=None, trough_threshold=0.1,
        center=True):
    """librosa.yin(y, fmin=, fmax=, sr=, frame_length=, ..., center=, pad_mode='constant').

    Returns (f0 [n_frames], cmnd minimum per frame [n_frames]); the second is the aperiodicity
    the Java side also exposes (not a librosa output, computed from the same matrix)."""
    y = np.asarray(y, dtype=np.float64)
    if win_length is None:
        win_length = frame_length // 2
    if hop_length is None:
        hop_length = frame_length // 4
    if center:
        y = np.pad(y, frame_length // 2, mode="constant")
    y_frames = frame(y, frame_length, hop_length)
    min_period = int(np.floor(sr / fmax))
    max_period = min(int(np.ceil(sr / fmin)), frame_length - win_length - 1)
    yin_frames = cumulative_mean_normalized_difference(y_frames, frame_length, win_length, min_period, max_period)
    parabolic_shifts = parabolic_interpolation(yin_frames)
    is_trough = localmin(yin_frames)
    is_trough[0, :] = yin_frames[0, :] < yin_frames[1, :]
    is_threshold_trough = np.logical_and(is_trough, yin_frames < trough_threshold)
    global_min = np.argmin(yin_frames, axis=0)
    yin_period = np.argmax(is_threshold_trough, axis=0)
    no_trough = np.all(~is_threshold_trough, axis=0)
    yin_period[no_trough] = global_min[no_trough]
    cols = np.arange(yin_frames.shape[1])
    period = min_period + yin_period + parabolic_shifts[yin_period, cols]
    return sr / period, yin_frames.min(axis=0)


def rms(y, frame_length=2048, hop_length=512, center=True):
    """librosa.feature.rms(y=y, frame_length=, hop_length=, center=, pad_mode='constant')[0]."""
    y = np.asarray(y, dtype=np.float64)
    if center:
        y = np.pad(y, frame_length // 2, mode="constant")
    x = frame(y, frame_length, hop_length)
    return np.sqrt(np.mean(np.abs(x) ** 2, axis=0))
