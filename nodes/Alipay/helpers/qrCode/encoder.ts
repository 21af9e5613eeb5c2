/**
 * QR code symbols from bytes, after ISO/IEC 18004: one byte-mode segment, the smallest version
 * that holds it at the chosen error correction level, Reed-Solomon blocks interleaved, the
 * best mask. Byte mode carries any text as UTF-8 (what phone scanners assume without an ECI).
 */
import { buildMatrix, MASK_COUNT, template } from './matrix';
import { errorCorrectionCodewords } from './reedSolomon';
import { blockLayout, MAX_VERSION, MIN_VERSION, type ErrorCorrectionLevel } from './versions';

export interface QrSymbol {
	version: number;
	errorCorrection: ErrorCorrectionLevel;
	mask: number;
	/** Modules per side, without quiet zone. */
	size: number;
	/** size × size modules row by row, 1 = dark. */
	modules: Uint8Array;
}

export interface EncodeOptions {
	/** Default M: 15% of the symbol may be damaged or covered. */
	errorCorrection?: ErrorCorrectionLevel;
	/** Smallest version to use (default 1); a larger one is chosen when the data needs it. */
	minVersion?: number;
	/** Data mask 0–7; by default the one the penalty rules prefer. */
	mask?: number;
}

const MODE_BYTE = 0b0100;
const PAD_CODEWORDS = [0xec, 0x11];

function totalCodewords(version: number): number {
	return Math.floor(template(version).dataModules / 8);
}

function dataCodewords(version: number, level: ErrorCorrectionLevel): number {
	return blockLayout(version, level, totalCodewords(version)).dataPerBlock.reduce((sum, n) => sum + n, 0);
}

/** The character count indicator is 8 bits up to version 9 and 16 bits from version 10 in byte mode. */
function countBits(version: number): number {
	return version <= 9 ? 8 : 16;
}

/** Most bytes a version holds at a level in one byte-mode segment. */
export function byteCapacity(version: number, level: ErrorCorrectionLevel): number {
	return Math.floor((dataCodewords(version, level) * 8 - 4 - countBits(version)) / 8);
}

export function encodeQr(data: Uint8Array, options: EncodeOptions = {}): QrSymbol {
	const level = options.errorCorrection ?? 'M';
	if (!['L', 'M', 'Q', 'H'].includes(level)) throw new RangeError(`QR error correction must be L, M, Q or H, not ${String(level)}`);
	const minVersion = options.minVersion ?? MIN_VERSION;
	if (!Number.isInteger(minVersion) || minVersion < MIN_VERSION || minVersion > MAX_VERSION) {
		throw new RangeError(`QR version must be a whole number from ${MIN_VERSION} to ${MAX_VERSION}`);
	}
	if (options.mask !== undefined && !(Number.isInteger(options.mask) && options.mask >= 0 && options.mask < MASK_COUNT)) {
		throw new RangeError('QR mask must be a whole number from 0 to 7');
	}
	let version = minVersion;
	while (byteCapacity(version, level) < data.length) {
		if (version === MAX_VERSION) {
			throw new RangeError(
				`${data.length} bytes do not fit in a QR code at error correction ${level} (at most ${byteCapacity(MAX_VERSION, level)})`,
			);
		}
		version++;
	}
	const codewords = interleave(version, level, dataCodewordsFor(data, version, level));
	const { modules, mask } = buildMatrix(version, level, codewords, options.mask);
	return { version, errorCorrection: level, mask, size: template(version).size, modules };
}

/** Mode, count and bytes, then terminator, bit padding to a whole byte and alternating pad codewords. */
function dataCodewordsFor(data: Uint8Array, version: number, level: ErrorCorrectionLevel): Uint8Array {
	const capacity = dataCodewords(version, level);
	const out = new Uint8Array(capacity);
	let bitLength = 0;
	const append = (value: number, bits: number) => {
		for (let i = bits - 1; i >= 0; i--, bitLength++) {
			if ((value >>> i) & 1) out[bitLength >>> 3] |= 0x80 >>> (bitLength & 7);
		}
	};
	append(MODE_BYTE, 4);
	append(data.length, countBits(version));
	for (const byte of data) append(byte, 8);
	// Up to four terminator bits and the bits to the byte boundary are already zero.
	bitLength = Math.min(bitLength + 4, capacity * 8);
	let index = Math.ceil(bitLength / 8);
	for (let pad = 0; index < capacity; index++, pad ^= 1) out[index] = PAD_CODEWORDS[pad];
	return out;
}

/** Splits data into blocks, adds each block's error correction, and interleaves codeword by codeword. */
function interleave(version: number, level: ErrorCorrectionLevel, data: Uint8Array): Uint8Array {
	const { ecPerBlock, dataPerBlock } = blockLayout(version, level, totalCodewords(version));
	const blocks: Uint8Array[] = [];
	const corrections: Uint8Array[] = [];
	let offset = 0;
	for (const length of dataPerBlock) {
		const block = data.subarray(offset, offset + length);
		blocks.push(block);
		corrections.push(errorCorrectionCodewords(block, ecPerBlock));
		offset += length;
	}
	const out = new Uint8Array(totalCodewords(version));
	let index = 0;
	const longest = dataPerBlock[dataPerBlock.length - 1];
	for (let i = 0; i < longest; i++) for (const block of blocks) if (i < block.length) out[index++] = block[i];
	for (let i = 0; i < ecPerBlock; i++) for (const ec of corrections) out[index++] = ec[i];
	return out;
}
