/**
 * Reed-Solomon error correction codewords over GF(2^8) with the QR code's field polynomial
 * x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots α^0 … α^(n-1).
 */

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
	let x = 1;
	for (let i = 0; i < 255; i++) {
		EXP[i] = x;
		LOG[x] = i;
		x <<= 1;
		if (x & 0x100) x ^= 0x11d;
	}
	// A doubled table spares the modulo in every multiplication.
	for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}

function multiply(a: number, b: number): number {
	return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

const generators = new Map<number, Uint8Array>();

/** Coefficients of (x - α^0)(x - α^1)…(x - α^(degree-1)), highest power first, leading 1 dropped. */
function generator(degree: number): Uint8Array {
	const cached = generators.get(degree);
	if (cached) return cached;
	let poly = [1];
	for (let i = 0; i < degree; i++) {
		const next = new Array<number>(poly.length + 1).fill(0);
		for (let j = 0; j < poly.length; j++) {
			next[j] ^= poly[j];
			next[j + 1] ^= multiply(poly[j], EXP[i]);
		}
		poly = next;
	}
	const result = Uint8Array.from(poly.slice(1));
	generators.set(degree, result);
	return result;
}

/** The `degree` error correction codewords for one block of data codewords: the remainder of data·x^degree ÷ generator. */
export function errorCorrectionCodewords(data: Uint8Array, degree: number): Uint8Array {
	const gen = generator(degree);
	const remainder = new Uint8Array(degree);
	for (const byte of data) {
		const factor = byte ^ remainder[0];
		remainder.copyWithin(0, 1);
		remainder[degree - 1] = 0;
		if (factor !== 0) for (let i = 0; i < degree; i++) remainder[i] ^= multiply(gen[i], factor);
	}
	return remainder;
}
