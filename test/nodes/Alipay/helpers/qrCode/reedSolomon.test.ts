import { errorCorrectionCodewords } from '../../../../../nodes/Alipay/helpers/qrCode/reedSolomon';

describe('Reed-Solomon error correction codewords', () => {
	it('the standard’s worked example: "01234567" as 1-M gives its ten codewords', () => {
		const data = Uint8Array.from([0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11]);
		expect(Buffer.from(errorCorrectionCodewords(data, 10)).toString('hex')).toBe('a524d4c1ed36c7872c55');
	});

	it('data followed by its codewords is a multiple of the generator: encoding it again leaves no remainder', () => {
		const data = Uint8Array.from({ length: 40 }, (_, i) => (i * 73 + 11) & 0xff);
		for (const degree of [7, 10, 18, 30]) {
			const whole = Uint8Array.from([...data, ...errorCorrectionCodewords(data, degree)]);
			expect([...errorCorrectionCodewords(whole, degree)]).toEqual(new Array(degree).fill(0));
		}
	});
});
