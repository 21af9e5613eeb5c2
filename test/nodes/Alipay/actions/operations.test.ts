import { ENDPOINTS } from '../../../../nodes/Alipay/core';
import { ACTION_NAMES, OPERATION_TITLES } from '../../../../nodes/Alipay/actions/operations';

describe('operation names', () => {
	it('gives a one-word operation its resource and keeps a longer one as it is', () => {
		expect(OPERATION_TITLES['payment:get']).toBe('Get Payment');
		expect(OPERATION_TITLES['refund:get']).toBe('Get Refund');
		expect(OPERATION_TITLES['merchant:register']).toBe('Register Merchant');
		expect(OPERATION_TITLES['payment:createOrderCode']).toBe('Create Order Code');
		expect(OPERATION_TITLES['payment:waitForResult']).toBe('Wait for Result');
	});

	it('names every API in messages after the operation that calls it', () => {
		expect(ACTION_NAMES).toEqual({
			pay: 'Create Order Code',
			inquiryPayment: 'Get Payment',
			cancel: 'Cancel Payment',
			refund: 'Refund Payment',
			inquiryRefund: 'Get Refund',
			registration: 'Register Merchant',
			inquiryRegistrationStatus: 'Get Registration Status',
			inquiryRegistrationInfo: 'Get Registration Info',
		});
		expect(Object.keys(ACTION_NAMES).sort()).toEqual(Object.keys(ENDPOINTS).sort());
	});
});
