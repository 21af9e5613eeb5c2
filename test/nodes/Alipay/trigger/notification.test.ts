import {
	describeNotification,
	notificationKind,
	parseNotificationBody,
	paymentStatus,
	registrationStatus,
} from '../../../../nodes/Alipay/trigger/notification';
import type { PaymentNotification, RegistrationNotification } from '../../../../nodes/Alipay/core';

const wallets = (...statuses: Array<[string, string | undefined]>) =>
	statuses.map(([pspName, registrationStatus]) => ({ pspName, registrationResult: { registrationStatus } }));

describe('notification meaning', () => {
	test.each<[string, Partial<PaymentNotification>, string]>([
		['a PAYMENT_RESULT with S is a success', { notifyType: 'PAYMENT_RESULT', result: { resultCode: 'SUCCESS', resultStatus: 'S' } }, 'SUCCESS'],
		['a PAYMENT_RESULT with F is a failure', { notifyType: 'PAYMENT_RESULT', result: { resultCode: 'ORDER_IS_CLOSED', resultStatus: 'F' } }, 'FAIL'],
		['a PAYMENT_PENDING with S is pending, never a success', { notifyType: 'PAYMENT_PENDING', result: { resultCode: 'SUCCESS', resultStatus: 'S' } }, 'PENDING'],
		['a result of U is unknown', { notifyType: 'PAYMENT_RESULT', result: { resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'U' } }, 'UNKNOWN'],
		['another notify type reports that type', { notifyType: 'OFFLINE_PAYMENT_CODE' }, 'OFFLINE_PAYMENT_CODE'],
		['a missing notify type falls back to the result', { result: { resultCode: 'SUCCESS', resultStatus: 'S' } }, 'SUCCESS'],
	])('%s', (_title, body, status) => {
		expect(paymentStatus(body as PaymentNotification)).toBe(status);
	});

	test.each<[string, RegistrationNotification, string]>([
		['an overall APPROVED is approved', { registrationResult: { registrationStatus: 'APPROVED' } }, 'APPROVED'],
		['an overall PENDING is pending', { registrationResult: { registrationStatus: 'PENDING' } }, 'PENDING'],
		[
			'COMPLETED with every wallet approved is approved',
			{ registrationResult: { registrationStatus: 'COMPLETED' }, pspRegistrationResultList: wallets(['AlipayCN', 'APPROVED'], ['KAKAOPAY', 'APPROVED']) },
			'APPROVED',
		],
		[
			'COMPLETED with every wallet rejected is rejected',
			{ registrationResult: { registrationStatus: 'COMPLETED' }, pspRegistrationResultList: wallets(['AlipayCN', 'REJECTED']) },
			'REJECTED',
		],
		[
			'COMPLETED with approvals and rejections is partially approved',
			{ registrationResult: { registrationStatus: 'COMPLETED' }, pspRegistrationResultList: wallets(['AlipayCN', 'APPROVED'], ['KAKAOPAY', 'REJECTED']) },
			'PARTIALLY_APPROVED',
		],
		[
			'a wallet still pending makes the whole registration pending',
			{ registrationResult: { registrationStatus: 'COMPLETED' }, pspRegistrationResultList: wallets(['AlipayCN', 'APPROVED'], ['KAKAOPAY', 'PENDING']) },
			'PENDING',
		],
		['COMPLETED without wallet results stays COMPLETED', { registrationResult: { registrationStatus: 'COMPLETED' } }, 'COMPLETED'],
		['no status at all is unknown', {}, 'UNKNOWN'],
	])('%s', (_title, body, status) => {
		expect(registrationStatus(body)).toBe(status);
	});

	it('the body decides the kind when it contradicts the URL, so a misplaced URL still reports payments', () => {
		expect(notificationKind('registration', { notifyType: 'PAYMENT_RESULT', paymentId: 'P' })).toBe('payment');
		expect(notificationKind('payment', { registrationRequestId: 'R', registrationResult: {} })).toBe('registration');
		expect(notificationKind('registration', {})).toBe('registration');
	});

	it('a partially approved registration lists the approving and rejecting wallets and is an "other" event', () => {
		const described = describeNotification('registration', {
			registrationRequestId: 'REG-7',
			registrationResult: { registrationStatus: 'COMPLETED' },
			pspRegistrationResultList: wallets(['AlipayCN', 'APPROVED'], ['KAKAOPAY', 'REJECTED']),
		});
		expect(described).toMatchObject({
			event: 'registrationOther',
			status: 'PARTIALLY_APPROVED',
			key: 'registration:REG-7:PARTIALLY_APPROVED',
			fields: { approvedBy: ['AlipayCN'], rejectedBy: ['KAKAOPAY'], registrationStatus: 'COMPLETED' },
		});
	});

	it('without a registration request ID the merchant and store identify the registration', () => {
		const described = describeNotification('registration', {
			referenceMerchantId: 'SM-1',
			referenceStoreId: 'ST-1',
			registrationResult: { registrationStatus: 'APPROVED' },
		});
		expect(described.key).toBe('registration:SM-1/ST-1:APPROVED');
	});

	it('a notification with no ID at all has no key, so it is never taken for a duplicate', () => {
		expect(describeNotification('payment', { notifyType: 'PAYMENT_RESULT' }).key).toBeUndefined();
	});

	it('amounts are given in major and minor units with the currency exponent (JPY has none)', () => {
		const described = describeNotification('payment', {
			notifyType: 'PAYMENT_RESULT',
			result: { resultCode: 'SUCCESS', resultStatus: 'S' },
			paymentId: 'P-JPY',
			paymentAmount: { currency: 'JPY', value: '1200' },
			actualPaymentAmount: { currency: 'CNY', value: '5618' },
		});
		expect(described.fields).toMatchObject({
			amount: '1200',
			amountMinor: '1200',
			currency: 'JPY',
			actualAmount: '56.18',
			actualAmountMinor: '5618',
			actualCurrency: 'CNY',
		});
	});

	it('a currency code in lower case is shown in upper case', () => {
		const described = describeNotification('payment', { paymentId: 'P-L', paymentAmount: { currency: 'sgd', value: '880' } });
		expect(described.fields).toMatchObject({ amount: '8.80', amountMinor: '880', currency: 'SGD' });
	});

	it('an amount in an unknown currency is still passed on in minor units', () => {
		const described = describeNotification('payment', { paymentId: 'P-X', paymentAmount: { currency: 'XXZ', value: '10' } });
		expect(described.fields).toMatchObject({ amount: undefined, amountMinor: '10', currency: 'XXZ' });
	});

	it.each([
		['not JSON', 'not json'],
		['a JSON array', '[1]'],
		['JSON null', 'null'],
	])('a body that is %s is not a notification', (_title, text) => {
		expect(parseNotificationBody(Buffer.from(text))).toBeUndefined();
	});
});
