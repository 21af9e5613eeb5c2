import {
	AlipayValidationError,
	endpointPath,
	ENDPOINTS,
	formatIsoWithOffset,
	isIsoDateTime,
	isSandboxClientId,
	parseAlipayTime,
	PLAIN_HTTP_WARNING,
	REGION_HOSTS,
	resolveGateway,
	alipayPathOf,
} from '../../nodes/Alipay/core';

describe('endpoints', () => {
	it('puts the sandbox prefix in the signed path', () => {
		expect(endpointPath('pay', false)).toBe('/ams/api/v1/payments/pay');
		expect(endpointPath('inquiryRegistrationInfo', true)).toBe('/ams/sandbox/api/v1/merchants/inquiryRegistrationInfo');
	});

	it('names the idempotency key of exactly the three APIs that create state', () => {
		const keyed = Object.values(ENDPOINTS).filter((e) => e.requestIdField).map((e) => `${e.name}:${e.requestIdField}`);
		expect(keyed).toEqual(['pay:paymentRequestId', 'refund:refundRequestId', 'registration:registrationRequestId']);
	});
});

describe('gateway resolution', () => {
	it('uses the region host and the chosen environment', () => {
		expect(resolveGateway({ clientId: 'SANDBOX_1', region: 'asia', environment: 'sandbox' })).toEqual({
			baseUrl: REGION_HOSTS.asia,
			sandbox: true,
			warnings: [],
		});
		expect(resolveGateway({ clientId: '5J5Y', region: 'usMerchants', environment: 'production' }).baseUrl).toBe(
			'https://open.antglobal-us.com',
		);
	});

	it('infers sandbox from a SANDBOX_ client ID in auto mode, as the SDKs do', () => {
		expect(resolveGateway({ clientId: 'sandbox_abc', region: 'europe', environment: 'auto' }).sandbox).toBe(true);
		expect(isSandboxClientId('5J5Y2D')).toBe(false);
	});

	it('warns when the environment disagrees with the client ID', () => {
		expect(resolveGateway({ clientId: 'SANDBOX_1', region: 'asia', environment: 'production' }).warnings[0]).toMatch(
			/starts with SANDBOX_ but Environment is Production/,
		);
		expect(resolveGateway({ clientId: '5J5Y', region: 'asia', environment: 'sandbox' }).warnings[0]).toMatch(/does not start with SANDBOX_/);
	});

	it('accepts a custom base URL with a path prefix and strips the trailing slash', () => {
		expect(resolveGateway({ clientId: 'SANDBOX_1', region: 'custom', customBaseUrl: ' http://127.0.0.1:8787/ ', environment: 'sandbox' })).toEqual({
			baseUrl: 'http://127.0.0.1:8787',
			sandbox: true,
			warnings: [],
		});
		expect(resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: 'https://proxy.example/alipay/', environment: 'production' }).baseUrl).toBe(
			'https://proxy.example/alipay',
		);
	});

	it.each([
		['', /is required/],
		['open-sea-global.alipay.com', /is not a URL/],
		['ftp://x.example', /http or https/],
		['https://open-sea-global.alipay.com/ams/api/v1/payments/pay', /without an API path/],
		['https://openapi.alipay.com/gateway.do', /without an API path/],
		['https://x.example/?a=1', /query string/],
	])('refuses the custom base URL %j', (url, message) => {
		expect(() => resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: url, environment: 'production' })).toThrow(AlipayValidationError);
		expect(() => resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: url, environment: 'production' })).toThrow(message);
	});

	it('warns about plain http to a remote host and about the China open platform host', () => {
		expect(resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: 'http://pay.example', environment: 'production' }).warnings[0]).toMatch(/unencrypted/);
		expect(resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: 'https://openapi.alipay.com', environment: 'production' }).warnings[0]).toMatch(/China/);
	});

	const LOCAL = [
		'http://127.0.0.1:8787',
		'http://127.1:8787',
		'http://localhost:8787/prefix',
		'http://LOCALHOST',
		'http://[::1]:8787',
		'http://[::ffff:127.0.0.1]:8787',
		'http://[::ffff:7f00:1]',
		'http://0.0.0.0:8787',
		'http://[::]:8787',
		'https://pay.example',
	];
	const REMOTE = [
		'http://pay.example',
		'http://127.attacker.example:8787',
		'http://localhost.attacker.example',
		'http://10.0.0.5:8787',
		'http://[::ffff:10.0.0.5]:8787',
		'http://[2001:db8::1]',
		' http://192.168.1.20/alipay',
	];

	it.each(LOCAL)('treats %s as this machine (no plain-http warning)', (url) => {
		expect(resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: url, environment: 'production' }).warnings).toEqual([]);
	});

	it.each(REMOTE)('warns that %s is plain http to another machine', (url) => {
		expect(resolveGateway({ clientId: '1', region: 'custom', customBaseUrl: url, environment: 'production' }).warnings).toEqual([
			PLAIN_HTTP_WARNING,
		]);
	});

	it.each([
		['gateway', { region: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }],
		['customBaseUrl', { region: 'custom', customBaseUrl: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }],
		['customBaseUrl', { region: 'custom', customBaseUrl: 'https://x.example/MIIEvQIBADANBgkqhkiG9w0BAQEFAASC/ams/api' }],
		['customBaseUrl', { region: 'custom', customBaseUrl: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC://x' }],
	])('a refused %s never repeats the value in its message or hint', (field, settings) => {
		let caught: AlipayValidationError | undefined;
		try {
			resolveGateway({ clientId: '1', environment: 'production', ...settings } as never);
		} catch (error) {
			caught = error as AlipayValidationError;
		}
		expect(caught?.field).toBe(field);
		expect(`${caught?.message} ${caught?.hint}`).not.toContain('MIIEvQIBADANBgkq');
	});
});

describe('Alipay time strings', () => {
	it('formats ISO-8601 with an offset to the second', () => {
		const instant = new Date('2026-11-29T04:00:01.789Z');
		expect(formatIsoWithOffset(instant, 480)).toBe('2026-11-29T12:00:01+08:00');
		expect(formatIsoWithOffset(instant, -420)).toBe('2026-11-28T21:00:01-07:00');
		expect(formatIsoWithOffset(instant, 0)).toBe('2026-11-29T04:00:01+00:00');
		expect(formatIsoWithOffset(instant, 330)).toBe('2026-11-29T09:30:01+05:30');
	});

	it.each([
		['1764388800123', 1764388800123],
		['1764388800', 1764388800000],
		['2026-11-29T12:00:01+08:00', Date.parse('2026-11-29T04:00:01Z')],
		['2024-05-01T12:00:00+0800', Date.parse('2024-05-01T04:00:00Z')],
		['2024-05-01T04:00:00.1234567Z', Date.parse('2024-05-01T04:00:00.123Z')],
	])('reads %s as every SDK sends it', (text, ms) => {
		expect(parseAlipayTime(text)).toBe(ms);
	});

	it('refuses times without a zone or that are not times', () => {
		expect(parseAlipayTime('2026-11-29T12:00:01')).toBeUndefined();
		expect(parseAlipayTime('yesterday')).toBeUndefined();
		expect(isIsoDateTime('2026-13-40T99:00:00+08:00')).toBe(false);
		expect(isIsoDateTime('2026-11-29T12:05:00+08:00')).toBe(true);
	});
});

describe('alipayPathOf', () => {
	it.each([
		['https://proxy.example/alipay', '/alipay/ams/api/v1/payments/pay', '/ams/api/v1/payments/pay'],
		['https://proxy.example/a/b', '/a/b/ams/sandbox/api/v1/payments/refund', '/ams/sandbox/api/v1/payments/refund'],
		['https://open-sea-global.alipay.com', '/ams/api/v1/payments/pay', '/ams/api/v1/payments/pay'],
		// Only a whole leading segment is a prefix.
		['https://proxy.example/am', '/ams/api/v1/payments/pay', '/ams/api/v1/payments/pay'],
	])('under %s, %s reaches Alipay as %s', (baseUrl, requestPath, alipayPath) => {
		expect(alipayPathOf(baseUrl, requestPath)).toBe(alipayPath);
	});
});
