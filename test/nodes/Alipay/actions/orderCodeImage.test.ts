import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';
import { loadPrivateKey } from '../../../../nodes/Alipay/core';
import { signResponse } from '../../../../simulator/signing';
import { ORDER_CODE_SHAPES, type OrderCodeShape } from '../../../../simulator/config';
import { TEST_KEYS } from '../../../helpers/keys';
import { startTestSimulator, type TestSimulator } from '../../../helpers/simulator';
import { decodeWithJsQR, readPng } from '../helpers/qrCode/decode';
import { gatewayRequests, ORDER_CODE_PARAMETERS, runAlipay, simulatorCredentials, simulatorPayments } from './fixtures';

/** Create Order Code draws the QR code itself from the code Alipay answers, whatever shape the answer has. */
const simulators = new Map<OrderCodeShape, TestSimulator>();
beforeAll(async () => {
	for (const shape of ORDER_CODE_SHAPES) simulators.set(shape, await startTestSimulator({ orderCodeShape: shape }));
});
afterAll(async () => {
	for (const sim of simulators.values()) await sim.close();
});

async function createOrderCode(shape: OrderCodeShape, extra: INodeParameters = {}) {
	const sim = simulators.get(shape)!;
	const run = await runAlipay({ sim, parameters: { ...ORDER_CODE_PARAMETERS, ...extra } });
	expect(run.error).toBeUndefined();
	const [payment] = await simulatorPayments(sim);
	const [answer] = await gatewayRequests(sim);
	return { item: run.items[0], payment, answer: JSON.parse(String(answer.responseBody)), link: `${sim.baseUrl}/_sim/scan/${payment.paymentId}` };
}

describe('Create Order Code → QR Code Image', () => {
	it.each(ORDER_CODE_SHAPES)('answer shape %s: with no option set, a PNG in binary field qrCode scans to the code', async (shape) => {
		const { item, payment, answer, link } = await createOrderCode(shape);
		const displayTypes = answer.orderCodeForm.codeDetails.map((d: { displayType: string }) => d.displayType);
		expect(displayTypes).toEqual({ link: ['SMALLIMAGE'], text: ['TEXT'], textAndImages: ['TEXT', 'SMALLIMAGE', 'MIDDLEIMAGE', 'BIGIMAGE'] }[shape]);
		expect(item.json.codeValue).toBe(link);
		const binary = item.binary?.qrCode;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `alipay-order-code-${payment.paymentId}.png`, fileExtension: 'png' });
		const decoded = decodeWithJsQR(readPng(Buffer.from(binary!.data, 'base64')));
		expect(decoded?.bytes.toString('utf8')).toBe(link);
	});

	it('SVG, in a field the user names', async () => {
		const { item, payment, link } = await createOrderCode('link', { options: { qrCodeImage: 'svg', qrCodeBinaryProperty: 'orderQr' } });
		expect(item.binary?.qrCode).toBeUndefined();
		const binary = item.binary?.orderQr;
		expect(binary).toMatchObject({ mimeType: 'image/svg+xml', fileName: `alipay-order-code-${payment.paymentId}.svg` });
		const svg = Buffer.from(binary!.data, 'base64').toString('utf8');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox=/);
		expect(item.json.codeValue).toBe(link);
	});

	it('QR Error Correction and QR Pixels per Module shape the image, which still scans to the code', async () => {
		const plain = await createOrderCode('link');
		const dense = await createOrderCode('link', { options: { qrErrorCorrection: 'H', qrModuleSize: 3 } });
		const plainImage = readPng(Buffer.from(plain.item.binary!.qrCode.data, 'base64'));
		const denseImage = readPng(Buffer.from(dense.item.binary!.qrCode.data, 'base64'));
		// Default: 8 pixels a module. H needs a larger version than M for the same link.
		expect(plainImage.width % 8).toBe(0);
		expect(denseImage.width % 3).toBe(0);
		expect(denseImage.width / 3).toBeGreaterThan(plainImage.width / 8);
		expect(decodeWithJsQR(denseImage)?.bytes.toString('utf8')).toBe(dense.link);
	});

	it('QR White Border sets the border in squares around the code, which still scans', async () => {
		const image = async (options: INodeParameters) => {
			const made = await createOrderCode('link', { options: { qrModuleSize: 4, ...options } });
			return { png: readPng(Buffer.from(made.item.binary!.qrCode.data, 'base64')), link: made.link };
		};
		const standard = await image({});
		const none = await image({ qrQuietZone: 0 });
		const wide = await image({ qrQuietZone: 6 });
		// 4 squares of 4 pixels on each side by default.
		expect(standard.png.width - none.png.width).toBe(2 * 4 * 4);
		expect(wide.png.width - standard.png.width).toBe(2 * 2 * 4);
		expect(decodeWithJsQR(wide.png)?.bytes.toString('utf8')).toBe(wide.link);
	});

	it('a QR option the encoder cannot honour fails before anything is sent', async () => {
		const sim = simulators.get('link')!;
		await sim.control('DELETE', '/_sim/data');
		for (const [options, message] of [
			[{ qrModuleSize: 2.5 }, 'QR Pixels per Module must be a whole number from 1 to 50 (got 2.5)'],
			[{ qrErrorCorrection: 'X' }, 'QR Error Correction must be L, M, Q or H (got "X")'],
			[{ qrQuietZone: -1 }, 'QR White Border must be a whole number from 0 to 20 (got -1)'],
			[{ qrCodeImage: 'gif' }, 'QR Code Image must be None, PNG or SVG (got "gif")'],
		] as const) {
			const run = await runAlipay({ sim, parameters: { ...ORDER_CODE_PARAMETERS, options } });
			expect(run.error?.message).toBe(message);
		}
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it('None: no binary data, only the code', async () => {
		const { item, link } = await createOrderCode('link', { options: { qrCodeImage: 'none' } });
		expect(item.binary).toBeUndefined();
		expect(item.json.codeValue).toBe(link);
	});

	it('Raw output stays the answer as received; the image is beside it, drawn from its code', async () => {
		const { item, answer, link } = await createOrderCode('textAndImages', { output: 'raw' });
		expect(item.json).toEqual(answer);
		expect(decodeWithJsQR(readPng(Buffer.from(item.binary!.qrCode.data, 'base64')))?.bytes.toString('utf8')).toBe(link);
	});

	it('an answer with no code to draw, only image file links, fails naming the payment it created', async () => {
		const sim = simulators.get('textAndImages')!;
		// In front of the simulator: drops the TEXT entry from the pay answer and signs it again with Alipay's key.
		const alipayKey = loadPrivateKey(TEST_KEYS.alipayPrivate);
		const proxy = createServer((req, res) => {
			const upstream = new URL(sim.baseUrl);
			const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					body.orderCodeForm.codeDetails = body.orderCodeForm.codeDetails.filter((d: { displayType: string }) => d.displayType !== 'TEXT');
					const text = JSON.stringify(body);
					const time = String(answer.headers['response-time']);
					res.writeHead(200, signResponse({ path: String(req.url), clientId: String(answer.headers['client-id']), body: text, privateKey: alipayKey, time }));
					res.end(text);
				});
			});
			req.pipe(out);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
			const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, credentials: simulatorCredentials(sim, { customBaseUrl: baseUrl }) });
			const [payment] = await simulatorPayments(sim);
			expect(run.error?.message).toBe(`Alipay sent no code to draw as a QR code for payment ${payment.paymentId}`);
			expect(run.error?.description).toContain('/small.png');
		} finally {
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		}
	});
});
