#!/usr/bin/env python3
"""Draws the app's few icons: tab bar (81x81 PNG, what WeChat recommends; its tabBar takes no SVG),
the scan button's and the organiser features'.

Pure standard library: shapes are thick strokes and discs, antialiased by 4x4 supersampling.
Run from anywhere: python3 client/scripts/make-icons.py
"""
import math
import os
import struct
import zlib

SIZE = 81
SUB = 4
STROKE = 0.055  # half-width of a stroke, in icon units (0..1)
COLORS = {'': (0x59, 0x59, 0x59), '-active': (0xB3, 0x12, 0x1A)}
WHITE = (0xFF, 0xFF, 0xFF)
RED = (0xB3, 0x12, 0x1A)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'assets')


def seg(ax, ay, bx, by, w=STROKE):
    def inside(x, y):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - ax - t * dx, y - ay - t * dy) <= w
    return inside


def poly(*pts, w=STROKE, closed=False):
    pairs = list(zip(pts, pts[1:])) + ([(pts[-1], pts[0])] if closed else [])
    parts = [seg(a[0], a[1], b[0], b[1], w) for a, b in pairs]
    return lambda x, y: any(p(x, y) for p in parts)


def ring(cx, cy, r, w=STROKE, clip=None):
    def inside(x, y):
        if clip and not clip(x, y):
            return False
        return abs(math.hypot(x - cx, y - cy) - r) <= w
    return inside


def disc(cx, cy, r):
    return lambda x, y: math.hypot(x - cx, y - cy) <= r


ICONS = {
    'home': [
        poly((0.1, 0.5), (0.5, 0.14), (0.9, 0.5)),
        poly((0.22, 0.42), (0.22, 0.86), (0.78, 0.86), (0.78, 0.42)),
        poly((0.42, 0.86), (0.42, 0.62), (0.58, 0.62), (0.58, 0.86)),
    ],
    'station': [
        ring(0.5, 0.4, 0.27, clip=lambda x, y: y <= 0.55 or abs(x - 0.5) > 0.2),
        seg(0.27, 0.55, 0.5, 0.9),
        seg(0.73, 0.55, 0.5, 0.9),
        disc(0.5, 0.4, 0.1),
    ],
    'events': [
        poly((0.14, 0.24), (0.86, 0.24), (0.86, 0.86), (0.14, 0.86), closed=True),
        seg(0.14, 0.42, 0.86, 0.42),
        seg(0.34, 0.12, 0.34, 0.3),
        seg(0.66, 0.12, 0.66, 0.3),
        disc(0.34, 0.6, 0.05),
        disc(0.5, 0.6, 0.05),
        disc(0.66, 0.6, 0.05),
        disc(0.34, 0.74, 0.05),
    ],
    'me': [
        ring(0.5, 0.32, 0.17),
        ring(0.5, 0.94, 0.34, clip=lambda x, y: y <= 0.86),
        seg(0.16, 0.86, 0.84, 0.86),
    ],
}

# Single-colour icons used inside pages: name -> (colour, shapes).
OTHER = {
    # Scan frame: four corners and the scanning line.
    'scan': (WHITE, [
        poly((0.1, 0.32), (0.1, 0.1), (0.32, 0.1)),
        poly((0.68, 0.1), (0.9, 0.1), (0.9, 0.32)),
        poly((0.9, 0.68), (0.9, 0.9), (0.68, 0.9)),
        poly((0.32, 0.9), (0.1, 0.9), (0.1, 0.68)),
        seg(0.24, 0.5, 0.76, 0.5),
    ]),
    'check': (RED, [
        ring(0.5, 0.5, 0.38),
        poly((0.32, 0.52), (0.45, 0.65), (0.7, 0.38)),
    ]),
}


def png(path, color, shapes):
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            hits = 0
            for sy in range(SUB):
                for sx in range(SUB):
                    x = (px + (sx + 0.5) / SUB) / SIZE
                    y = (py + (sy + 0.5) / SUB) / SIZE
                    if any(s(x, y) for s in shapes):
                        hits += 1
            row += bytes(color) + bytes([round(255 * hits / (SUB * SUB))])
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    data = b'\x89PNG\r\n\x1a\n'
    data += chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(b''.join(rows), 9))
    data += chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    for sub in ('tab', 'icons'):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    for name, shapes in ICONS.items():
        for suffix, color in COLORS.items():
            png(os.path.join(OUT, 'tab', f'{name}{suffix}.png'), color, shapes)
    for name, (color, shapes) in OTHER.items():
        png(os.path.join(OUT, 'icons', f'{name}.png'), color, shapes)
    print('wrote', sorted(os.listdir(os.path.join(OUT, 'tab'))), sorted(os.listdir(os.path.join(OUT, 'icons'))))
