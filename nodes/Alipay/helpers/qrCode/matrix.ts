/**
 * The module grid of ISO/IEC 18004: function patterns, the zigzag placement of codewords, the eight
 * data masks, format and version information, and the penalty rules that choose the mask.
 * Modules are stored row by row, 1 = dark.
 */
import { alignmentCentres, LEVEL_BITS, sizeOf, type ErrorCorrectionLevel } from './versions';

interface Template {
	size: number;
	modules: Uint8Array;
	/** 1 where a function pattern or format/version information sits: no data goes there. */
	reserved: Uint8Array;
	/** Number of modules left for codewords (and remainder bits). */
	dataModules: number;
}

const templates = new Map<number, Template>();

/** Finder, separator, timing and alignment patterns, the dark module and version information of a version. */
export function template(version: number): Template {
	const cached = templates.get(version);
	if (cached) return cached;
	const size = sizeOf(version);
	const modules = new Uint8Array(size * size);
	const reserved = new Uint8Array(size * size);
	const set = (row: number, col: number, dark: boolean) => {
		modules[row * size + col] = dark ? 1 : 0;
		reserved[row * size + col] = 1;
	};

	for (let i = 0; i < size; i++) {
		set(6, i, i % 2 === 0);
		set(i, 6, i % 2 === 0);
	}
	// Finder patterns with their light separators, in three corners.
	for (const [top, left] of [[0, 0], [0, size - 7], [size - 7, 0]]) {
		for (let r = -1; r <= 7; r++) {
			for (let c = -1; c <= 7; c++) {
				const row = top + r;
				const col = left + c;
				if (row < 0 || row >= size || col < 0 || col >= size) continue;
				const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
				set(row, col, ring !== 2 && ring !== 4);
			}
		}
	}
	const centres = alignmentCentres(version);
	const outer = centres.length - 1;
	centres.forEach((row, i) => {
		centres.forEach((col, j) => {
			// None in the three corners the finder patterns take.
			if ((i === 0 && (j === 0 || j === outer)) || (i === outer && j === 0)) return;
			for (let r = -2; r <= 2; r++) {
				for (let c = -2; c <= 2; c++) set(row + r, col + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
			}
		});
	});
	// Format information areas (filled per mask later) and the dark module beside the lower one.
	for (let i = 0; i < 9; i++) {
		reserved[8 * size + i] = 1;
		reserved[i * size + 8] = 1;
	}
	for (let i = 0; i < 8; i++) {
		reserved[8 * size + size - 1 - i] = 1;
		reserved[(size - 1 - i) * size + 8] = 1;
	}
	set(size - 8, 8, true);
	if (version >= 7) {
		const bits = versionInformation(version);
		for (let i = 0; i < 18; i++) {
			const dark = ((bits >>> i) & 1) === 1;
			const a = Math.floor(i / 3);
			const b = size - 11 + (i % 3);
			set(a, b, dark);
			set(b, a, dark);
		}
	}
	let dataModules = 0;
	for (const r of reserved) if (!r) dataModules++;
	const result = { size, modules, reserved, dataModules };
	templates.set(version, result);
	return result;
}

/** Remainder of value·x^degree ÷ generator over GF(2): the BCH check bits of format and version information. */
function bchRemainder(value: number, generatorPoly: number, degree: number): number {
	let remainder = value << degree;
	for (let bit = 31 - Math.clz32(remainder); bit >= degree; bit--) {
		if ((remainder >>> bit) & 1) remainder ^= generatorPoly << (bit - degree);
	}
	return remainder;
}

/** 6 version bits and their BCH(18,6) check bits. */
function versionInformation(version: number): number {
	return (version << 12) | bchRemainder(version, 0x1f25, 12);
}

/** 2 level bits and 3 mask bits, their BCH(15,5) check bits, XORed with 101010000010010 so it is never all light. */
function formatInformation(level: ErrorCorrectionLevel, mask: number): number {
	const data = (LEVEL_BITS[level] << 3) | mask;
	return ((data << 10) | bchRemainder(data, 0x537, 10)) ^ 0x5412;
}

const MASKS: ReadonlyArray<(row: number, col: number) => boolean> = [
	(i, j) => (i + j) % 2 === 0,
	(i) => i % 2 === 0,
	(_, j) => j % 3 === 0,
	(i, j) => (i + j) % 3 === 0,
	(i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
	(i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
	(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
	(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];

export const MASK_COUNT = MASKS.length;

/**
 * Places the codewords in two-module columns from the bottom right, upwards then downwards,
 * skipping the vertical timing pattern; modules left over (remainder bits) stay light.
 */
function placeCodewords(base: Template, codewords: Uint8Array): Uint8Array {
	const { size, reserved } = base;
	const modules = base.modules.slice();
	const totalBits = codewords.length * 8;
	let bit = 0;
	let upwards = true;
	for (let right = size - 1; right >= 1; right -= 2) {
		if (right === 6) right = 5;
		for (let step = 0; step < size; step++) {
			const row = upwards ? size - 1 - step : step;
			for (let col = right; col >= right - 1; col--) {
				const index = row * size + col;
				if (reserved[index]) continue;
				if (bit < totalBits) modules[index] = (codewords[bit >>> 3] >>> (7 - (bit & 7))) & 1;
				bit++;
			}
		}
		upwards = !upwards;
	}
	return modules;
}

function applyMask(base: Template, modules: Uint8Array, mask: number, level: ErrorCorrectionLevel): Uint8Array {
	const { size, reserved } = base;
	const masked = modules.slice();
	const rule = MASKS[mask];
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; col++) {
			const index = row * size + col;
			if (!reserved[index] && rule(row, col)) masked[index] ^= 1;
		}
	}
	const bits = formatInformation(level, mask);
	const bitAt = (i: number) => (bits >>> i) & 1;
	// Copy 1 around the top-left finder: bits 0–7 down column 8 (skipping the timing row), 8–14 leftwards along row 8.
	for (let i = 0; i <= 5; i++) masked[i * size + 8] = bitAt(i);
	masked[7 * size + 8] = bitAt(6);
	masked[8 * size + 8] = bitAt(7);
	masked[8 * size + 7] = bitAt(8);
	for (let i = 9; i < 15; i++) masked[8 * size + 14 - i] = bitAt(i);
	// Copy 2: bits 0–7 along row 8 from the right edge, 8–14 down column 8 to the bottom.
	for (let i = 0; i < 8; i++) masked[8 * size + size - 1 - i] = bitAt(i);
	for (let i = 8; i < 15; i++) masked[(size - 15 + i) * size + 8] = bitAt(i);
	return masked;
}

/** 1:1:3:1:1 dark:light:dark:light:dark with 4 light modules after it, or before it, as 11 bits. */
const FINDER_LIKE_THEN_LIGHT = 0b10111010000;
const LIGHT_THEN_FINDER_LIKE = 0b00001011101;

/** N1 and N3 for one row or column: modules start, start + stride, … (size of them). */
function linePenalty(modules: Uint8Array, start: number, stride: number, size: number): number {
	let score = 0;
	let run = 0;
	let previous = -1;
	// The last 11 modules as bits; the 4 light modules beyond each edge (the quiet zone) count too.
	let window = 0;
	for (let k = 0; k < size + 4; k++) {
		const value = k < size ? modules[start + k * stride] : 0;
		if (k < size) {
			if (value === previous) {
				run++;
			} else {
				if (run >= 5) score += run - 2;
				run = 1;
				previous = value;
			}
		}
		window = ((window << 1) | value) & 0x7ff;
		// Windows that start 4 modules before the edge, where the quiet zone is the light run.
		if (k >= 6 && (window === FINDER_LIKE_THEN_LIGHT || window === LIGHT_THEN_FINDER_LIKE)) score += 40;
	}
	if (run >= 5) score += run - 2;
	return score;
}

/**
 * Penalty of a masked symbol, the standard's rules: N1, 3 + (n − 5) for each run of n ≥ 5 modules
 * of one colour in a row or column; N2, 3 for each 2×2 block of one colour; N3, 40 for each
 * finder-like 1:1:3:1:1 pattern with 4 light modules on one side; N4, 10 for each full 5% the dark
 * share is away from half. The mask with the lowest penalty is used.
 */
export function penalty(modules: Uint8Array, size: number): number {
	let score = 0;
	for (let line = 0; line < size; line++) {
		score += linePenalty(modules, line * size, 1, size);
		score += linePenalty(modules, line, size, size);
	}
	let dark = 0;
	for (let row = 0; row < size; row++) {
		const index = row * size;
		for (let col = 0; col < size; col++) {
			const value = modules[index + col];
			dark += value;
			if (
				row + 1 < size &&
				col + 1 < size &&
				value === modules[index + col + 1] &&
				value === modules[index + size + col] &&
				value === modules[index + size + col + 1]
			) {
				score += 3;
			}
		}
	}
	score += 10 * Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5);
	return score;
}

/** The finished symbol: codewords placed, the given mask or the one with the lowest penalty applied. */
export function buildMatrix(
	version: number,
	level: ErrorCorrectionLevel,
	codewords: Uint8Array,
	mask?: number,
): { modules: Uint8Array; mask: number } {
	const base = template(version);
	const unmasked = placeCodewords(base, codewords);
	if (mask !== undefined) return { modules: applyMask(base, unmasked, mask, level), mask };
	let best = { modules: unmasked, mask: -1, score: Number.POSITIVE_INFINITY };
	for (let candidate = 0; candidate < MASK_COUNT; candidate++) {
		const modules = applyMask(base, unmasked, candidate, level);
		const score = penalty(modules, base.size);
		if (score < best.score) best = { modules, mask: candidate, score };
	}
	return { modules: best.modules, mask: best.mask };
}
