// Writes media/icon.png (128x128): a pipeline glyph in white on AWS orange. Run once; the PNG is committed.
const zlib = require('zlib');
const fs = require('fs');
const size = 128;
const px = Buffer.alloc(size * (size * 4 + 1));
const bg = [0xff, 0x99, 0x00, 0xff];
const fg = [0xff, 0xff, 0xff, 0xff];
const dot = (cx, cy, r, x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
for (let y = 0; y < size; y++) {
  px[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x++) {
    const radius = 24;
    const inCorner = (cx, cy) => (x - cx) ** 2 + (y - cy) ** 2 > radius * radius;
    const outside = (x < radius && y < radius && inCorner(radius, radius)) || (x >= size - radius && y < radius && inCorner(size - radius, radius)) ||
      (x < radius && y >= size - radius && inCorner(radius, size - radius)) || (x >= size - radius && y >= size - radius && inCorner(size - radius, size - radius));
    const line = y >= 60 && y <= 68 && x >= 24 && x <= 104;
    const on = dot(28, 64, 14, x, y) || dot(64, 64, 14, x, y) || dot(100, 64, 14, x, y) || line;
    const c = outside ? [0, 0, 0, 0] : on ? fg : bg;
    c.forEach((v, i) => (px[y * (size * 4 + 1) + 1 + x * 4 + i] = v));
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
fs.writeFileSync('media/icon.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(px)), chunk('IEND', Buffer.alloc(0))]));
