/**
 * A zlib stream (RFC 1950) holding one deflate block (RFC 1951) with the fixed Huffman codes and
 * greedy LZ77 matches. Written here because n8n Cloud lets community nodes import no Node module
 * but crypto; a QR image's rows repeat module after module, so matches alone shrink it well.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

const MIN_MATCH = 3;
const MAX_MATCH = 258;
const WINDOW = 32768;
const HASH_SIZE = 1 << 15;
/** Candidates tried per position, and a match long enough to stop looking (zlib's max_chain and nice_length, level 4). */
const MAX_CHAIN = 16;
const NICE_LENGTH = 16;
const MAX_INSERT_LENGTH = 16;

class BitWriter {
	private bytes: number[] = [];
	private buffer = 0;
	private count = 0;

	/** Extra bits and header fields: least significant bit first. */
	bits(value: number, length: number): void {
		this.buffer |= value << this.count;
		this.count += length;
		while (this.count >= 8) {
			this.bytes.push(this.buffer & 0xff);
			this.buffer >>>= 8;
			this.count -= 8;
		}
	}

	/** Huffman codes: most significant bit first. */
	code(value: number, length: number): void {
		let reversed = 0;
		for (let i = 0; i < length; i++) reversed |= ((value >>> i) & 1) << (length - 1 - i);
		this.bits(reversed, length);
	}

	finish(): number[] {
		if (this.count > 0) this.bytes.push(this.buffer & 0xff);
		this.buffer = 0;
		this.count = 0;
		return this.bytes;
	}
}

/** Fixed literal/length code (RFC 1951 §3.2.6). */
function writeLiteralOrLength(out: BitWriter, symbol: number): void {
	if (symbol < 144) out.code(0x30 + symbol, 8);
	else if (symbol < 256) out.code(0x190 + symbol - 144, 9);
	else if (symbol < 280) out.code(symbol - 256, 7);
	else out.code(0xc0 + symbol - 280, 8);
}

function lastAtMost(table: number[], value: number): number {
	let index = table.length - 1;
	while (table[index] > value) index--;
	return index;
}

function writeMatch(out: BitWriter, length: number, distance: number): void {
	const l = lastAtMost(LENGTH_BASE, length);
	writeLiteralOrLength(out, 257 + l);
	out.bits(length - LENGTH_BASE[l], LENGTH_EXTRA[l]);
	const d = lastAtMost(DISTANCE_BASE, distance);
	out.code(d, 5);
	out.bits(distance - DISTANCE_BASE[d], DISTANCE_EXTRA[d]);
}

function adler32(data: Uint8Array): number {
	let a = 1;
	let b = 0;
	for (let i = 0; i < data.length; ) {
		// 5552 bytes is the most that cannot overflow before the modulo (zlib's NMAX).
		const end = Math.min(i + 5552, data.length);
		for (; i < end; i++) {
			a += data[i];
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return ((b << 16) | a) >>> 0;
}

export function zlibDeflate(data: Uint8Array): Buffer {
	const out = new BitWriter();
	out.bits(0x78, 8); // deflate, 32 KiB window
	out.bits(0x01, 8); // check bits: 0x7801 is a multiple of 31
	out.bits(1, 1); // final block
	out.bits(1, 2); // fixed Huffman codes

	const head = new Int32Array(HASH_SIZE).fill(-1);
	const previous = new Int32Array(data.length);
	const hash = (i: number) => ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & (HASH_SIZE - 1);
	const insert = (i: number) => {
		if (i + MIN_MATCH > data.length) return;
		const h = hash(i);
		previous[i] = head[h];
		head[h] = i;
	};

	let i = 0;
	while (i < data.length) {
		let bestLength = 0;
		let bestDistance = 0;
		if (i + MIN_MATCH <= data.length) {
			const limit = Math.min(MAX_MATCH, data.length - i);
			let candidate = head[hash(i)];
			for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
				let length = 0;
				while (length < limit && data[candidate + length] === data[i + length]) length++;
				if (length > bestLength) {
					bestLength = length;
					bestDistance = i - candidate;
					if (length >= NICE_LENGTH) break;
				}
				candidate = previous[candidate];
			}
		}
		if (bestLength >= MIN_MATCH) {
			writeMatch(out, bestLength, bestDistance);
			// Positions inside a long match are not worth indexing (zlib's max_insert_length): skipping them keeps runs of light pixels cheap.
			if (bestLength <= MAX_INSERT_LENGTH) for (let k = 0; k < bestLength; k++) insert(i + k);
			else insert(i);
			i += bestLength;
		} else {
			writeLiteralOrLength(out, data[i]);
			insert(i);
			i++;
		}
	}
	writeLiteralOrLength(out, 256);
	const bytes = out.finish();
	const checksum = adler32(data);
	bytes.push(checksum >>> 24, (checksum >>> 16) & 0xff, (checksum >>> 8) & 0xff, checksum & 0xff);
	return Buffer.from(bytes);
}
