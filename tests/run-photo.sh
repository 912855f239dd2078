#!/bin/sh
# Photos (cv.photo). Every form of PNG (grey 1-16 bits, alpha, palette,
# tRNS, interlaced) and JPEG (progressive, arithmetic, grey, RGB, CMYK,
# fill bytes, EXIF orientations 1-8) is drawn with the right colours the
# right way up; a normal JPEG goes into the PDF byte for byte, what a PDF
# viewer might not read is re-encoded; a photo larger than needed is
# embedded at 300 dpi of its drawn size; a damaged or oversized one is
# refused in bounded memory (tests/bad holds those messages, and this
# checks that their fixtures in tests/data are what gen.py below makes);
# a CV without a photo maps no JPEG library.
# usage: run-photo.sh CVPDF SOURCE_DIR   (UPDATE=1 rewrites the fixtures)
. "$(dirname "$0")/lib.sh"
src=$(cd "$src" && pwd) # photo paths are relative to the CV's folder
gen=$tmp/gen.py
cat > "$gen" <<'PY'
# gen.py: makes the test photos of run-photo.sh, renders them, and checks
# the colours that come out. Standard library only (zlib, struct); JPEGs
# of real photos come from cjpeg (libjpeg-turbo-progs).
import os, struct, subprocess, sys, zlib

def chunk(t, d, length=None):
    n = len(d) if length is None else length
    return struct.pack('>I', n) + t + d + struct.pack('>I', zlib.crc32(t + d))

# -- PNG --------------------------------------------------------------------
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def pack_row(samples, depth):
    """samples: a flat list of channel values at `depth` bits"""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b''.join(struct.pack('>H', s) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = acc << depth | s
        n += depth
        if n == 8:
            out.append(acc); acc = n = 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)

def png(path, w, h, ctype, depth, px, interlace=False, plte=None, trns=None,
        gama=None):
    """px(x, y) -> tuple of channel values (at `depth` bits)"""
    def rows(xs, ys):
        return b''.join(b'\0' + pack_row([c for x in xs for c in px(x, y)], depth)
                        for y in ys)
    if interlace:
        raw = b''
        for x0, y0, dx, dy in ADAM7:
            xs, ys = range(x0, w, dx), range(y0, h, dy)
            if len(xs) and len(ys):
                raw += rows(xs, ys)
    else:
        raw = rows(range(w), range(h))
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack(
        '>IIBBBBB', w, h, depth, ctype, 0, 0, 1 if interlace else 0))
    if gama:
        data += chunk(b'gAMA', struct.pack('>I', gama))
    if plte:
        data += chunk(b'PLTE', b''.join(bytes(c) for c in plte))
    if trns is not None:
        data += chunk(b'tRNS', trns)
    data += chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

# -- JPEG -------------------------------------------------------------------
def segments(data):
    """(offset, marker, length) of each marker segment up to SOS"""
    i, out = 2, []
    while i + 4 <= len(data):
        m = data[i + 1]
        n = struct.unpack('>H', data[i + 2:i + 4])[0]
        out.append((i, m, n))
        if m == 0xDA:
            break
        i += 2 + n
    return out

def dc_jpeg(path, w, h, comps, value, precision=8, adobe=None, sof=0xC0):
    """A JPEG whose every 8x8 block is one colour: value(bx, by, comp) is
    the sample (0..2**precision-1). DC-only Huffman coding with a table of
    5-bit codes: small, exact and valid for any precision."""
    shift = 1 << (precision - 1)
    cats = 16
    out = bytearray(b'\xff\xd8')
    if adobe is not None:  # APP14 "Adobe", version 100, transform
        out += b'\xff\xee' + struct.pack('>H', 14) + b'Adobe' + struct.pack('>HHHB', 100, 0, 0, adobe)
    out += b'\xff\xdb' + struct.pack('>H', 67) + b'\x00' + b'\x01' * 64
    out += bytes([0xFF, sof]) + struct.pack('>HBHHB', 8 + 3 * comps, precision, h, w, comps)
    for c in range(comps):
        out += bytes([c + 1, 0x11, 0])
    counts = [0] * 16
    counts[4] = cats
    out += b'\xff\xc4' + struct.pack('>H', 3 + 16 + cats) + b'\x00' + bytes(counts) + bytes(range(cats))
    counts = [0] * 16
    counts[0] = 1
    out += b'\xff\xc4' + struct.pack('>H', 3 + 16 + 1) + b'\x10' + bytes(counts) + b'\x00'
    out += b'\xff\xda' + struct.pack('>HB', 6 + 2 * comps, comps)
    for c in range(comps):
        out += bytes([c + 1, 0x00])
    out += b'\x00\x3f\x00'
    bits = []
    def put(v, n):
        bits.extend((v >> (n - 1 - k)) & 1 for k in range(n))
    prev = [0] * comps
    for by in range((h + 7) // 8):
        for bx in range((w + 7) // 8):
            for c in range(comps):
                dc = 8 * (value(bx, by, c) - shift)
                d, prev[c] = dc - prev[c], dc
                s = abs(d).bit_length()
                put(s, 5)
                if s:
                    put(d if d >= 0 else d - 1 + (1 << s), s)
                put(0, 1)  # EOB
    bits.extend([1] * (-len(bits) % 8))
    for k in range(0, len(bits), 8):
        b = int(''.join(map(str, bits[k:k + 8])), 2)
        out.append(b)
        if b == 0xFF:
            out.append(0)
    out += b'\xff\xd9'
    open(path, 'wb').write(bytes(out))

def exif(src, dst, orientation):
    """src with an APP1 Exif segment (big-endian TIFF, IFD0 holding only
    Orientation) right after SOI"""
    data = open(src, 'rb').read()
    tiff = b'MM\x00\x2a' + struct.pack('>I', 8) + struct.pack('>H', 1) + \
        struct.pack('>HHIHH', 0x0112, 3, 1, orientation, 0) + struct.pack('>I', 0)
    body = b'Exif\x00\x00' + tiff
    open(dst, 'wb').write(data[:2] + b'\xff\xe1' + struct.pack('>H', 2 + len(body)) + body + data[2:])

def ppm(path, w, h, px):
    with open(path, 'wb') as f:
        f.write(b'P6 %d %d 255\n' % (w, h))
        for y in range(h):
            f.write(bytes(c for x in range(w) for c in px(x, y)))

def cjpeg(src_ppm, dst, *opts):
    subprocess.run(['cjpeg', '-quality', '95', *opts, '-outfile', dst, src_ppm], check=True)

# -- patterns ---------------------------------------------------------------
RGB4 = [(255, 0, 0), (0, 160, 0), (0, 0, 255), (255, 220, 0)]  # TL TR BL BR

def quad(w, h):
    return lambda x, y: (1 if x >= w // 2 else 0) + (2 if y >= h // 2 else 0)

def gradient(w, h):
    """a smooth picture: red across, green down, blue along the diagonal"""
    return lambda x, y: (x * 256 // w, y * 256 // h, (x + y) * 256 // (w + h))

# -- the named photos: name -> (maker, expected quadrant colours or None) --
def variants():
    W, H = 61, 45  # odd sizes: interlacing and chroma edges are exercised
    q = quad(W, H)
    v = {}
    gray4 = [0, 85, 170, 255]
    def g(depth, il=False):
        top = (1 << depth) - 1
        return lambda p: png(p, W, H, 0, depth, lambda x, y: (gray4[q(x, y)] * top // 255,), il)
    for d in (1, 2, 4, 8, 16):
        vals = [0, 255, 255, 0] if d == 1 else gray4
        if d == 1:
            v['gray1'] = (lambda p: png(p, W, H, 0, 1, lambda x, y: ((1 if q(x, y) in (1, 2) else 0),)),
                          [(c, c, c) for c in vals])
        else:
            v['gray%d' % d] = (g(d), [(c, c, c) for c in vals])
    v['gray8-interlaced'] = (g(8, True), [(c, c, c) for c in gray4])
    # alpha: opaque red, opaque green, black at alpha 128, fully transparent
    ga = [(0, 255), (128, 255), (0, 128), (0, 0)]
    over = lambda c, a: (c * a + 255 * (255 - a) + 127) // 255
    v['gray-alpha'] = (lambda p: png(p, W, H, 4, 8, lambda x, y: ga[q(x, y)]),
                       [(over(c, a),) * 3 for c, a in ga])
    v['gray-alpha16'] = (lambda p: png(p, W, H, 4, 16, lambda x, y: tuple(t * 257 for t in ga[q(x, y)])),
                         [(over(c, a),) * 3 for c, a in ga])
    v['rgb8'] = (lambda p: png(p, W, H, 2, 8, lambda x, y: RGB4[q(x, y)]), RGB4)
    # gamma 1.0 (linear light): grey 128 is sRGB's 186
    lin = [(128, 128, 128), (0, 0, 0), (255, 255, 255), (32, 32, 32)]
    v['rgb8-linear'] = (lambda p: png(p, W, H, 2, 8, lambda x, y: lin[q(x, y)], gama=100000),
                        [(186, 186, 186), (0, 0, 0), (255, 255, 255), (99, 99, 99)])
    v['rgb16'] = (lambda p: png(p, W, H, 2, 16, lambda x, y: tuple(c * 257 for c in RGB4[q(x, y)])), RGB4)
    v['rgb8-interlaced'] = (lambda p: png(p, W, H, 2, 8, lambda x, y: RGB4[q(x, y)], True), RGB4)
    rgba = [(255, 0, 0, 255), (0, 160, 0, 255), (0, 0, 0, 128), (0, 0, 255, 0)]
    rgba_want = [tuple(over(c, t[3]) for c in t[:3]) for t in rgba]
    v['rgba8'] = (lambda p: png(p, W, H, 6, 8, lambda x, y: rgba[q(x, y)]), rgba_want)
    v['rgba16-interlaced'] = (lambda p: png(p, W, H, 6, 16, lambda x, y: tuple(c * 257 for c in rgba[q(x, y)]), True), rgba_want)
    v['palette'] = (lambda p: png(p, W, H, 3, 8, lambda x, y: (q(x, y),), plte=RGB4), RGB4)
    v['palette2-interlaced'] = (lambda p: png(p, W, H, 3, 2, lambda x, y: (q(x, y),), True, plte=RGB4), RGB4)
    v['palette-trns'] = (lambda p: png(p, W, H, 3, 4, lambda x, y: (q(x, y),), plte=[(255, 0, 0), (0, 160, 0), (0, 0, 0), (0, 0, 255)],
                                       trns=bytes([255, 255, 128, 0])), rgba_want)
    v['rgb-trns'] = (lambda p: png(p, W, H, 2, 8, lambda x, y: RGB4[q(x, y)], trns=struct.pack('>HHH', 255, 220, 0)),
                     RGB4[:3] + [(255, 255, 255)])
    # JPEGs: quadrants through cjpeg, and 16x16 DC-only CMYK ones
    def jpg(*opts, w=64, h=48):
        def make(p):
            ppm(p + '.ppm', w, h, lambda x, y: RGB4[quad(w, h)(x, y)])
            cjpeg(p + '.ppm', p, *opts)
            os.remove(p + '.ppm')
        return make
    v['jpeg'] = (jpg(), RGB4)
    v['jpeg-progressive'] = (jpg('-progressive'), RGB4)
    v['jpeg-arithmetic'] = (jpg('-arithmetic'), RGB4)
    v['jpeg-gray'] = (jpg('-grayscale'), [(76, 76, 76), (94, 94, 94), (29, 29, 29), (207, 207, 207)])
    v['jpeg-rgb'] = (jpg('-rgb'), RGB4)  # RGB components, Adobe marker
    def fill(p):  # fill bytes (0xFF) before the frame header: valid JPEG
        jpg()(p)
        d = open(p, 'rb').read()
        sof = [o for o, m, n in segments(d) if m == 0xC0][0]
        open(p, 'wb').write(d[:sof] + b'\xff\xff\xff' + d[sof:])
    v['jpeg-fill-bytes'] = (fill, RGB4)
    def extraneous(p):  # bytes between two segments: libjpeg skips them
        jpg()(p)
        d = open(p, 'rb').read()
        sos = [o for o, m, n in segments(d) if m == 0xDA][0]
        open(p, 'wb').write(d[:sos] + b'\x00' * 5 + d[sos:])
    v['jpeg-extraneous'] = (extraneous, RGB4)
    for k in range(1, 9):
        def ori(p, k=k):
            jpg()(p + '.0')
            exif(p + '.0', p, k)
            os.remove(p + '.0')
        v['jpeg-exif%d' % k] = (ori, oriented(RGB4, k))
    def ori_large(p):  # too large for its box: re-encoded, still turned
        jpg(w=640, h=480)(p + '.0')
        exif(p + '.0', p, 6)
        os.remove(p + '.0')
    v['jpeg-exif6-large'] = (ori_large, oriented(RGB4, 6))
    # CMYK ink in quadrants: cyan, magenta, yellow, black (k=60%)
    # (as poppler shows CMYK: both stay CMYK in the PDF)
    ink = [(255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 0, 0, 153)]
    cmyk_rgb = [(0, 172, 239), (236, 0, 139), (255, 241, 0), (123, 120, 121)]
    qq = quad(16, 16)
    v['jpeg-cmyk-adobe'] = (lambda p: dc_jpeg(p, 16, 16, 4, lambda bx, by, c: 255 - ink[qq(bx * 8, by * 8)][c], adobe=0), cmyk_rgb)
    v['jpeg-cmyk'] = (lambda p: dc_jpeg(p, 16, 16, 4, lambda bx, by, c: ink[qq(bx * 8, by * 8)][c]), cmyk_rgb)
    return v

def oriented(m, k):
    """the 2x2 quadrant list m (TL TR BL BR) as EXIF orientation k shows it"""
    S = [[m[0], m[1]], [m[2], m[3]]]
    f = {1: lambda r, c: S[r][c], 2: lambda r, c: S[r][1 - c],
         3: lambda r, c: S[1 - r][1 - c], 4: lambda r, c: S[1 - r][c],
         5: lambda r, c: S[c][r], 6: lambda r, c: S[1 - c][r],
         7: lambda r, c: S[1 - c][1 - r], 8: lambda r, c: S[c][1 - r]}[k]
    return [f(0, 0), f(0, 1), f(1, 0), f(1, 1)]

# -- fixtures of tests/bad (committed in tests/data; checked to be what
#    this makes) ---------------------------------------------------------------
def fixtures(src):
    photo = open(os.path.join(src, 'tests/data/photo.jpg'), 'rb').read()
    segs = segments(photo)
    sos = [o for o, m, n in segs if m == 0xDA][0]
    f = {}
    # a real 12-bit JPEG (extended sequential, SOF1), 16x16 grey
    def twelve(p):
        dc_jpeg(p, 16, 16, 1, lambda bx, by, c: 2048 + 512 * ((bx + by) % 2), precision=12, sof=0xC1)
    f['photo-12bit.jpg'] = twelve
    # tables and frame header, but no scan: SOS..EOI cut out
    f['photo-noscan.jpg'] = lambda p: open(p, 'wb').write(photo[:sos] + b'\xff\xd9')
    # cut in the middle of its scan, an end marker put back
    half = sos + (len(photo) - sos) // 2
    f['photo-truncated.jpg'] = lambda p: open(p, 'wb').write(photo[:half] + b'\xff\xd9')
    # cut, no end marker
    f['photo-cut.jpg'] = lambda p: open(p, 'wb').write(photo[:half])
    # bytes of its scan replaced by ones (no Huffman code is all ones)
    mid = sos + (len(photo) - sos) // 3
    f['photo-corrupt.jpg'] = lambda p: open(p, 'wb').write(photo[:mid] + b'\xff\x00' * 24 + photo[mid + 48:])
    # headers claiming 9000 x 9000 pixels (81 megapixels), a few bytes of data
    ihdr = lambda w, h, il: chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, il))
    sig = b'\x89PNG\r\n\x1a\n'
    f['photo-huge.png'] = lambda p: open(p, 'wb').write(sig + ihdr(9000, 9000, 0) + chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b''))
    f['photo-huge-interlaced.png'] = lambda p: open(p, 'wb').write(sig + ihdr(5000, 4000, 1) + chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b''))
    def sof_claim(p, m, w, h):
        d = bytearray(photo)
        o = [o for o, mm, n in segs if 0xC0 <= mm <= 0xC2][0]
        d[o + 1] = m
        d[o + 5:o + 9] = struct.pack('>HH', h, w)
        open(p, 'wb').write(bytes(d))
    f['photo-huge.jpg'] = lambda p: sof_claim(p, 0xC0, 9000, 9000)
    f['photo-huge-progressive.jpg'] = lambda p: sof_claim(p, 0xC2, 5000, 4000)
    # a tEXt chunk claiming 2 GiB (the file is 123 bytes)
    f['photo-bigchunk.png'] = lambda p: open(p, 'wb').write(
        sig + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) +
        chunk(b'tEXt', b'x' * 40, length=0x7ffffff0) +
        chunk(b'IDAT', zlib.compress(b'\0' + b'\x80' * 12)) + chunk(b'IEND', b''))
    return f

# -- checking what is drawn ---------------------------------------------------
def read_ppm(path):
    d = open(path, 'rb').read()
    parts, i = [], 0
    while len(parts) < 4:
        while d[i:i + 1].isspace():
            i += 1
        j = i
        while not d[j:j + 1].isspace():
            j += 1
        parts.append(d[i:j]); i = j
    w, h = int(parts[1]), int(parts[2])
    return w, h, d[i + 1:]

def quadrants(path):
    w, h, px = read_ppm(path)
    out = []
    for fy in (0.25, 0.75):
        for fx in (0.25, 0.75):
            o = (int(fy * h) * w + int(fx * w)) * 3
            out.append(tuple(px[o:o + 3]))
    return out

def main():
    cmd = sys.argv[1]
    if cmd == 'list':
        print(' '.join(sorted(variants())))
    elif cmd == 'make':  # make DIR: every variant, as DIR/NAME.png or .jpg
        for name, (make, want) in sorted(variants().items()):
            make(os.path.join(sys.argv[2], name + ('.jpg' if name.startswith('jpeg') else '.png')))
    elif cmd == 'fixture':
        fixtures(sys.argv[2])[sys.argv[3]](sys.argv[4])
    elif cmd == 'fixtures':
        print(' '.join(sorted(fixtures(sys.argv[2]))))
    elif cmd == 'big':  # big KIND W H OUT: a smooth picture, PPM or PNG
        kind, w, h, out = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        px = gradient(w, h)
        if kind == 'ppm':
            ppm(out, w, h, px)
        else:
            png(out, w, h, 2, 8, px)
    elif cmd == 'check':  # check DIR: the quadrants drawn, DIR/NAME.ppm
        failed = False
        for name, (make, want) in sorted(variants().items()):
            ppm_path = os.path.join(sys.argv[2], name + '.ppm')
            if not os.path.exists(ppm_path):
                continue  # not rendered: reported already
            tol = 48 if name.startswith('jpeg') else 8  # JPEG: lossy
            got = quadrants(ppm_path)
            if all(max(abs(a - b) for a, b in zip(w, g)) <= tol for w, g in zip(want, got)):
                print('ok   %s: quadrants %s' % (name, got))
            else:
                print('FAIL %s: quadrants %s, expected %s' % (name, got, want))
                failed = True
        sys.exit(1 if failed else 0)
    elif cmd == 'check-gradient':  # check-gradient W H PPM TOLERANCE
        w, h = int(sys.argv[2]), int(sys.argv[3])
        want = [gradient(w, h)(int(fx * w), int(fy * h)) for fy in (0.25, 0.75) for fx in (0.25, 0.75)]
        got = quadrants(sys.argv[4])
        tol = int(sys.argv[5])
        ok = all(max(abs(a - b) for a, b in zip(x, y)) <= tol for x, y in zip(want, got))
        print('quadrants %s%s' % (got, '' if ok else ', expected %s' % want))
        sys.exit(0 if ok else 1)
    elif cmd == 'sample':  # sample PPM: the quadrants' colours
        print(quadrants(sys.argv[2]))

main()
PY

# a CV with just a photo, drawn photo_width wide
cv() { # yaml photo [photo_width]
  printf 'cv:\n  name: Jane Roe\n  photo: %s\ndesign:\n  header:\n    photo_width: %s\n' \
    "$2" "${3:-2cm}" > "$1"
}
# render NAME: $tmp/NAME.yaml to NAME.pdf and NAME.dump; box="x y w h" of
# the photo in points (from the top left)
render() {
  timeout 60 "$cvpdf" -q "$tmp/$1.yaml" -o "$tmp/$1.pdf" 2>"$tmp/err" || return 1
  timeout 60 "$cvpdf" -q --dump "$tmp/$1.yaml" -o "$tmp/$1.dump" 2>>"$tmp/err" || return 1
  box=$(awk '/^image/ {print $2, $3, $4, $5; exit}' "$tmp/$1.dump")
  [ -n "$box" ]
}
# crop NAME: the photo's box of NAME.pdf at 144 dpi, as NAME.ppm
crop() {
  set -- "$1" $(echo "$box" | awk '{printf "%d %d %d %d", $1*2+2, $2*2+2, $3*2-4, $4*2-4}')
  pdftoppm -r 144 -f 1 -l 1 -x "$2" -y "$3" -W "$4" -H "$5" "$tmp/$1.pdf" > "$tmp/$1.ppm"
}
# images NAME: pdfimages -list's rows (width height color comp bpc enc)
images() { pdfimages -list "$tmp/$1.pdf" | awk 'NR > 2 {print $4, $5, $6, $7, $8, $9}'; }

# 1. every form, its quadrants' colours (JPEG: lossy, a wider tolerance)
python3 "$gen" make "$tmp" || bad "cannot make the photos"
for v in $(python3 "$gen" list); do
  img=$tmp/$v.png
  [ -f "$img" ] || img=$tmp/$v.jpg
  cv "$tmp/$v.yaml" "$img"
  if render "$v"; then crop "$v"; else bad "$v: not rendered: $(cat "$tmp/err")"; fi
done
python3 "$gen" check "$tmp" || fail=1
# a quarter turn swaps the box's sides (64 x 48 stored)
for k in 1 2 3 4 5 6 7 8 6-large; do
  [ -f "$tmp/jpeg-exif$k.dump" ] || continue
  r=$(awk '/^image/ {printf "%.2f", $4 / $5; exit}' "$tmp/jpeg-exif$k.dump")
  case $k in [1-4]) want=1.33 ;; *) want=0.75 ;; esac
  [ "$r" = "$want" ] && ok "orientation $k: box width/height $r" || bad "orientation $k: box width/height $r, expected $want"
done

# 2. what goes into the PDF: a normal JPEG as it is (DCT passthrough),
# including a progressive one and one turned by EXIF; an arithmetic-coded
# one, a CMYK one without Adobe's marker (viewers would invert it), one
# with fill bytes before its frame (libharu misreads it), one with stray
# bytes libjpeg skips with a warning, and one too large for its box are
# re-encoded
same() { # NAME FILE: the PDF's only image is FILE, byte for byte
  rm -f "$tmp/x"-*
  pdfimages -j "$tmp/$1.pdf" "$tmp/x" && cmp -s "$tmp/x-000.jpg" "$2"
}
cp "$src/tests/data/photo.jpg" "$tmp/photo.jpg"
cv "$tmp/photo.yaml" "$tmp/photo.jpg"
render photo && same photo "$tmp/photo.jpg" \
  && ok "tests/data/photo.jpg embedded as it is ($(stat -c %s "$tmp/photo.pdf") bytes of PDF)" \
  || bad "tests/data/photo.jpg not embedded as it is"
for v in jpeg jpeg-progressive jpeg-gray jpeg-rgb jpeg-exif6 jpeg-cmyk-adobe; do
  same "$v" "$tmp/$v.jpg" && ok "$v embedded as it is" || bad "$v not embedded as it is"
done
for v in jpeg-arithmetic:rgb jpeg-cmyk:cmyk jpeg-fill-bytes:rgb jpeg-extraneous:rgb \
         jpeg-exif6-large:rgb; do
  # re-encoded: a baseline JPEG (SOF0), 8-bit RGB or CMYK
  cs=${v#*:} v=${v%:*}
  if [ -f "$tmp/$v.pdf" ] && ! same "$v" "$tmp/$v.jpg" && [ -f "$tmp/x-000.jpg" ] \
     && python3 -c "import sys; d=open(sys.argv[1],'rb').read(); sys.exit(0 if b'\xff\xc0' in d and b'\xff\xc9' not in d else 1)" "$tmp/x-000.jpg" \
     && [ "$(images "$v" | awk '{print $3, $6}')" = "$cs jpeg" ]; then
    ok "$v re-encoded as a baseline $cs JPEG"
  else
    bad "$v: $(images "$v" 2>&1)"
  fi
done

# 3. a photo larger than needed: at most 300 dpi of its drawn size
# (2.5 cm: 295.3 x 236.2 pixels for a 5:4 photo), colours kept
python3 "$gen" big ppm 1500 1200 "$tmp/big.ppm" && cjpeg -quality 90 -outfile "$tmp/big.jpg" "$tmp/big.ppm"
python3 "$gen" big png 1000 800 "$tmp/big.png"
for f in big.jpg big.png; do
  n=${f%.*}-${f#*.}
  cv "$tmp/$n.yaml" "$tmp/$f" 2.5cm
  if ! render "$n"; then bad "$f: not rendered: $(cat "$tmp/err")"; continue; fi
  set -- $(images "$n")
  enc=jpeg
  [ "$f" = big.png ] && enc=image
  if [ "$1" -le 296 ] && [ "$1" -ge 290 ] && [ "$2" -le 237 ] && [ "$2" -ge 230 ] && [ "$6" = "$enc" ]; then
    ok "$f ($(stat -c %s "$tmp/$f") bytes) embedded as $1 x $2 $6, $(stat -c %s "$tmp/$n.pdf") bytes of PDF"
  else
    bad "$f embedded as $*"
  fi
  crop "$n"
  python3 "$gen" check-gradient 4 4 "$tmp/$n.ppm" 10 > "$tmp/msg" \
    && ok "$f downsampled: $(cat "$tmp/msg")" || bad "$f downsampled: $(cat "$tmp/msg")"
done

# 4. limits: a chunk claiming 2 GiB costs no memory, a header claiming
# 81 megapixels is refused before decoding (the messages: tests/bad)
rss() { # kilobytes of the largest child (the command's exit status is ignored)
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL, timeout=60)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
for f in photo-bigchunk.png photo-huge.png photo-huge.jpg photo-huge-interlaced.png photo-huge-progressive.jpg; do
  cv "$tmp/lim.yaml" "$src/tests/data/$f"
  rm -f "$tmp/lim.pdf"
  kb=$(rss "$cvpdf" -q "$tmp/lim.yaml" -o "$tmp/lim.pdf")
  if [ -n "$kb" ] && [ "$kb" -lt 262144 ] && [ ! -e "$tmp/lim.pdf" ]; then
    ok "$f refused in $((kb / 1024)) MiB"
  else
    bad "$f: ${kb:-?} KiB, output: $(ls "$tmp/lim.pdf" 2>&1)"
  fi
done

# 5. the fixtures of tests/bad are what gen.py makes
for f in $(python3 "$gen" fixtures "$src"); do
  python3 "$gen" fixture "$src" "$f" "$tmp/$f"
  if [ "${UPDATE:-}" = 1 ]; then
    cmp -s "$tmp/$f" "$src/tests/data/$f" || { cp "$tmp/$f" "$src/tests/data/$f"; echo "updated tests/data/$f"; }
  elif cmp -s "$tmp/$f" "$src/tests/data/$f"; then
    ok "tests/data/$f is up to date"
  else
    bad "tests/data/$f differs from what gen.py makes (UPDATE=1 rewrites it)"
  fi
done

# 6. a CV without a photo maps no JPEG library (libjpeg is linked from
# its static archive: see CMakeLists.txt)
if LD_DEBUG=files "$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/seed.pdf" 2>&1 | grep -qi jpeg; then
  bad "a CV without a photo loads a JPEG library"
else
  ok "a CV without a photo loads no JPEG library"
fi

# a photo whose symbolic links make a loop is named as such (it was "no
# such file")
ln -s loop.png "$tmp/loop.png"
printf 'cv:\n  name: A\n  photo: loop.png\n' > "$tmp/loop.yaml"
"$cvpdf" "$tmp/loop.yaml" -o "$tmp/loop.pdf" 2>"$tmp/err"
if [ $? = 1 ] && grep -q "loop.yaml:3:10: error: photo 'loop.png': its symbolic links make a loop" "$tmp/err"; then
  ok "a photo whose links make a loop"
else
  bad "photo link loop:"; cat "$tmp/err"
fi

[ $fail = 0 ] && echo "photo: all checks passed"
exit $fail
