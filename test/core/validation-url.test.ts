import { validateRequest } from '../../nodes/Alipay/core';
import { samplePayRequest } from '../../simulator/samples';

describe('notify URL rule', () => {
	it.each([
		['a plain URL', 'https://pos.example/alipay/notify?x=1'],
		['a percent-encoded URL (spec 2.9 message encoding)', 'https%3A%2F%2Fpos.example%2Falipay%2Fnotify'],
	])('accepts %s', (_, url) => {
		expect(validateRequest('pay', samplePayRequest('P1', url))).toEqual([]);
	});

	it.each([['a relative path', '/alipay/notify'], ['another scheme', 'ftp://pos.example/n'], ['an encoded scheme without host', 'https%3A%2F%2F']])(
		'refuses %s',
		(_, url) => {
			expect(validateRequest('pay', samplePayRequest('P1', url))).toEqual([
				{ field: 'paymentNotifyUrl', reason: 'must be an absolute http(s) URL' },
			]);
		},
	);
});
