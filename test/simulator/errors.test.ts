import { TEST_CLIENT_ID } from '../helpers/keys';
import { fixtureMerchants, startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, expectResult, jsVerify, payBody, registrationBody, signatureOf, uniqueId } from './wire';

const DAY = 86_400;

const OTHER_CLIENT_ID = 'SANDBOX_5YOTHER000000001';

describe('gateway-level result codes', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator({
			merchants: fixtureMerchants(OTHER_CLIENT_ID),
		});
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	// Alipay's SDKs raise on any answer without a signature header, so the gateway signs its refusals
	// of requests it could not authenticate as well: expectResult checks each one verifies.
	it('answers a non-POST method with METHOD_NOT_SUPPORTED, signed', async () => {
		expectResult(await merchant.call('/v1/payments/pay', payBody(), { method: 'GET' }), 'F', 'METHOD_NOT_SUPPORTED');
	});

	it('answers an unknown API path with NO_INTERFACE_DEF, signed', async () => {
		expectResult(await merchant.call('/v1/payments/payLater', payBody()), 'F', 'NO_INTERFACE_DEF');
		expectResult(await merchant.call('/ams/api/v2/payments/pay', payBody()), 'F', 'NO_INTERFACE_DEF');
	});

	it('answers a non-JSON content type with MEDIA_TYPE_NOT_ACCEPTABLE, signed', async () => {
		const answer = await merchant.call('/v1/payments/pay', payBody(), { contentType: 'application/x-www-form-urlencoded' });
		expectResult(answer, 'F', 'MEDIA_TYPE_NOT_ACCEPTABLE');
	});

	it('answers an unknown client ID with CLIENT_INVALID on payment APIs and INVALID_CLIENT on registration APIs, signed for that client ID', async () => {
		const clientId = 'SANDBOX_5YNOBODY00000001';
		for (const api of ['/v1/payments/pay', '/v1/payments/inquiryPayment', '/v1/payments/cancel', '/v1/payments/refund', '/v1/payments/inquiryRefund']) {
			const answer = await merchant.call(api, { paymentId: '1' }, { clientId });
			expectResult(answer, 'F', 'CLIENT_INVALID');
			expect(answer.headers['client-id']).toBe(clientId);
		}
		for (const api of ['/v1/merchants/registration', '/v1/merchants/inquiryRegistrationStatus', '/v1/merchants/inquiryRegistrationInfo']) {
			expectResult(await merchant.call(api, { referenceMerchantId: 'SM_1' }, { clientId }), 'F', 'INVALID_CLIENT');
		}
	});

	it('answers a key version the merchant never uploaded with KEY_NOT_FOUND, signed', async () => {
		expectResult(await merchant.call('/v1/payments/pay', payBody(), { keyVersion: '2' }), 'F', 'KEY_NOT_FOUND');
	});

	it('answers a missing or wrong signature with INVALID_SIGNATURE, signed', async () => {
		expectResult(await merchant.call('/v1/payments/pay', payBody(), { signatureHeader: null }), 'F', 'INVALID_SIGNATURE');
		const wrongKey = await merchant.call('/v1/payments/pay', payBody(), { privatePemFile: `${__dirname}/../fixtures/alipay-private.pem` });
		expectResult(wrongKey, 'F', 'INVALID_SIGNATURE');
	});

	it('answers PARAM_ILLEGAL, signed, when the Request-Time header is missing', async () => {
		const path = '/ams/sandbox/api/v1/payments/pay';
		const res = await fetch(`${sim.baseUrl}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'client-id': TEST_CLIENT_ID, signature: 'algorithm=RSA256,keyVersion=1,signature=AAAA' },
			body: '{}',
		});
		const answer = merchant.describe(path, res.status, Object.fromEntries(res.headers.entries()), await res.text());
		expectResult(answer, 'F', 'PARAM_ILLEGAL');
		expect(answer.json.result.resultMessage).toMatch(/Request-Time/);
	});

	it('signs the answer to a request without a Client-Id over an empty client ID, and echoes none', async () => {
		const path = '/ams/sandbox/api/v1/payments/pay';
		const res = await fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const text = await res.text();
		expect(JSON.parse(text).result).toMatchObject({ resultStatus: 'F', resultCode: 'PARAM_ILLEGAL' });
		expect(res.headers.get('client-id')).toBeNull();
		const signature = signatureOf(res.headers.get('signature') ?? undefined)!;
		expect(jsVerify(`POST ${path}\n.${res.headers.get('response-time')}.${text}`, signature, merchant.alipayPublicPem)).toBe(true);
	});

	it('names the missing field in a signed PARAM_ILLEGAL', async () => {
		const body = payBody();
		delete (body.order as any).merchant.store.storeMCC;
		const answer = await merchant.call('/v1/payments/pay', body);
		expectResult(answer, 'F', 'PARAM_ILLEGAL');
		expect(answer.json.result.resultMessage).toBe('order.merchant.store.storeMCC is required');
	});

	it('refuses an amount in major units with a message about minor units', async () => {
		const answer = await merchant.call('/v1/payments/pay', payBody({ paymentAmount: { currency: 'SGD', value: '14.50' } }));
		expectResult(answer, 'F', 'PARAM_ILLEGAL');
		expect(answer.json.result.resultMessage).toMatch(/^paymentAmount\.value must be a positive integer string in SGD minor units/);
	});

	it('refuses a body that is not JSON and a paymentExpiryTime in the past', async () => {
		expectResult(await merchant.call('/v1/payments/pay', '{"productCode":'), 'F', 'PARAM_ILLEGAL');
		const past = await merchant.call('/v1/payments/pay', payBody({ paymentExpiryTime: '2020-01-01T00:00:00+08:00' }));
		expectResult(past, 'F', 'PARAM_ILLEGAL');
		expect(past.json.result.resultMessage).toMatch(/paymentExpiryTime/);
	});

	it('reads a number-typed request ID as text when lenient', async () => {
		const answer = await merchant.call('/v1/payments/pay', payBody({ paymentRequestId: Date.now() }));
		expectResult(answer, 'S', 'SUCCESS');
		expect(typeof answer.json.paymentRequestId).toBe('string');
	});

	it('answers ORDER_NOT_EXIST for unknown payments and refunds, and for another client’s payment', async () => {
		expectResult(await merchant.call('/v1/payments/inquiryPayment', { paymentRequestId: 'nope' }), 'F', 'ORDER_NOT_EXIST');
		expectResult(await merchant.call('/v1/payments/cancel', { paymentId: 'nope' }), 'F', 'ORDER_NOT_EXIST');
		const refund = { refundRequestId: uniqueId('RF'), paymentId: 'nope', refundAmount: { currency: 'SGD', value: '1' } };
		expectResult(await merchant.call('/v1/payments/refund', refund), 'F', 'ORDER_NOT_EXIST');
		expectResult(await merchant.call('/v1/payments/inquiryRefund', { refundId: 'nope' }), 'F', 'ORDER_NOT_EXIST');
		const mine = await merchant.call('/v1/payments/pay', payBody());
		expectResult(mine, 'S', 'SUCCESS');
		const ref = { paymentId: mine.json.paymentId };
		expectResult(await merchant.call('/v1/payments/inquiryPayment', ref, { clientId: OTHER_CLIENT_ID }), 'F', 'ORDER_NOT_EXIST');
		expectResult(await merchant.call('/v1/payments/cancel', ref, { clientId: OTHER_CLIENT_ID }), 'F', 'ORDER_NOT_EXIST');
	});
});

describe('payment state result codes', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator({ cancelWindowSeconds: DAY, refundWindowSeconds: 30 * DAY });
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	async function paidPayment(): Promise<string> {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		return paid.json.paymentId;
	}
	const refund = (paymentId: string, value: string, refundRequestId = uniqueId('RF')) =>
		merchant.call('/v1/payments/refund', { refundRequestId, paymentId, refundAmount: { currency: 'SGD', value } });

	it('answers ORDER_IS_CANCELED for the request ID of a cancelled payment, and for its refund', async () => {
		const body = payBody();
		const paid = await merchant.call('/v1/payments/pay', body);
		await merchant.call('/v1/payments/cancel', { paymentId: paid.json.paymentId });
		expectResult(await merchant.call('/v1/payments/pay', body), 'F', 'ORDER_IS_CANCELED');
		expectResult(await refund(paid.json.paymentId, '100'), 'F', 'ORDER_IS_CANCELED');
	});

	it('answers ORDER_IS_CLOSED for the request ID of an expired payment', async () => {
		const body = payBody();
		const paid = await merchant.call('/v1/payments/pay', body);
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/expire`);
		expectResult(await merchant.call('/v1/payments/pay', body), 'F', 'ORDER_IS_CLOSED');
	});

	it('answers ORDER_STATUS_INVALID for a refund of an unpaid payment and a cancel after a partial refund', async () => {
		const open = await merchant.call('/v1/payments/pay', payBody());
		expectResult(await refund(open.json.paymentId, '100'), 'F', 'ORDER_STATUS_INVALID');
		const paymentId = await paidPayment();
		expectResult(await refund(paymentId, '100'), 'S', 'SUCCESS');
		expectResult(await merchant.call('/v1/payments/cancel', { paymentId }), 'F', 'ORDER_STATUS_INVALID');
	});

	it('answers REFUND_AMOUNT_EXCEED once refunds would pass the amount paid, and allows up to it exactly', async () => {
		const paymentId = await paidPayment();
		expectResult(await refund(paymentId, '1000'), 'S', 'SUCCESS');
		expectResult(await refund(paymentId, '451'), 'F', 'REFUND_AMOUNT_EXCEED');
		expectResult(await refund(paymentId, '450'), 'S', 'SUCCESS');
		expectResult(await refund(paymentId, '1'), 'F', 'REFUND_AMOUNT_EXCEED');
	});

	it('answers PARAM_ILLEGAL for a refund in another currency', async () => {
		const paymentId = await paidPayment();
		const answer = await merchant.call('/v1/payments/refund', {
			refundRequestId: uniqueId('RF'),
			paymentId,
			refundAmount: { currency: 'USD', value: '100' },
		});
		expectResult(answer, 'F', 'PARAM_ILLEGAL');
		expect(answer.json.result.resultMessage).toMatch(/refundAmount\.currency must be SGD/);
	});

	it('answers CANCEL_WINDOW_EXCEED and REFUND_WINDOW_EXCEED once the clock passes each window', async () => {
		const paymentId = await paidPayment();
		sim.advanceClock((DAY + 1) * 1000);
		expectResult(await merchant.call('/v1/payments/cancel', { paymentId }), 'F', 'CANCEL_WINDOW_EXCEED');
		expectResult(await refund(paymentId, '100'), 'S', 'SUCCESS');
		sim.advanceClock(30 * DAY * 1000);
		expectResult(await refund(paymentId, '100'), 'F', 'REFUND_WINDOW_EXCEED');
	});
});

describe('contract switches', () => {
	it('answers MULTIPLE_REFUNDS_NOT_SUPPORTED for a second refund when multiple refunds are off', async () => {
		const sim = await startTestSimulator({ multipleRefunds: false });
		try {
			const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
			const paid = await merchant.call('/v1/payments/pay', payBody());
			await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
			const refund = () =>
				merchant.call('/v1/payments/refund', { refundRequestId: uniqueId('RF'), paymentId: paid.json.paymentId, refundAmount: { currency: 'SGD', value: '100' } });
			expectResult(await refund(), 'S', 'SUCCESS');
			expectResult(await refund(), 'F', 'MULTIPLE_REFUNDS_NOT_SUPPORTED');
		} finally {
			await sim.close();
		}
	});

	it('spells the signature failure SIGNATURE_INVALID when configured to', async () => {
		const sim = await startTestSimulator({ signatureErrorCode: 'SIGNATURE_INVALID' });
		try {
			const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
			const answer = await merchant.call('/v1/payments/pay', payBody(), { sendBody: JSON.stringify(payBody()) });
			expectResult(answer, 'F', 'SIGNATURE_INVALID');
		} finally {
			await sim.close();
		}
	});

	it('refuses number-typed scalars and unknown fields with PARAM_ILLEGAL in strict mode', async () => {
		const sim = await startTestSimulator({ strict: true });
		try {
			const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
			const numeric = await merchant.call('/v1/payments/pay', payBody({ paymentRequestId: 12345 }));
			expectResult(numeric, 'F', 'PARAM_ILLEGAL');
			expect(numeric.json.result.resultMessage).toBe('paymentRequestId must be a string, got a number');
			const unknown = await merchant.call('/v1/payments/pay', payBody({ env: {} }));
			expect(unknown.json.result.resultMessage).toBe('env is not a field of this API');
		} finally {
			await sim.close();
		}
	});
});

describe('registration result codes', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator({ requireRegistration: true, registrationWallets: ['AlipayCN', 'KAKAOPAY'] });
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	it('answers MERCHANT_NOT_REGISTERED until a wallet approved the merchant, then creates the payment', async () => {
		const merchantId = uniqueId('SM');
		const pay = () =>
			merchant.call(
				'/v1/payments/pay',
				payBody({
					order: { ...(payBody().order as object), merchant: { ...((payBody().order as any).merchant as object), referenceMerchantId: merchantId } },
				}),
			);
		expectResult(await pay(), 'F', 'MERCHANT_NOT_REGISTERED');
		const registration = registrationBody({}, merchantId);
		expectResult(await merchant.call('/v1/merchants/registration', registration), 'S', 'SUCCESS');
		expectResult(await pay(), 'F', 'MERCHANT_NOT_REGISTERED');
		await sim.control('POST', `/_sim/registrations/${registration.registrationRequestId}/approve`, {
			results: [
				{ pspName: 'AlipayCN', status: 'APPROVED' },
				{ pspName: 'KAKAOPAY', status: 'REJECTED', rejectReasons: 'MCC not supported' },
			],
		});
		expectResult(await pay(), 'S', 'SUCCESS');
	});

	it('answers REGISTRATION_UNDER_REVIEW while one is pending and REPEAT_REGISTRATION after approval', async () => {
		const merchantId = uniqueId('SM');
		const first = registrationBody({}, merchantId);
		expectResult(await merchant.call('/v1/merchants/registration', first), 'S', 'SUCCESS');
		expectResult(await merchant.call('/v1/merchants/registration', registrationBody({}, merchantId)), 'F', 'REGISTRATION_UNDER_REVIEW');
		await sim.control('POST', `/_sim/registrations/${first.registrationRequestId}/approve`);
		expectResult(await merchant.call('/v1/merchants/registration', registrationBody({}, merchantId)), 'F', 'REPEAT_REGISTRATION');
	});

	it('allows registering again after every wallet rejected the merchant', async () => {
		const merchantId = uniqueId('SM');
		const first = registrationBody({}, merchantId);
		await merchant.call('/v1/merchants/registration', first);
		await sim.control('POST', `/_sim/registrations/${first.registrationRequestId}/reject`, { rejectReasons: 'blurry licence' });
		expectResult(await merchant.call('/v1/merchants/registration', registrationBody({}, merchantId)), 'S', 'SUCCESS');
	});

	it('answers RECORD_NOT_FOUND from both inquiries for a merchant never registered', async () => {
		expectResult(await merchant.call('/v1/merchants/inquiryRegistrationStatus', { referenceMerchantId: 'SM_NOPE' }), 'F', 'RECORD_NOT_FOUND');
		expectResult(await merchant.call('/v1/merchants/inquiryRegistrationStatus', { registrationRequestId: 'REG_NOPE' }), 'F', 'RECORD_NOT_FOUND');
		expectResult(await merchant.call('/v1/merchants/inquiryRegistrationStatus', { referenceStoreId: 'ST_NOPE' }), 'F', 'RECORD_NOT_FOUND');
		expectResult(await merchant.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: 'SM_NOPE' }), 'F', 'RECORD_NOT_FOUND');
	});

	it('answers inquiryRegistrationInfo with only the result while the registration is pending or after it was rejected', async () => {
		const registration = registrationBody();
		await merchant.call('/v1/merchants/registration', registration);
		const merchantId = (registration.merchantInfo as { referenceMerchantId: string }).referenceMerchantId;
		const pending = await merchant.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: merchantId });
		expectResult(pending, 'S', 'SUCCESS');
		expect(Object.keys(pending.json)).toEqual(['result']);
		await sim.control('POST', `/_sim/registrations/${registration.registrationRequestId}/reject`, { rejectReasons: 'blurry licence' });
		const rejected = await merchant.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: merchantId });
		expect(Object.keys(rejected.json)).toEqual(['result']);
	});

	it('finds a registration status by referenceStoreId alone', async () => {
		const storeId = uniqueId('ST');
		const registration = registrationBody({ storeInfo: { referenceStoreId: storeId, storeName: 'Kopi Corner Orchard', storeMCC: '5812' } });
		await merchant.call('/v1/merchants/registration', registration);
		const answer = await merchant.call('/v1/merchants/inquiryRegistrationStatus', { referenceStoreId: storeId });
		expectResult(answer, 'S', 'SUCCESS');
		expect(answer.json.registrationResult).toEqual({ registrationStatus: 'PENDING' });
	});

	it('reports PENDING, then COMPLETED with per-wallet results, and the approved info', async () => {
		const registration = registrationBody({ passThroughInfo: '{"k":"v"}' });
		const accepted = await merchant.call('/v1/merchants/registration', registration);
		expect(accepted.json.passThroughInfo).toBe('{"k":"v"}');
		const id = registration.registrationRequestId;
		const merchantId = (registration.merchantInfo as { referenceMerchantId: string }).referenceMerchantId;
		const pending = await merchant.call('/v1/merchants/inquiryRegistrationStatus', { registrationRequestId: id });
		expect(pending.json).toMatchObject({
			registrationResult: { registrationStatus: 'PENDING' },
			pspRegistrationResultList: [
				{ pspName: 'AlipayCN', registrationResult: { registrationStatus: 'PENDING' } },
				{ pspName: 'KAKAOPAY', registrationResult: { registrationStatus: 'PENDING' } },
			],
		});
		await sim.control('POST', `/_sim/registrations/${id}/approve`, { wallets: ['AlipayCN'] });
		await sim.control('POST', `/_sim/registrations/${id}/reject`, { wallets: ['KAKAOPAY'], rejectReasons: 'MCC not supported' });
		const done = await merchant.call('/v1/merchants/inquiryRegistrationStatus', { referenceMerchantId: merchantId, referenceStoreId: 'ST_0007' });
		expect(done.verified).toBe(true);
		expect(done.json).toMatchObject({
			registrationResult: { registrationStatus: 'COMPLETED' },
			pspRegistrationResultList: [
				{ pspName: 'AlipayCN', registrationResult: { registrationStatus: 'APPROVED' } },
				{ pspName: 'KAKAOPAY', registrationResult: { registrationStatus: 'REJECTED', rejectReasons: 'MCC not supported' } },
			],
		});
		const info = await merchant.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: merchantId });
		expect(info.json).toMatchObject({
			result: { resultStatus: 'S' },
			merchantInfo: registration.merchantInfo,
			storeInfo: registration.storeInfo,
			productCodes: ['IN_STORE_PAYMENT'],
		});
	});
});

describe('environment enforcement', () => {
	it('treats a SANDBOX_ client ID on the production path as an unknown client when the environment is enforced', async () => {
		const enforced = await startTestSimulator({ enforceEnvironment: true });
		try {
			const production = new WireMerchant(enforced.baseUrl, enforced.alipayPublicKey, '/ams/api');
			const answer = await production.call('/v1/payments/pay', payBody());
			expectResult(answer, 'F', 'CLIENT_INVALID');
			expect(answer.json.result.resultMessage).toMatch(/SANDBOX_ client ID on the production path/);
			const registration = await production.call('/v1/merchants/inquiryRegistrationInfo', { referenceMerchantId: 'SM_1' });
			expectResult(registration, 'F', 'INVALID_CLIENT');
			const sandbox = new WireMerchant(enforced.baseUrl, enforced.alipayPublicKey, '/ams/sandbox/api');
			expectResult(await sandbox.call('/v1/payments/pay', payBody()), 'S', 'SUCCESS');
		} finally {
			await enforced.close();
		}
	});
});
