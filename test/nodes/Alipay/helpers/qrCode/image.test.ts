import fc from 'fast-check';
import { inflateSync } from 'node:zlib';
import { encodeQr, renderQrCode } from '../../../../../nodes/Alipay/helpers/qrCode';
import { zlibDeflate } from '../../../../../nodes/Alipay/helpers/qrCode/deflate';
import { decodeWithJsQR, readPng, type Bitmap } from './decode';

const LINK = 'https://qr.alipay.com/bax03431ljhokirwl38f00a7';

/** Dark modules of a bitmap, read at each module's centre pixel, inside the quiet zone. */
function modulesOf(bitmap: Bitmap, moduleSize: number, quietZone: number): Uint8Array {
	const size = bitmap.width / moduleSize - 2 * quietZone;
	const modules = new Uint8Array(size * size);
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; col++) {
			const x = (col + quietZone) * moduleSize + (moduleSize >> 1);
			const y = (row + quietZone) * moduleSize + (moduleSize >> 1);
			modules[row * size + col] = bitmap.rgba[(y * bitmap.width + x) * 4] < 128 ? 1 : 0;
		}
	}
	return modules;
}

/** Fills each `M x y h w v1 h-w z` run of the SVG's path into a white RGBA bitmap, one pixel a unit. */
function rasterizeSvg(svg: string): Bitmap {
	const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
	const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
	const path = /<path fill="#000" d="([^"]*)"\/>/.exec(svg)?.[1] ?? '';
	const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)];
	expect(runs.map((r) => r[0]).join('')).toBe(path);
	for (const [, x, y, width] of runs) {
		for (let i = 0; i < Number(width); i++) rgba.fill(0, ((Number(y) * side + Number(x) + i) * 4), (Number(y) * side + Number(x) + i) * 4 + 3);
	}
	return { rgba, width: side, height: side };
}

describe('QR images', () => {
	it('the PNG is the symbol: each module a square of moduleSize pixels inside a light quiet zone', () => {
		for (const [moduleSize, quietZone] of [[1, 4], [3, 0], [8, 4], [5, 10]]) {
			const bitmap = readPng(renderQrCode(LINK, { moduleSize, quietZone }).data);
			const symbol = encodeQr(Buffer.from(LINK));
			expect(bitmap.width).toBe((symbol.size + 2 * quietZone) * moduleSize);
			expect(bitmap.height).toBe(bitmap.width);
			expect(modulesOf(bitmap, moduleSize, quietZone)).toEqual(symbol.modules);
			const border = quietZone * moduleSize;
			for (let i = 0; i < border * bitmap.width; i++) expect(bitmap.rgba[i * 4]).toBe(255);
		}
	});

	it('default: PNG, error correction M, 8 pixels a module, a quiet zone of 4 modules', () => {
		const image = renderQrCode(LINK);
		expect(image).toMatchObject({ mimeType: 'image/png', fileExtension: 'png', version: 4 });
		expect(readPng(image.data).width).toBe((33 + 8) * 8);
		expect(encodeQr(Buffer.from(LINK)).errorCorrection).toBe('M');
	});

	it('the SVG draws exactly the symbol’s dark modules, and the drawing decodes', () => {
		fc.assert(
			fc.property(fc.webUrl(), fc.constantFrom('L', 'M', 'Q', 'H' as const), fc.integer({ min: 0, max: 6 }), (url, errorCorrection, quietZone) => {
				const image = renderQrCode(url, { format: 'svg', errorCorrection, quietZone, moduleSize: 3 });
				expect(image).toMatchObject({ mimeType: 'image/svg+xml', fileExtension: 'svg' });
				const svg = image.data.toString('utf8');
				const symbol = encodeQr(Buffer.from(url), { errorCorrection });
				const side = symbol.size + 2 * quietZone;
				expect(svg).toContain(`width="${side * 3}" height="${side * 3}" viewBox="0 0 ${side} ${side}"`);
				const bitmap = rasterizeSvg(svg);
				expect(modulesOf(bitmap, 1, quietZone)).toEqual(symbol.modules);
				if (quietZone >= 1) {
					// jsQR wants room around the finder patterns and a few pixels a module: scale the drawing up.
					const scale = 3;
					const big = new Uint8ClampedArray(side * scale * side * scale * 4);
					for (let y = 0; y < side * scale; y++) {
						for (let x = 0; x < side * scale; x++) {
							const from = (Math.floor(y / scale) * side + Math.floor(x / scale)) * 4;
							big.set(bitmap.rgba.subarray(from, from + 4), (y * side * scale + x) * 4);
						}
					}
					expect(decodeWithJsQR({ rgba: big, width: side * scale, height: side * scale })?.bytes.toString()).toBe(url);
				}
			}),
			{ numRuns: 40 },
		);
	});

	it('refuses sizes it cannot draw, naming the option', () => {
		expect(() => renderQrCode(LINK, { moduleSize: 0 })).toThrow('QR module size must be a whole number from 1 to 50, not 0');
		expect(() => renderQrCode(LINK, { quietZone: 2.5 })).toThrow('QR quiet zone must be a whole number from 0 to 20, not 2.5');
		expect(() => renderQrCode(LINK, { format: 'gif' as never })).toThrow('QR image format must be png or svg, not gif');
		expect(() => renderQrCode(LINK, { errorCorrection: 'X' as never })).toThrow('QR error correction must be L, M, Q or H, not X');
	});
});

describe('zlib stream of the PNG', () => {
	it('Node’s zlib inflates it back to the input, for random and for repetitive data', () => {
		const repetitive = fc
			.tuple(fc.uint8Array({ minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 2000 }))
			.map(([unit, times]) => Buffer.concat(Array.from({ length: times }, () => Buffer.from(unit))));
		fc.assert(
			fc.property(fc.oneof(fc.uint8Array({ maxLength: 5000 }), repetitive), (data) => {
				expect(inflateSync(zlibDeflate(data)).equals(Buffer.from(data))).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	it('repeated rows compress: a QR PNG is a small fraction of its raw pixels', () => {
		const image = renderQrCode(LINK);
		const side = (33 + 8) * 8;
		expect(image.data.length).toBeLessThan((side * (1 + side / 8)) / 10);
	});
});
