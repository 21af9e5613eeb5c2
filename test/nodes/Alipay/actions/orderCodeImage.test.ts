import type { INodeParameters } from 'n8n-workflow';
import { ORDER_CODE_SHAPES, type OrderCodeShape } from '../../../../simulator/config';
import { startTestSimulator, type TestSimulator } from '../../../helpers/simulator';
import { decodeWithJsQR, readPng } from '../helpers/qrCode/decode';
import { gatewayRequests, ORDER_CODE_PARAMETERS, runAlipay, simulatorPayments } from './fixtures';

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
	test.each(ORDER_CODE_SHAPES)('answer shape %s: with no option set, a PNG in binary field qrCode scans to the code', async (shape) => {
		const { item, payment, answer, link } = await createOrderCode(shape);
		const displayTypes = answer.orderCodeForm.codeDetails.map((d: { displayType: string }) => d.displayType);
		expect(displayTypes).toEqual({ link: ['SMALLIMAGE'], text: ['TEXT'], textAndImages: ['TEXT', 'SMALLIMAGE', 'MIDDLEIMAGE', 'BIGIMAGE'] }[shape]);
		expect(item.json.codeValue).toBe(link);
		const binary = item.binary?.qrCode;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `alipay-order-code-${payment.paymentId}.png`, fileExtension: 'png' });
		const decoded = decodeWithJsQR(readPng(Buffer.from(binary!.data, 'base64')));
		expect(decoded?.bytes.toString('utf8')).toBe(link);
	});

	test('SVG, in a field the user names', async () => {
		const { item, payment, link } = await createOrderCode('link', { options: { qrCodeImage: 'svg', qrCodeBinaryProperty: 'orderQr' } });
		expect(item.binary?.qrCode).toBeUndefined();
		const binary = item.binary?.orderQr;
		expect(binary).toMatchObject({ mimeType: 'image/svg+xml', fileName: `alipay-order-code-${payment.paymentId}.svg` });
		const svg = Buffer.from(binary!.data, 'base64').toString('utf8');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox=/);
		expect(item.json.codeValue).toBe(link);
	});

	test('None: no binary data, only the code', async () => {
		const { item, link } = await createOrderCode('link', { options: { qrCodeImage: 'none' } });
		expect(item.binary).toBeUndefined();
		expect(item.json.codeValue).toBe(link);
	});

	test('Raw output stays the answer as received; the image is beside it, drawn from its code', async () => {
		const { item, answer, link } = await createOrderCode('textAndImages', { output: 'raw' });
		expect(item.json).toEqual(answer);
		expect(decodeWithJsQR(readPng(Buffer.from(item.binary!.qrCode.data, 'base64')))?.bytes.toString('utf8')).toBe(link);
	});
});
