#!/usr/bin/env python3
"""Checks that PNG images are not blank, with the Python standard library only.

    python3 tools/png-colours.py [--min-colours N] [--max-background F] IMAGE.png...

For each image: decodes it (8-bit greyscale, RGB, grey+alpha or RGBA, non-interlaced: what
rsvg-convert and Chromium's --screenshot write), counts its distinct colours and the share of the
most common one (the background). Prints one line per image and exits 1 when an image has fewer
than N distinct colours (default 16) or its background covers more than F of it (default 0.995),
2 when it cannot be read as such a PNG.
"""
import argparse
import struct
import sys
import zlib
from collections import Counter

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace != 0:
        raise ValueError(f"unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise ValueError(f"bad filter type {kind} in row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    parser = argparse.ArgumentParser(description="fail on blank PNG images")
    parser.add_argument("images", nargs="+")
    parser.add_argument("--min-colours", type=int, default=16)
    parser.add_argument("--max-background", type=float, default=0.995)
    args = parser.parse_args()
    failed = False
    for path in args.images:
        try:
            width, height, bpp, rows = decode(path)
        except (OSError, ValueError, zlib.error, struct.error) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            sys.exit(2)
        counts = Counter()
        for row in rows:
            counts.update(row[i:i + bpp] for i in range(0, len(row), bpp))
        total = width * height
        background = counts.most_common(1)[0][1] / total if total else 1.0
        ok = len(counts) >= args.min_colours and background <= args.max_background
        print(f"{path}: {width}x{height}, {len(counts)} distinct colours, background {100 * background:.1f}% -> {'ok' if ok else 'BLANK'}")
        failed |= not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
