import { rawBodyOf, signedPath, webhookKindOf } from '../../../../nodes/Alipay/trigger/request';

describe('which path Alipay signed', () => {
	it.each([
		['/webhook/abc/payment', 'payment'],
		['/webhook-test/abc/registration?tenant=1', 'registration'],
		['/webhook/wf-1/alipay%20trigger/payment/', 'payment'],
		['/webhook/abc/refund', undefined],
	])('%s is the %s webhook', (path, kind) => {
		expect(webhookKindOf(path)).toBe(kind);
	});

	it.each([
		['no override: the received path and query', '/webhook/abc/payment?x=1', '', '/webhook/abc/payment?x=1'],
		['an override replaces the path and keeps the received query', '/webhook/abc/payment?x=1', '/shop/notify', '/shop/notify?x=1'],
		['an override with its own query is used as entered', '/webhook/abc/payment?x=1', '/shop/notify?y=2', '/shop/notify?y=2'],
		['an override without a leading slash gets one', '/webhook/abc/payment', 'shop/notify', '/shop/notify'],
	])('%s', (_title, received, override, expected) => {
		expect(signedPath(received, override)).toBe(expected);
	});

	it('the raw body is read when n8n has not read it yet', async () => {
		const req = {
			headers: {},
			rawBody: undefined as Buffer | undefined,
			async readRawBody() {
				req.rawBody = Buffer.from('{"a":1}');
			},
		};
		expect((await rawBodyOf(req)).toString()).toBe('{"a":1}');
	});
});
