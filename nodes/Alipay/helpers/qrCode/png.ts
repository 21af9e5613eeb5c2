/** A 1-bit greyscale PNG (dark modules black, the rest white) of a module grid. */
import { zlibDeflate } from './deflate';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (ISO 3309, the one PNG chunks carry). */
function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/**
 * `modules` is size × size, 1 = dark; each module becomes moduleSize × moduleSize pixels inside a
 * light border of quietZone modules.
 */
export function renderPng(modules: Uint8Array, size: number, moduleSize: number, quietZone: number): Buffer {
	const side = (size + 2 * quietZone) * moduleSize;
	const rowBytes = 1 + Math.ceil(side / 8);
	// Filter type 0 (None) in each row's first byte; every pixel light until drawn.
	const raw = new Uint8Array(rowBytes * side).fill(0xff);
	for (let y = 0; y < side; y++) raw[y * rowBytes] = 0;
	for (let moduleRow = 0; moduleRow < size; moduleRow++) {
		const first = (quietZone + moduleRow) * moduleSize * rowBytes;
		for (let moduleCol = 0; moduleCol < size; moduleCol++) {
			if (!modules[moduleRow * size + moduleCol]) continue;
			for (let x = (quietZone + moduleCol) * moduleSize, end = x + moduleSize; x < end; x++) {
				raw[first + 1 + (x >>> 3)] &= ~(0x80 >>> (x & 7));
			}
		}
		// The module row's other pixel rows are copies of its first.
		for (let copy = 1; copy < moduleSize; copy++) raw.copyWithin(first + copy * rowBytes, first, first + rowBytes);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(side, 0);
	header.writeUInt32BE(side, 4);
	header[8] = 1; // bit depth
	header[9] = 0; // greyscale; compression, filter and interlace methods stay 0
	return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlibDeflate(raw)), chunk('IEND', new Uint8Array(0))]);
}
