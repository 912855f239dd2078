#!/usr/bin/env python3
"""pngink.py PAGE.png REFERENCE.ppm: does the PNG page have ink where the
reference rendering of the same page (poppler's pdftoppm of the PDF, same
resolution) has it? Prints the size and the share of the reference's ink
pixels with ink in the PNG within a pixel of them (and the converse);
exits 1 if the sizes differ or either share is below 0.9.
The PNG is read with zlib alone (8-bit grey, RGB or RGBA, any filter)."""
import struct, sys, zlib


def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and lace == 0, "8-bit, not interlaced"
            bpp = {0: 1, 2: 3, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w * bpp)
    stride = w * bpp
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def ppm(path):
    data = open(path, "rb").read()
    parts = data.split(None, 4)
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h * 3:]


def main():
    w, h, bpp, rows = png(sys.argv[1])
    rw, rh, ref = ppm(sys.argv[2])
    ink = lambda r, g, b: r + g + b < 3 * 160
    W, H = min(w, rw), min(h, rh)
    a = [[False] * W for _ in range(H)]
    b = [[False] * W for _ in range(H)]
    for y in range(H):
        row = rows[y]
        for x in range(W):
            i, j = x * bpp, (y * rw + x) * 3
            a[y][x] = ink(*(row[i:i + 3] if bpp >= 3 else row[i:i + 1] * 3))
            b[y][x] = ink(ref[j], ref[j + 1], ref[j + 2])
    def near(m, y, x):  # ink within a pixel (rasterisers differ by one)
        return any(m[yy][xx] for yy in range(max(0, y - 1), min(H, y + 2))
                   for xx in range(max(0, x - 1), min(W, x + 2)))
    both = mine = theirs = found = 0
    for y in range(H):
        for x in range(W):
            if b[y][x]:
                theirs += 1
                both += near(a, y, x)
            if a[y][x]:
                mine += 1
                found += near(b, y, x)
    r1 = both / theirs if theirs else 1.0
    r2 = found / mine if mine else 1.0
    print("%dx%d (reference %dx%d), ink shared %.3f of the reference's, %.3f of its own" % (w, h, rw, rh, r1, r2))
    sys.exit(0 if (w, h) == (rw, rh) and r1 >= 0.9 and r2 >= 0.9 else 1)


if __name__ == "__main__":
    main()
