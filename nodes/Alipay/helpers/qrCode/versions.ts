/**
 * What ISO/IEC 18004 fixes per version (1–40, 21×21 to 177×177 modules) and error correction
 * level: the error correction block structure (its Table 9) and the alignment pattern centres.
 */

export type ErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

export const MIN_VERSION = 1;
export const MAX_VERSION = 40;

/** Bits of the level in the format information (L 01, M 00, Q 11, H 10). */
export const LEVEL_BITS: Record<ErrorCorrectionLevel, number> = { L: 1, M: 0, Q: 3, H: 2 };

/** Error correction codewords per block, versions 1–40. */
const EC_CODEWORDS_PER_BLOCK: Record<ErrorCorrectionLevel, readonly number[]> = {
	L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
	M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
	Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
	H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};

/** Number of error correction blocks, versions 1–40. */
const BLOCK_COUNT: Record<ErrorCorrectionLevel, readonly number[]> = {
	L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
	M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
	Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
	H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
};

export function sizeOf(version: number): number {
	return 17 + 4 * version;
}

/**
 * Row/column centres of the alignment patterns: 6, then evenly spaced (an even step) up to
 * size − 7; the standard's table follows this rule except version 32, whose step is 26.
 */
export function alignmentCentres(version: number): number[] {
	if (version === 1) return [];
	const count = Math.floor(version / 7) + 2;
	const last = sizeOf(version) - 7;
	const step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
	const centres = [6];
	for (let i = count - 2; i >= 0; i--) centres.push(last - i * step);
	return centres;
}

export interface BlockLayout {
	/** Error correction codewords in every block. */
	ecPerBlock: number;
	/** Data codewords per block: short blocks first, then long blocks with one more. */
	dataPerBlock: number[];
}

/** How the version's codewords split into blocks at a level, given its total codeword count. */
export function blockLayout(version: number, level: ErrorCorrectionLevel, totalCodewords: number): BlockLayout {
	const ecPerBlock = EC_CODEWORDS_PER_BLOCK[level][version - 1];
	const blocks = BLOCK_COUNT[level][version - 1];
	const dataCodewords = totalCodewords - ecPerBlock * blocks;
	const shortLength = Math.floor(dataCodewords / blocks);
	const longBlocks = dataCodewords % blocks;
	const dataPerBlock = Array.from({ length: blocks }, (_, i) => shortLength + (i >= blocks - longBlocks ? 1 : 0));
	return { ecPerBlock, dataPerBlock };
}
