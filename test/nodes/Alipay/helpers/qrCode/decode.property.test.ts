import fc from 'fast-check';
import { byteCapacity, renderQrCode, type ErrorCorrectionLevel } from '../../../../../nodes/Alipay/helpers/qrCode';
import { decodeWithJsQR, decodeWithZXing, readPng } from './decode';

/**
 * The proof that the images scan: every PNG made here is read back by an independent PNG reader
 * and QR decoder, and must give exactly the bytes that went in.
 */
const LEVELS: ErrorCorrectionLevel[] = ['L', 'M', 'Q', 'H'];
// Small images keep decoding quick even at version 40 (177 modules a side): jsQR, which searches
// the image for the symbol, needs two pixels a module; ZXing, told the image is the bare symbol, one.
const MODULE_SIZE = 2;
const PURE_MODULE_SIZE = 1;

describe('QR codes decode to exactly what was encoded', () => {
	it('Alipay order-code values, at every level, read by both decoders', () => {
		const samples = [
			'https://qr.alipay.com/bax03431ljhokirwl38f00a7',
			'https://qr.alipay.com/bax08431ljhokirwl38f00a7?t=1700000000000',
			'281666040092',
			'http://127.0.0.1:8787/_sim/scan/202311151940108001001888B0200012345',
		];
		for (const text of samples) {
			for (const errorCorrection of LEVELS) {
				const bitmap = readPng(renderQrCode(text, { errorCorrection }).data);
				expect(decodeWithJsQR(bitmap)?.bytes.toString('utf8')).toBe(text);
				expect(decodeWithZXing(bitmap)?.bytes.toString('utf8')).toBe(text);
			}
		}
	});

	it('500 random texts up to 400 UTF-8 bytes (links, any script, emoji) at random levels', () => {
		const text = fc.oneof(
			fc.webUrl({ withQueryParameters: true, withFragments: true }),
			fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
			fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
			fc.integer({ min: 1, max: 400 }).chain((n) => fc.string({ unit: 'grapheme-ascii', minLength: n, maxLength: n })),
		);
		const versions = new Set<number>();
		fc.assert(
			fc.property(text, fc.constantFrom(...LEVELS), (content, errorCorrection) => {
				const image = renderQrCode(content, { errorCorrection, moduleSize: MODULE_SIZE });
				const decoded = decodeWithJsQR(readPng(image.data));
				expect(decoded?.bytes.toString('hex')).toBe(Buffer.from(content, 'utf8').toString('hex'));
				expect(decoded?.version).toBe(image.version);
				versions.add(image.version);
			}),
			{ numRuns: 500 },
		);
		// Over 271 bytes need version 10 or more at any level.
		expect(Math.max(...versions)).toBeGreaterThanOrEqual(10);
	});

	it('all 40 versions at all four levels, each filled to capacity with random bytes', () => {
		const cases = LEVELS.flatMap((errorCorrection) => Array.from({ length: 40 }, (_, i) => ({ errorCorrection, version: i + 1 })));
		const payload = fc.uint8Array({ minLength: 2953, maxLength: 2953 });
		fc.assert(
			fc.property(payload, (random) => {
				for (const { errorCorrection, version } of cases) {
					const bytes = Buffer.from(random.subarray(0, byteCapacity(version, errorCorrection)));
					const image = renderQrCode(bytes, { errorCorrection, moduleSize: PURE_MODULE_SIZE });
					const decoded = decodeWithZXing(readPng(image.data));
					expect({ errorCorrection, version: image.version, same: decoded?.bytes.equals(bytes) }).toEqual({
						errorCorrection,
						version,
						same: true,
					});
				}
			}),
			{ numRuns: 1 },
		);
	});

	it('every one of the eight masks decodes', () => {
		for (let mask = 0; mask < 8; mask++) {
			const text = `https://qr.alipay.com/bax0${mask}431ljhokirwl38f00a7`;
			expect(decodeWithJsQR(readPng(renderQrCode(text, { mask }).data))?.bytes.toString()).toBe(text);
		}
	});

	it('one byte more than a version holds moves to the next version', () => {
		for (const errorCorrection of LEVELS) {
			for (const version of [1, 9, 26, 39]) {
				const bytes = Buffer.alloc(byteCapacity(version, errorCorrection) + 1, 0x41);
				const image = renderQrCode(bytes, { errorCorrection, moduleSize: PURE_MODULE_SIZE });
				expect(image.version).toBe(version + 1);
				expect(decodeWithZXing(readPng(image.data))?.bytes.equals(bytes)).toBe(true);
			}
		}
	});

	it('more than version 40 holds is refused with the limit', () => {
		expect(() => renderQrCode(Buffer.alloc(2332), { errorCorrection: 'M' })).toThrow(
			'2332 bytes do not fit in a QR code at error correction M (at most 2331)',
		);
	});
});
