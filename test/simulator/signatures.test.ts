import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { fixtureMerchants, startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { NotifyReceiver, WireMerchant, expectResult, jsVerify, opensslSign, payBody, registrationBody, signatureOf, uniqueId } from './wire';

/** A second client ID with the same key: only the signed client ID tells them apart. */
const SAME_KEY_CLIENT_ID = 'SANDBOX_5YSAMEKEY0000001';

describe('signatures on requests, responses and notifications', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;
	let receiver: NotifyReceiver;

	beforeAll(async () => {
		sim = await startTestSimulator({
			registrationReviewSeconds: 60,
			merchants: fixtureMerchants(SAME_KEY_CLIENT_ID),
		});
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
		receiver = await new NotifyReceiver(merchant.alipayPublicPem).start();
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});

	it('publishes on /_sim/info the public half of the key it signs with', async () => {
		const info = await sim.control('GET', '/_sim/info');
		expect(info.alipayPublicKey).toBe(TEST_KEYS.alipayPublic);
	});

	it('signs every business answer of all eight APIs so that it verifies with the published key', async () => {
		const body = payBody({}, `${receiver.url}/n`);
		const paid = await merchant.call('/v1/payments/pay', body);
		const paymentId = paid.json.paymentId;
		await sim.control('POST', `/_sim/payments/${paymentId}/pay`);
		const refundRequestId = uniqueId('RF');
		const registration = registrationBody({ registrationNotifyURL: `${receiver.url}/r` });
		const merchantId = (registration.merchantInfo as { referenceMerchantId: string }).referenceMerchantId;
		const answers = [
			paid,
			await merchant.call('/v1/payments/inquiryPayment', { paymentId }),
			await merchant.call('/v1/payments/refund', { refundRequestId, paymentId, refundAmount: { currency: 'SGD', value: '100' } }),
			await merchant.call('/v1/payments/inquiryRefund', { refundRequestId }),
			await merchant.call('/v1/payments/cancel', { paymentId }),
			await merchant.call('/v1/merchants/registration', registration),
			await merchant.call('/v1/merchants/inquiryRegistrationStatus', { referenceMerchantId: merchantId }),
			await merchant.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: merchantId }),
			await merchant.call('/v1/payments/inquiryPayment', { paymentId: 'no-such-payment' }),
		];
		for (const answer of answers) {
			expect(answer.signed).toBe(true);
			expect(answer.verified).toBe(true);
			expect(answer.headers['client-id']).toBe(TEST_CLIENT_ID);
			expect(answer.headers['response-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
			expect(answer.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
		}
		// ORDER_NOT_EXIST is a business answer too: signed.
		expect(answers[8].json.result.resultCode).toBe('ORDER_NOT_EXIST');
	});

	it('signs payment and registration notifications over the notify URL path so that they verify', async () => {
		const start = receiver.received.length;
		const paid = await merchant.call('/v1/payments/pay', payBody({}, `${receiver.url}/notify/payment?store=7&x=%2F`));
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		const registration = registrationBody({ registrationNotifyURL: `${receiver.url}/notify/registration` });
		await merchant.call('/v1/merchants/registration', registration);
		sim.advanceClock(61_000);
		// The earlier test's registration is approved by the same clock jump: three notifications.
		await receiver.waitFor(start + 3);
		const fresh = receiver.received.slice(start).filter((n) => n.path.startsWith('/notify/'));
		expect(fresh.map((n) => n.path).sort()).toEqual(['/notify/payment?store=7&x=%2F', '/notify/registration']);
		for (const n of fresh) {
			expect(n.verified).toBe(true);
			expect(n.headers['client-id']).toBe(TEST_CLIENT_ID);
			expect(n.headers['content-type']).toBe('application/json; charset=UTF-8');
		}
		const registrationNotice = fresh.find((n) => n.path === '/notify/registration')!;
		expect(registrationNotice.json).toMatchObject({
			registrationRequestId: registration.registrationRequestId,
			registrationResult: { registrationStatus: 'COMPLETED' },
			pspRegistrationResultList: [{ pspName: 'AlipayCN', registrationResult: { registrationStatus: 'APPROVED' } }],
		});
		expect(registrationNotice.json.notifyType).toBeUndefined();
	});

	it('never verifies a notification with a key other than the published one', () => {
		const [n] = receiver.received;
		const content = `POST ${n.path}\n${String(n.headers['client-id'])}.${String(n.headers['request-time'])}.${n.body}`;
		const merchantPublicPem = `-----BEGIN PUBLIC KEY-----\n${TEST_KEYS.merchantPublic.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
		expect(jsVerify(content, signatureOf(n.headers.signature as string)!, merchantPublicPem)).toBe(false);
		expect(jsVerify(content, signatureOf(n.headers.signature as string)!, merchant.alipayPublicPem)).toBe(true);
	});

	it('accepts a request signed with jsrsasign', async () => {
		expectResult(await merchant.call('/v1/payments/pay', payBody(), { signWithJsrsasign: true }), 'S', 'SUCCESS');
	});

	it.each([
		['the body was changed after signing', { sendBody: JSON.stringify(payBody()) }],
		['the path was changed after signing', { sendPath: '/ams/api/v1/payments/pay' }],
		['the Request-Time differs from the signed one', { time: '1714536000000', signatureHeader: undefined as string | undefined, retime: true }],
		['the client ID differs from the signed one', { reclient: true }],
	])('rejects a request when %s', async (_, change: Record<string, unknown>) => {
		const body = payBody();
		const text = JSON.stringify(body);
		let options: Record<string, unknown> = change;
		if (change.retime || change.reclient) {
			// Sign for one header value, send another.
			const time = String(Date.now());
			const signature = opensslSign(`POST /ams/sandbox/api/v1/payments/pay\n${TEST_CLIENT_ID}.${time}.${text}`);
			options = {
				time: change.retime ? String(Number(time) + 1) : time,
				clientId: change.reclient ? SAME_KEY_CLIENT_ID : TEST_CLIENT_ID,
				signatureHeader: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
			};
		}
		const answer = await merchant.call('/v1/payments/pay', text, options);
		expectResult(answer, 'F', 'INVALID_SIGNATURE');
		const payments = await sim.control('GET', '/_sim/payments');
		expect(payments.payments.some((p: { paymentRequestId: string }) => p.paymentRequestId === body.paymentRequestId)).toBe(false);
	});

	it('rejects a signature made with the right key over a flipped byte', async () => {
		const body = JSON.stringify(payBody());
		const time = String(Date.now());
		const signature = Buffer.from(opensslSign(`POST /ams/sandbox/api/v1/payments/pay\n${TEST_CLIENT_ID}.${time}.${body}`), 'base64');
		signature[10] ^= 1;
		const header = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature.toString('base64'))}`;
		expectResult(await merchant.call('/v1/payments/pay', body, { time, signatureHeader: header }), 'F', 'INVALID_SIGNATURE');
	});

	it('accepts the header spellings real SDKs send: spaces, lower-case escapes, raw base64, ISO Request-Time', async () => {
		const variants: Array<(sig: string) => string> = [
			(sig) => `algorithm=RSA256, keyVersion=1, signature=${encodeURIComponent(sig)}`,
			(sig) => `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
			(sig) => `algorithm=RSA256,keyVersion=1,signature=${sig}`,
			(sig) => `algorithm=RSA256,signature=${encodeURIComponent(sig)}`,
		];
		for (const [i, variant] of variants.entries()) {
			const body = JSON.stringify(payBody());
			const time = i === 0 ? '2026-11-29T12:00:00+08:00' : i === 1 ? '2026-11-29T04:00:00.1234567Z' : String(Date.now());
			const signature = opensslSign(`POST /ams/sandbox/api/v1/payments/pay\n${TEST_CLIENT_ID}.${time}.${body}`);
			expectResult(await merchant.call('/v1/payments/pay', body, { time, signatureHeader: variant(signature) }), 'S', 'SUCCESS');
		}
	});

	it('refuses a Request-Time outside the allowed age when an age limit is configured', async () => {
		const strictSim = await startTestSimulator({ maxRequestAgeSeconds: 300 });
		try {
			const strictMerchant = new WireMerchant(strictSim.baseUrl, strictSim.alipayPublicKey);
			const stale = await strictMerchant.call('/v1/payments/pay', payBody(), { time: String(Date.now() - 3_600_000) });
			expectResult(stale, 'F', 'PARAM_ILLEGAL');
			expectResult(await strictMerchant.call('/v1/payments/pay', payBody()), 'S', 'SUCCESS');
		} finally {
			await strictSim.close();
		}
	});

	it('shows the exact content it verified and signed in the request log', async () => {
		const body = JSON.stringify(payBody());
		const time = String(Date.now());
		const answer = await merchant.call('/v1/payments/pay', body, { time });
		const { requests } = await sim.control('GET', '/_sim/requests');
		const entry = requests.find((r: { requestBody: string }) => r.requestBody === body);
		expect(entry.verifiedContent).toBe(`POST /ams/sandbox/api/v1/payments/pay\n${TEST_CLIENT_ID}.${time}.${body}`);
		expect(entry.signedContent).toBe(`POST /ams/sandbox/api/v1/payments/pay\n${TEST_CLIENT_ID}.${answer.headers['response-time']}.${answer.text}`);
	});
});
