"""Pins a peer to N threads: BLAS/OpenMP through the environment (which must happen before numpy
or torch is first imported) and PyTorch's intra- and inter-op pools when torch is wanted."""
import os
import sys


def pin(n, torch_too=True):
    for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[v] = str(n)
    if torch_too:
        import torch
        torch.set_num_threads(n)
        torch.set_num_interop_threads(n)


