"""The PyTorch networks and the sequence framing shared by torch_models.py (training) and
predict_latency.py (inference latency): baseline_cnn, cnn_lstm and cnn_lstm_paper as
described in torch_models.py and FINDINGS.md."""
import numpy as np
import torch.nn as nn


def fit_frames(m, length):
    """Centre-crop or centre-zero-pad (C, T) to (C, length)."""
    out = np.zeros((m.shape[0], length), np.float32)
    t = m.shape[1]
    if t >= length:
        s = (t - length) // 2
        out[:] = m[:, s:s + length]
    else:
        s = (length - t) // 2
        out[:, s:s + t] = m
    return out


class BaselineCNN(nn.Module):
    def __init__(self, d_in, p):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, 256), nn.ReLU(), nn.Dropout(p), nn.Linear(256, 256), nn.ReLU(),
                                 nn.Dropout(p), nn.Flatten(), nn.Dropout(p), nn.Linear(256, 7))

    def forward(self, x):
        return self.net(x)


class CnnLstm(nn.Module):
    def __init__(self, c_in, p, paper):
        super().__init__()
        chans, k, act = ([64, 64, 128, 128], 3, nn.ELU) if paper else ([64, 128], 5, nn.ReLU)
        layers, c = [], c_in
        for o in chans:
            layers += [nn.Conv1d(c, o, k, padding=k // 2), nn.BatchNorm1d(o), act(), nn.MaxPool1d(2)]
            c = o
        self.conv = nn.Sequential(*layers)
        h = 256 if paper else 128
        self.drop = nn.Dropout(p)
        self.lstm = nn.LSTM(c, h, batch_first=True)
        self.out = nn.Linear(h, 7)

    def forward(self, x):  # x: (B, C, T)
        z = self.conv(x).transpose(1, 2)  # (B, T', channels)
        _, (hn, _) = self.lstm(self.drop(z))
        return self.out(self.drop(hn[-1]))


def build(model, channels_or_dim, dropout):
    """A fresh network of the family `model` for (channels, frames) or (dim,) inputs."""
    if model == "baseline_cnn":
        return BaselineCNN(channels_or_dim, dropout)
    return CnnLstm(channels_or_dim, dropout, model == "cnn_lstm_paper")
