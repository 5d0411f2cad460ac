// Writes public/icons/{16,48,128}.png: Dwell's mark, a clock face on a rounded teal square.
// Drawn from shape distance functions with 4×4 supersampling and encoded as PNG with node:zlib,
// so the icons are reproducible with no image tools: `node scripts/make-icons.mjs`.
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const TEAL = [11, 122, 117];
const WHITE = [255, 255, 255];

// Shapes in a unit square (0..1), as signed distances (negative = inside).
const roundRect = (x, y, half, r) => {
  const qx = Math.abs(x - 0.5) - half + r;
  const qy = Math.abs(y - 0.5) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, r) => Math.hypot(x - 0.5, y - 0.5) - r;
/** A hand: a capsule from the centre towards `angle` (0 = 12 o'clock, clockwise), `len` long. */
const hand = (x, y, angle, len, width) => {
  const dx = Math.sin(angle) * len;
  const dy = -Math.cos(angle) * len;
  const px = x - 0.5;
  const py = y - 0.5;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - width / 2;
};

/** Colour of one sample point, or null outside the icon. Small sizes get bolder strokes. */
function sample(x, y, size) {
  const bold = size <= 16 ? 1.6 : size <= 48 ? 1.2 : 1;
  if (roundRect(x, y, 0.48, 0.2) > 0) return null;
  if (circle(x, y, 0.34) > 0) return TEAL;
  const hour = hand(x, y, 0, 0.19, 0.085 * bold);
  const minute = hand(x, y, (2 * Math.PI * 20) / 60, 0.26, 0.065 * bold);
  if (hour < 0 || minute < 0 || circle(x, y, 0.05 * bold) < 0) return TEAL;
  return WHITE;
}

function render(size) {
  const N = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sj = 0; sj < N; sj++) {
        for (let si = 0; si < N; si++) {
          const c = sample((i + (si + 0.5) / N) / size, (j + (sj + 0.5) / N) / size, size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = (j * size + i) * 4;
      // Colour averaged over covered samples (straight alpha), coverage as alpha.
      if (a) px.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / (N * N)) * 255)], o);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of [16, 48, 128]) {
  writeFileSync(join(OUT, `${size}.png`), png(size, render(size)));
  console.log(`wrote ${join(OUT, `${size}.png`)}`);
}
