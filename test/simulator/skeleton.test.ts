import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, payBody } from './wire';

describe('simulator basics', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator();
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	it('reports its base URL, client IDs and Alipay public key on /_sim/info', async () => {
		const info = await sim.control('GET', '/_sim/info');
		expect(info.baseUrl).toBe(sim.baseUrl);
		expect(info.clientIds).toEqual([TEST_CLIENT_ID]);
		expect(info.alipayPublicKey).toBe(TEST_KEYS.alipayPublic);
	});

	it('answers a signed pay with a signed SUCCESS and an order code, then reports it PROCESSING', async () => {
		const body = payBody();
		const paid = await merchant.call('/v1/payments/pay', body);
		expect(paid.json.result).toMatchObject({ resultCode: 'SUCCESS', resultStatus: 'S' });
		expect(paid.verified).toBe(true);
		const inquiry = await merchant.call('/v1/payments/inquiryPayment', { paymentRequestId: body.paymentRequestId });
		expect(inquiry.verified).toBe(true);
		expect(inquiry.json).toMatchObject({ paymentStatus: 'PROCESSING', paymentId: paid.json.paymentId });
	});
});
