"""Reads the pixels of a PNG file with the standard library only (zlib, struct), enough for
the pictures Qt writes: 8-bit greyscale, RGB or RGBA, not interlaced. The tests use it to
see that a screenshot has the expected size and is not one flat colour."""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


class PngError(ValueError):
    pass


class Png:
    def __init__(self, width: int, height: int, channels: int, rows: list[bytes]):
        self.width = width
        self.height = height
        self.channels = channels
        self.rows = rows  # unfiltered scan lines, `width * channels` bytes each

    def pixel(self, x: int, y: int) -> bytes:
        start = x * self.channels
        return self.rows[y][start:start + self.channels]

    def colours(self, step: int = 1) -> set[bytes]:
        """The distinct pixel values, looking at every `step`th pixel of every `step`th row."""
        found = set()
        for y in range(0, self.height, step):
            row = self.rows[y]
            for x in range(0, self.width, step):
                start = x * self.channels
                found.add(row[start:start + self.channels])
        return found


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read(path: str) -> Png:
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != SIGNATURE:
        raise PngError(f"{path}: not a PNG file")
    pos, idat, header = 8, bytearray(), None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise PngError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise PngError(f"{path}: depth {depth}, colour type {colour}, interlace {interlace}: not supported")
    channels = CHANNELS[colour]
    stride = width * channels
    raw = zlib.decompress(bytes(idat))
    if len(raw) != height * (stride + 1):
        raise PngError(f"{path}: {len(raw)} bytes of pixel data for {width}x{height}")

    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:  # Up
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                upper_left = previous[i - channels] if i >= channels else 0
                line[i] = (line[i] + _paeth(left, previous[i], upper_left)) & 0xFF
        elif kind != 0:
            raise PngError(f"{path}: unknown filter {kind} in row {y}")
        rows.append(bytes(line))
        previous = line
    return Png(width, height, channels, rows)
