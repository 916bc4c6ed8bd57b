"""Compares two PNG images pixel by pixel (8-bit RGB or RGBA, not interlaced: what rsvg-convert writes), with the
standard library only. Prints "WIDTHxHEIGHT WIDTHxHEIGHT FRACTION": the fraction of pixels whose colour differs by
more than 48 in any channel. Used by GraphCommandTests."""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, f"{path}: unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    # Composite over white so RGBA and RGB images compare alike.
    pixels = []
    for line in rows:
        for x in range(width):
            px = line[x * channels:(x + 1) * channels]
            alpha = px[3] / 255 if channels == 4 else 1
            pixels.append(tuple(round(v * alpha + 255 * (1 - alpha)) for v in px[:3]))
    return width, height, pixels


w1, h1, p1 = decode(sys.argv[1])
w2, h2, p2 = decode(sys.argv[2])
if (w1, h1) != (w2, h2):
    print(f"{w1}x{h1} {w2}x{h2} 1.0")
else:
    differing = sum(1 for a, b in zip(p1, p2) if max(abs(x - y) for x, y in zip(a, b)) > 48)
    print(f"{w1}x{h1} {w2}x{h2} {differing / len(p1):.5f}")
