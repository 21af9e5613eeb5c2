import {
	withoutEmptyFields,
	mergeDeep,
	parseJsonObject,
	toWireAmount,
	transportOptions,
} from '../../../../nodes/Alipay/helpers/params';
import { amountView, pickCodeDetail } from '../../../../nodes/Alipay/helpers/simplify';

describe('parameter mappers', () => {
	it.each([
		['12.50', 'SGD', 'major', '1250'],
		['1200', 'jpy', 'major', '1200'],
		['1.234', 'KWD', 'major', '1234'],
		['1250', 'SGD', 'minor', '1250'],
		['007', 'SGD', 'minor', '7'],
	])('%s %s in %s units is sent as value %s', (amount, currency, unit, value) => {
		expect(toWireAmount(amount, currency, unit as 'major' | 'minor', 'paymentAmount').value).toBe(value);
	});

	it('the JSON escape hatch merges objects deeply and replaces everything else', () => {
		const merged = mergeDeep(
			{ order: { merchant: { store: { storeName: 'A' } }, goods: [1] }, paymentNotifyUrl: 'x' },
			parseJsonObject('{"order":{"merchant":{"store":{"storeTerminalId":"T1"}},"goods":[2]}}', 'additionalBodyJson'),
		);
		expect(merged).toEqual({
			order: { merchant: { store: { storeName: 'A', storeTerminalId: 'T1' } }, goods: [2] },
			paymentNotifyUrl: 'x',
		});
	});

	it('the JSON escape hatch refuses arrays and non-JSON', () => {
		expect(() => parseJsonObject('[1]', 'additionalBodyJson')).toThrow(/must be a JSON object/);
		expect(() => parseJsonObject('{', 'additionalBodyJson')).toThrow(/must be a JSON object/);
		expect(parseJsonObject('', 'additionalBodyJson')).toEqual({});
	});

	it('empty optional values are left out rather than sent as ""', () => {
		expect(withoutEmptyFields({ a: '', b: undefined, c: { d: '' }, e: 'x', f: [{ g: '' }] })).toEqual({ e: 'x', f: [{}] });
	});

	it('retry options become a bounded policy whose delay doubles', () => {
		expect(transportOptions({ maxAttempts: 4, retryDelaySeconds: 0.5, timeoutSeconds: 10 })).toEqual({
			retry: { attempts: 4, delaysMs: [500, 1000, 2000] },
			timeoutMs: 10000,
		});
		expect(transportOptions({}).retry.attempts).toBe(3);
	});
});

describe('simplified output', () => {
	it('amounts appear in major and minor units with their currency', () => {
		expect(amountView({ currency: 'SGD', value: '1250' })).toEqual({
			amount: '12.50',
			amountMinor: '1250',
			currency: 'SGD',
		});
		expect(amountView({ currency: 'JPY', value: '5' }, 'refund')).toEqual({
			refundAmount: '5',
			refundAmountMinor: '5',
			refundCurrency: 'JPY',
		});
	});

	it('an amount without a currency or value, or with something else than text or a number there, gives no fields', () => {
		expect(amountView({ currency: 'SGD', value: ' ' })).toEqual({});
		expect(amountView({ value: '1250' })).toEqual({});
		expect(amountView({ currency: { code: 'SGD' }, value: '1250' } as never)).toEqual({});
		expect(amountView({ currency: ' sgd ', value: 1250 } as never)).toEqual({ amount: '12.50', amountMinor: '1250', currency: 'SGD' });
	});

	it('the code to draw: a QR code entry that is not an image file, TEXT first; else any TEXT entry', () => {
		const link = { codeValueType: 'QRCODE', displayType: 'SMALLIMAGE', codeValue: 'https://qr.alipay.com/bax1' };
		const text = { codeValueType: 'QRCODE', displayType: 'TEXT', codeValue: 'https://qr.alipay.com/bax2' };
		const imageFile = { codeValueType: 'QRCODE', displayType: 'MIDDLEIMAGE', codeValue: 'https://cdn.example/qr/P1/middle.png?size=300' };
		const barcode = { codeValueType: 'BARCODE', displayType: 'TEXT', codeValue: '2810' };
		// Alipay's documented answer: one SMALLIMAGE entry whose value is the code's link.
		expect(pickCodeDetail([link])?.codeValue).toBe('https://qr.alipay.com/bax1');
		expect(pickCodeDetail([link, text])?.codeValue).toBe('https://qr.alipay.com/bax2');
		expect(pickCodeDetail([imageFile, text])?.codeValue).toBe('https://qr.alipay.com/bax2');
		expect(pickCodeDetail([imageFile, link])?.codeValue).toBe('https://qr.alipay.com/bax1');
		expect(pickCodeDetail([barcode, link])?.codeValue).toBe('https://qr.alipay.com/bax1');
		expect(pickCodeDetail([imageFile, barcode])?.codeValue).toBe('2810');
		expect(pickCodeDetail([imageFile])).toBeUndefined();
		expect(pickCodeDetail([{ ...text, codeValue: '' }])).toBeUndefined();
		expect(pickCodeDetail(undefined)).toBeUndefined();
	});
});
