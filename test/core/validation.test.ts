import { assertValidRequest, AlipayValidationError, validateRequest } from '../../nodes/Alipay/core';
import { samplePayRequest } from '../../simulator/samples';

/** A valid pay request with every optional field the rules check. */
function payRequest(): Record<string, any> {
	const body: Record<string, any> = samplePayRequest(
		'POS17-20240501-000183',
		'https://pos.kopicorner.example/alipay/notify/payment',
	);
	body.order.referenceOrderId = 'SO-20240501-000183';
	body.order.env = { storeTerminalId: 'POS-17', storeTerminalRequestTime: '2024-05-01T12:00:00+08:00' };
	body.paymentExpiryTime = '2024-05-01T12:05:00+08:00';
	return body;
}

function without(body: Record<string, any>, path: string): Record<string, any> {
	const copy = JSON.parse(JSON.stringify(body));
	const keys = path.split('.');
	const last = keys.pop()!;
	delete keys.reduce((o, k) => o[k], copy)[last];
	return copy;
}

describe('pay request rules', () => {
	it('accepts the spec example', () => {
		expect(validateRequest('pay', payRequest())).toEqual([]);
	});

	it.each([
		'productCode',
		'paymentRequestId',
		'order.orderDescription',
		'order.orderAmount',
		'order.merchant.referenceMerchantId',
		'order.merchant.merchantMCC',
		'order.merchant.merchantName',
		'order.merchant.store.referenceStoreId',
		'order.merchant.store.storeName',
		'order.merchant.store.storeMCC',
		'paymentAmount',
		'paymentMethod',
		'paymentFactor',
		'paymentNotifyUrl',
	])('names %s when it is missing', (path) => {
		expect(validateRequest('pay', without(payRequest(), path))).toEqual([{ field: path, reason: 'is required' }]);
	});

	it('reports a missing parent once, not each of its children', () => {
		expect(validateRequest('pay', without(payRequest(), 'order.merchant'))).toEqual([{ field: 'order.merchant', reason: 'is required' }]);
	});

	it.each([
		['paymentRequestId', 'x'.repeat(65), /at most 64 characters \(got 65\)/],
		['paymentRequestId', 'has space', /letters, digits/],
		['paymentAmount', { currency: 'SGD', value: '12.50' }, /integer string in SGD minor units/],
		['paymentAmount', { currency: 'SGX', value: '1250' }, /ISO 4217/],
		['paymentAmount', { currency: 'SGD', value: '0' }, /greater than zero/],
		['paymentAmount', { currency: 'JPY', value: '12345678901234567890123456' }, /signed 64-bit integer/],
		['paymentExpiryTime', '2024-05-01 12:05', /ISO-8601/],
		['paymentNotifyUrl', 'pos.example/notify', /absolute http/],
		['paymentFactor', { inStorePaymentScenario: 'ORDERCODE' }, /"OrderCode"/],
		['order', 'text', /must be an object/],
	])('refuses an illegal %s', (field, value, message) => {
		const [violation] = validateRequest('pay', { ...payRequest(), [field]: value });
		expect(`${violation.field} ${violation.reason}`).toMatch(message);
	});

	it('reads a number where a string belongs as its text, but not in an amount', () => {
		expect(validateRequest('pay', { ...payRequest(), paymentRequestId: 1714536000 })).toEqual([]);
		expect(validateRequest('pay', { ...payRequest(), paymentRequestId: 12345678901234567890123456789012345678901234567890123456789012345 })[0]).toMatchObject({ field: 'paymentRequestId' });
		expect(validateRequest('pay', { ...payRequest(), paymentAmount: { currency: 'SGD', value: 1450 } })[0].field).toBe('paymentAmount.value');
	});

	it('throws the first violation as an error naming the wire field', () => {
		expect(() => assertValidRequest('pay', without(payRequest(), 'order.merchant.store.storeMCC'))).toThrow(
			new AlipayValidationError('order.merchant.store.storeMCC', 'is required'),
		);
	});
});

describe('the other APIs', () => {
	it('needs one of the two IDs for inquiries and cancel', () => {
		for (const endpoint of ['inquiryPayment', 'cancel'] as const) {
			expect(validateRequest(endpoint, {})).toEqual([{ field: 'paymentRequestId or paymentId', reason: 'is required: give at least one' }]);
			expect(validateRequest(endpoint, { paymentId: '2024' })).toEqual([]);
		}
		expect(validateRequest('inquiryRefund', { refundRequestId: 'R1' })).toEqual([]);
		expect(validateRequest('inquiryRegistrationStatus', { referenceStoreId: 'S' })).toEqual([]);
		expect(validateRequest('inquiryRegistrationStatus', {})[0].field).toBe('registrationRequestId or referenceMerchantId or referenceStoreId');
	});

	it('checks a refund like a payment', () => {
		expect(validateRequest('refund', { refundRequestId: 'R-1', paymentId: 'P', refundAmount: { currency: 'SGD', value: '450' } })).toEqual([]);
		expect(validateRequest('refund', { refundRequestId: 'R-1', paymentId: 'P' })).toEqual([{ field: 'refundAmount', reason: 'is required' }]);
	});

	it('requires storeInfo for in-store registration and checks product codes', () => {
		const merchantInfo = {
			referenceMerchantId: 'SM_1',
			merchantDisplayName: 'Kopi',
			merchantMCC: '5812',
			registrationDetail: { legalName: 'Kopi Pte Ltd', registrationType: 'ENTERPRISE_REGISTRATION_NO', registrationNo: '1', registrationAddress: { region: 'SG' } },
		};
		const base = { registrationRequestId: 'REG-1', merchantInfo, productCodes: ['IN_STORE_PAYMENT'] };
		expect(validateRequest('registration', base)).toEqual([
			{ field: 'storeInfo', reason: 'is required when productCodes includes IN_STORE_PAYMENT' },
		]);
		expect(validateRequest('registration', { ...base, storeInfo: { referenceStoreId: 'ST_1', storeMCC: '5812' } })).toEqual([]);
		expect(validateRequest('registration', { ...base, productCodes: ['POS'], storeInfo: { referenceStoreId: 'S' } })[0].reason).toMatch(/contains "POS"/);
	});

	it('requires the registration details every official sample carries', () => {
		const body = { registrationRequestId: 'REG-1', merchantInfo: { referenceMerchantId: 'SM_1', merchantDisplayName: 'K', merchantMCC: '5812' }, productCodes: ['CASHIER_PAYMENT'] };
		expect(validateRequest('registration', body).map((v) => v.field)).toEqual(['merchantInfo.registrationDetail']);
		const detail = { ...body, merchantInfo: { ...body.merchantInfo, registrationDetail: {} } };
		expect(validateRequest('registration', detail).map((v) => v.field)).toEqual([
			'merchantInfo.registrationDetail.legalName',
			'merchantInfo.registrationDetail.registrationType',
			'merchantInfo.registrationDetail.registrationNo',
			'merchantInfo.registrationDetail.registrationAddress',
		]);
	});

	it('requires referenceMerchantId for registration info', () => {
		expect(validateRequest('inquiryRegistrationInfo', { referenceStoreId: 'S' })).toEqual([{ field: 'referenceMerchantId', reason: 'is required' }]);
	});

	it('refuses a body that is not an object', () => {
		expect(validateRequest('cancel', [])).toEqual([{ field: 'body', reason: 'must be a JSON object' }]);
	});
});
