#!/usr/bin/python3
"""The PyTorch side of StreamCL's core bench: how fast PyTorch trains and runs the bench's model on this CPU.

Model: MLP 784-256-256-10 with ReLU and softmax cross-entropy, on Fashion-MNIST's training images scaled to
[0, 1]. For each optimizer and batch size asked for, one line

    torch <sgd|adam> batch=<b> threads=<t> examples/s=<median> (<slowest> .. <fastest>)

and at the end two lines for inference on 1,000 rows: `torch inference batch=1000 ...` in wall time and `torch
inference-cpu batch=1000 ...` in the CPU time of the calling thread (with one intra-op thread the matrix products
run there), which a loaded machine distorts far less. Every figure is the median of --runs timed windows of
--seconds each (of the figure's clock), after a warm-up window, like the Java side
(operators/core/bench/run-bench.sh runs this script itself, setting by setting, next to the Java figures).

Needs Debian's python3-torch, its OpenBLAS backend and the data set (as root):
    apt-get install -y python3-torch libopenblas0-openmp dataset-fashion-mnist
Run it with Debian's /usr/bin/python3 (a pyenv or venv python does not see python3-torch). Without
libopenblas0-openmp Debian's torch uses the reference BLAS and is many times slower, an unfair comparison.
"""
import argparse
import ctypes
import gzip
import os
import statistics
import struct
import time

import numpy as np
import torch
from torch import nn

DATA_DIR = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def read_idx(path):
    """An IDX file (the MNIST format) as a numpy array."""
    with gzip.open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        shape = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(shape)


def fashion_mnist():
    images = read_idx(os.path.join(DATA_DIR, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATA_DIR, "train-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)
    return x, torch.from_numpy(labels.astype(np.int64))


def blas_kernel():
    """The BLAS behind torch's CPU matrix products and, for OpenBLAS, the kernel it runs (Debian's torch calls
    libblas.so.3, whichever implementation the alternatives system points it at)."""
    try:
        blas = ctypes.CDLL("libblas.so.3")
        corename, config = blas.openblas_get_corename, blas.openblas_get_config
    except (OSError, AttributeError):
        return "not OpenBLAS (reference BLAS? apt-get install -y libopenblas0-openmp)"
    corename.restype = config.restype = ctypes.c_char_p
    return "OpenBLAS kernel %s (%s)" % (corename().decode(), config().decode())


def mlp():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def median_rate(call, examples_per_call, seconds, runs, clock=time.perf_counter):
    """Examples/s of `call`: median, slowest and fastest of `runs` windows of `clock`, after one warm-up window."""
    end = clock() + seconds
    while clock() < end:
        call()
    rates = []
    for _ in range(runs):
        done, start = 0, clock()
        while clock() - start < seconds:
            call()
            done += examples_per_call
        rates.append(done / (clock() - start))
    return statistics.median(rates), min(rates), max(rates)


def training_step(model, optimizer, x, y, batch):
    loss = nn.CrossEntropyLoss()
    position = [0]

    def step():
        i = position[0] if position[0] + batch <= len(x) else 0
        optimizer.zero_grad(set_to_none=True)
        loss(model(x[i:i + batch]), y[i:i + batch]).backward()
        optimizer.step()
        position[0] = i + batch

    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1, as the Java side)")
    parser.add_argument("--batches", default="1,32,128", help="training batch sizes, comma-separated")
    parser.add_argument("--opts", default="sgd,adam", help="optimizers: sgd (lr 0.01), adam (lr 0.001)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one timed window")
    parser.add_argument("--runs", type=int, default=5, help="timed windows per figure")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print("torch %s, %d intra-op thread(s), BLAS: %s" % (torch.__version__, torch.get_num_threads(), blas_kernel()),
          flush=True)
    x, y = fashion_mnist()
    for name in filter(None, args.opts.split(",")):
        for batch in (int(b) for b in args.batches.split(",")):
            model = mlp()
            optimizer = (torch.optim.SGD(model.parameters(), lr=0.01) if name == "sgd"
                         else torch.optim.Adam(model.parameters(), lr=1e-3))
            rate = median_rate(training_step(model, optimizer, x, y, batch), batch, args.seconds, args.runs)
            print("torch %s batch=%d threads=%d examples/s=%.0f (%.0f .. %.0f)" % ((name, batch, args.threads) + rate),
                  flush=True)
    model = mlp().eval()
    rows = x[:1000]

    def infer():
        with torch.no_grad():
            model(rows)

    for name, clock in (("inference", time.perf_counter), ("inference-cpu", time.thread_time)):
        rate = median_rate(infer, 1000, args.seconds, args.runs, clock)
        print("torch %s batch=1000 threads=%d examples/s=%.0f (%.0f .. %.0f)" % ((name, args.threads) + rate),
              flush=True)


if __name__ == "__main__":
    main()
