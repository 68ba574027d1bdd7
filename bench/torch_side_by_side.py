#!/usr/bin/env python3
"""The kit's two timed workloads written in PyTorch, for a side-by-side speed comparison.

1. Teacher training: f_c (3x3 conv 1->16, ReLU, 2x2 max-pool, 3x3 conv 16->32, ReLU, 2x2 max-pool)
   and its head (3x3 conv 32->32, ReLU, dense 1568->64, ReLU, dense 64->1), sigmoid cross-entropy,
   Adam lr 1e-3, batch 64 on 28x28 inputs -- as `ntk bench` times it (images per second).
2. One back-distillation step of classification with the kit's selected settings: student g(h(z))
   with a 2x 3x3 conv adapter h on z = f_c(x) of shape [32, 7, 7], g and the teacher head g_T of the
   head architecture above; loss = sigmoid cross-entropy against the teacher's probabilities +
   lambda * ||d(v.y)/dz - d(v.y_T)/dz||^2 / dim(z), with a +-1 probe v, through double backprop
   (create_graph=True); Adam on the adapter only, batch 64 (milliseconds per step).

Both time the difference of a long and a short run, as `ntk bench` does, so set-up cancels out.
Standard library and torch only.
"""
import argparse
import time

import torch
from torch import nn


def category_module():
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))


def classification_head():
    return nn.Sequential(nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 1))


def adapter():
    return nn.Sequential(nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1))


def teacher_seconds(steps, x, y):
    model = nn.Sequential(category_module(), classification_head())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCEWithLogitsLoss()
    start = time.perf_counter()
    for i in range(steps):
        b = (i * 64) % x.shape[0]
        opt.zero_grad()
        loss_fn(model(x[b:b + 64]), y[b:b + 64]).backward()
        opt.step()
    return time.perf_counter() - start


def back_distillation_seconds(steps, z, lam):
    g, teacher, h = classification_head(), classification_head(), adapter()
    for p in list(g.parameters()) + list(teacher.parameters()):
        p.requires_grad_(False)
    opt = torch.optim.Adam(h.parameters(), lr=1e-2)
    start = time.perf_counter()
    for i in range(steps):
        b = (i * 64) % z.shape[0]
        zb = z[b:b + 64].clone().requires_grad_(True)
        v = torch.randint(0, 2, (zb.shape[0], 1)).float() * 2 - 1
        y_t = teacher(zb)
        (grad_t,) = torch.autograd.grad((v * y_t).sum(), zb)
        y = g(h(zb))
        (grad_s,) = torch.autograd.grad((v * y).sum(), zb, create_graph=True)
        forward = nn.functional.binary_cross_entropy_with_logits(y, torch.sigmoid(y_t.detach()))
        backward = ((grad_s - grad_t.detach()) ** 2).mean()
        opt.zero_grad()
        (forward + lam * backward).backward()
        opt.step()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=100, help="timed steps per measurement (default 100)")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads (default 1, as one kit worker)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x = torch.rand(640, 1, 28, 28)
    y = (torch.rand(640, 1) > 0.5).float()
    z = torch.rand(1000, 32, 7, 7)
    short = 10
    teacher_seconds(short, x, y)  # warm-up
    t = teacher_seconds(short + args.steps, x, y) - teacher_seconds(short, x, y)
    print("teacher training: %.0f images/s" % (64 * args.steps / t))
    back_distillation_seconds(short, z, 10.0)
    t = back_distillation_seconds(short + args.steps, z, 10.0) - back_distillation_seconds(short, z, 10.0)
    print("back-distillation step (classification, batch 64): %.2f ms" % (1000 * t / args.steps))
    print("torch %s, %d thread(s)" % (torch.__version__, torch.get_num_threads()))


if __name__ == "__main__":
    main()
