import { create } from 'qrcode';
import { alignmentCentres } from '../../../../../nodes/Alipay/helpers/qrCode/versions';
import { byteCapacity, encodeQr, type ErrorCorrectionLevel } from '../../../../../nodes/Alipay/helpers/qrCode';

const LEVELS: ErrorCorrectionLevel[] = ['L', 'M', 'Q', 'H'];

describe('QR symbols', () => {
	it('module for module the same as an independent encoder (qrcode) for every version, level and mask', () => {
		for (const errorCorrection of LEVELS) {
			for (let version = 1; version <= 40; version++) {
				const data = Buffer.from(Array.from({ length: byteCapacity(version, errorCorrection) }, (_, i) => (i * 131 + version) & 0xff));
				const mask = (version + LEVELS.indexOf(errorCorrection)) % 8;
				const ours = encodeQr(data, { errorCorrection, minVersion: version, mask });
				const theirs = create([{ data, mode: 'byte' }], { version, errorCorrectionLevel: errorCorrection, maskPattern: mask as 0 });
				expect({ version: ours.version, size: ours.size }).toEqual({ version, size: theirs.modules.size });
				expect(Buffer.from(ours.modules).equals(Buffer.from(theirs.modules.data))).toBe(true);
			}
		}
	});

	it('byte capacities at the corners of the standard’s table', () => {
		expect([1, 10, 40].map((v) => LEVELS.map((l) => byteCapacity(v, l)))).toEqual([
			[17, 14, 11, 7],
			[271, 213, 151, 119],
			[2953, 2331, 1663, 1273],
		]);
	});

	it('alignment pattern centres, including version 32’s uneven step', () => {
		expect(alignmentCentres(1)).toEqual([]);
		expect(alignmentCentres(7)).toEqual([6, 22, 38]);
		expect(alignmentCentres(23)).toEqual([6, 30, 54, 78, 102]);
		expect(alignmentCentres(32)).toEqual([6, 34, 60, 86, 112, 138]);
		expect(alignmentCentres(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
	});

	it('the smallest version that holds the bytes is chosen, or minVersion when larger', () => {
		expect(encodeQr(Buffer.alloc(14)).version).toBe(1);
		expect(encodeQr(Buffer.alloc(15)).version).toBe(2);
		expect(encodeQr(Buffer.alloc(15), { minVersion: 5 }).version).toBe(5);
	});
});
