import { KJUR, KEYUTIL, hextob64, b64tohex } from 'jsrsasign';
import {
	contentToSign,
	formatSignatureHeader,
	getHeader,
	loadPrivateKey,
	loadPublicKey,
	parseSignatureHeader,
	percentDecode,
	signMessage,
	signRequest,
	verifyIncoming,
	verifyMessage,
	verifyResponse,
} from '../../nodes/Alipay/core';
import { signMessageInBackground, signNotification, signResponse } from '../../simulator/signing';
import { fixture, TEST_CLIENT_ID, TEST_KEYS, vectorsFile, type Vector } from '../helpers/keys';

const { keys, vectors, negatives } = vectorsFile;

/** Every way a user may paste the same private key. */
function privateKeyFormats(who: 'merchant' | 'alipay'): Record<string, string> {
	const pem = fixture(keys[who].pem.privatePkcs8);
	const b64 = keys[who].privateKeyPkcs8Base64;
	return {
		'PKCS#8 base64 DER': b64,
		'PKCS#1 base64 DER': keys[who].privateKeyPkcs1Base64,
		'PKCS#8 PEM': pem,
		'PEM flattened to one line': pem.replace(/\n/g, ' '),
		'PEM with literal \\n': pem.replace(/\n/g, '\\n'),
		'PKCS#1 body under a PKCS#1 label': `-----BEGIN RSA PRIVATE KEY-----\n${keys[who].privateKeyPkcs1Base64}\n-----END RSA PRIVATE KEY-----`,
		'PKCS#8 body under a PKCS#1 label': `-----BEGIN RSA PRIVATE KEY-----\n${b64}\n-----END RSA PRIVATE KEY-----`,
		'base64 wrapped at 64 with surrounding whitespace': `\n  ${b64.replace(/(.{64})/g, '$1\n')}  \n`,
	};
}

function publicKeyFormats(who: 'merchant' | 'alipay'): Record<string, string> {
	const pem = fixture(keys[who].pem.public);
	return {
		'SPKI base64 DER': keys[who].publicKeySpkiBase64,
		'SPKI PEM': pem,
		'PEM flattened to one line': pem.replace(/\n/g, ''),
		'PEM with literal \\n': pem.replace(/\n/g, '\\n'),
		'quoted base64': `"${keys[who].publicKeySpkiBase64}"`,
	};
}

describe('openssl vectors', () => {
	describe.each(vectors.map((v) => [v.name, v] as [string, Vector]))('%s', (_name, vector) => {
		it('builds the exact content to sign', () => {
			expect(contentToSign(vector).toString('utf8')).toBe(vector.contentToSign);
		});

		it.each(Object.entries(privateKeyFormats(vector.signedBy)))(
			'reproduces the openssl signature byte for byte with the key as %s',
			(_format, key) => {
				const signed = signMessage({ ...vector, privateKey: loadPrivateKey(key) });
				expect(signed.signature).toBe(vector.signatureBase64);
				expect(signed.header).toBe(vector.signatureHeader);
			},
		);

		it.each(Object.entries(publicKeyFormats(vector.signedBy)))(
			'verifies with the public key as %s',
			(_format, key) => {
				expect(verifyMessage({ ...vector, signatureHeader: vector.signatureHeader, publicKey: loadPublicKey(key) })).toEqual({
					ok: true,
					keyVersion: '1',
				});
			},
		);

		it('reproduces the openssl signature in the thread pool too (what the simulator signs answers with)', async () => {
			const signed = await signMessageInBackground({ ...vector, privateKey: loadPrivateKey(keys[vector.signedBy].privateKeyPkcs8Base64) });
			expect(signed).toEqual({ signature: vector.signatureBase64, header: vector.signatureHeader });
		});

		it('verifies a Buffer body the same as its UTF-8 string', () => {
			const publicKey = loadPublicKey(keys[vector.signedBy].publicKeySpkiBase64);
			const body = Buffer.from(vector.body, 'utf8');
			expect(verifyMessage({ ...vector, body, signatureHeader: vector.signatureHeader, publicKey }).ok).toBe(true);
		});
	});
});

describe('negative and tolerance cases from the vectors', () => {
	const byName = new Map(vectors.map((v) => [v.name, v]));
	it.each(negatives.map((n) => [n.case, n] as const))('%s', (_name, negative) => {
		const base = byName.get(negative.base)!;
		const publicKeyPem = negative.verifyWith ? fixture(negative.verifyWith) : keys[base.signedBy].publicKeySpkiBase64;
		const verdict = verifyMessage({
			path: negative.path ?? base.path,
			clientId: negative.clientId ?? base.clientId,
			time: negative.time ?? base.time,
			body: negative.body ?? base.body,
			signatureHeader: negative.signatureHeader ?? base.signatureHeader,
			publicKey: loadPublicKey(publicKeyPem),
		});
		expect(verdict.ok).toBe(negative.expect.startsWith('valid'));
	});

	it('names the reason when the algorithm is not RSA256', () => {
		const negative = negatives.find((n) => n.case === 'unsupported-algorithm')!;
		expect(parseSignatureHeader(negative.signatureHeader)).toMatchObject({ ok: false, reason: 'unsupported-algorithm' });
	});
});

describe('signature header parsing', () => {
	it('accepts either case of percent escapes and spaces after commas', () => {
		const parsed = parseSignatureHeader('algorithm=RSA256, keyVersion=2,  signature=ab%2bcd%2F%3d%3D');
		expect(parsed).toEqual({ ok: true, header: { algorithm: 'RSA256', keyVersion: '2', signature: 'ab+cd/==' } });
	});

	it('never turns a raw + into a space', () => {
		expect(percentDecode('ab+cd%2B')).toBe('ab+cd+');
	});

	it('reports a missing header, a header without a signature and a non-base64 value', () => {
		expect(parseSignatureHeader(undefined)).toMatchObject({ ok: false, reason: 'missing-header' });
		expect(parseSignatureHeader('algorithm=RSA256,keyVersion=1')).toMatchObject({ ok: false, reason: 'malformed-header' });
		expect(parseSignatureHeader('algorithm=RSA256,signature=not base64!')).toMatchObject({
			ok: false,
			reason: 'malformed-header',
		});
	});

	it('formats the header in the order the SDK parsers expect, percent-encoding the base64', () => {
		expect(formatSignatureHeader('a+b/c==', 3)).toBe('algorithm=RSA256,keyVersion=3,signature=a%2Bb%2Fc%3D%3D');
	});

	it('looks headers up case-insensitively, taking the first of repeated values', () => {
		expect(getHeader({ 'Client-ID': 'x' }, 'client-id')).toBe('x');
		expect(getHeader({ 'content-type': ['a', 'b'] }, 'Content-Type')).toBe('a');
		expect(getHeader({}, 'signature')).toBeUndefined();
	});
});

describe('cross-checked with jsrsasign', () => {
	const merchantPrivate = loadPrivateKey(TEST_KEYS.merchantPrivate);
	const jsPublic = KEYUTIL.getKey(fixture('merchant-public.pem'));
	const jsPrivate = KEYUTIL.getKey(fixture('merchant-private.pem'));

	it('jsrsasign verifies a request signed by signRequest', () => {
		const body = '{"paymentRequestId":"X-1"}';
		const headers = signRequest({ path: '/ams/api/v1/payments/inquiryPayment', clientId: TEST_CLIENT_ID, body, privateKey: merchantPrivate, now: 1764388800000 });
		const content = contentToSign({ path: '/ams/api/v1/payments/inquiryPayment', clientId: TEST_CLIENT_ID, time: headers['Request-Time'], body });
		const sig = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
		sig.init(jsPublic);
		sig.updateHex(content.toString('hex'));
		const parsed = parseSignatureHeader(headers.Signature);
		expect(parsed.ok && sig.verify(b64tohex(parsed.header.signature))).toBe(true);
		expect(headers['Request-Time']).toBe('1764388800000');
	});

	it('our verifier accepts a jsrsasign signature', () => {
		const parts = { path: '/ams/api/v1/payments/pay', clientId: TEST_CLIENT_ID, time: '1764388800123', body: '{"a":"ü"}' };
		const sig = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
		sig.init(jsPrivate);
		sig.updateHex(contentToSign(parts).toString('hex'));
		const header = formatSignatureHeader(hextob64(sig.sign()));
		expect(verifyMessage({ ...parts, signatureHeader: header, publicKey: loadPublicKey(TEST_KEYS.merchantPublic) }).ok).toBe(true);
	});
});

describe('verifyIncoming (notifications and gateway-side requests)', () => {
	const notify = vectors.find((v) => v.name === 'notify-payment')!;
	const alipayPublic = loadPublicKey(TEST_KEYS.alipayPublic);
	const headers = { 'client-id': notify.clientId, 'request-time': notify.time, signature: notify.signatureHeader };
	const base = { path: notify.path, headers, body: notify.body, publicKey: alipayPublic };

	it('accepts the vector and returns who sent it and when', () => {
		expect(verifyIncoming(base)).toEqual({ ok: true, clientId: notify.clientId, time: notify.time });
	});

	it('refuses a client-id other than the configured one', () => {
		expect(verifyIncoming({ ...base, expectedClientId: 'SANDBOX_OTHER' })).toMatchObject({ reason: 'client-mismatch' });
	});

	it('refuses a request-time outside the allowed age, on either side of now', () => {
		const sent = Date.parse('2026-11-29T12:03:10+08:00');
		expect(verifyIncoming({ ...base, maxAgeSeconds: 300, now: sent + 299_000 }).ok).toBe(true);
		expect(verifyIncoming({ ...base, maxAgeSeconds: 300, now: sent + 301_000 })).toMatchObject({ reason: 'stale' });
		expect(verifyIncoming({ ...base, maxAgeSeconds: 300, now: sent - 301_000 })).toMatchObject({ reason: 'stale' });
	});

	it('names every missing header', () => {
		expect(verifyIncoming({ ...base, headers: { signature: notify.signatureHeader } })).toEqual({
			ok: false,
			reason: 'missing-header',
			detail: 'missing header: client-id, request-time',
		});
	});

	it('round-trips what signNotification writes', () => {
		const body = '{"notifyType":"PAYMENT_RESULT","x":"咖啡"}';
		const written = signNotification({ path: '/hook?a=1', clientId: TEST_CLIENT_ID, body, time: '2026-11-29T12:00:00+08:00', privateKey: loadPrivateKey(TEST_KEYS.alipayPrivate) });
		expect(verifyIncoming({ path: '/hook?a=1', headers: written, body, publicKey: alipayPublic, expectedClientId: TEST_CLIENT_ID }).ok).toBe(true);
		expect(verifyIncoming({ path: '/hook', headers: written, body, publicKey: alipayPublic }).ok).toBe(false);
	});
});

describe('verifyResponse policy (docs/protocol.md#verifying-answers)', () => {
	const response = vectors.find((v) => v.name === 'response-pay')!;
	const publicKey = loadPublicKey(TEST_KEYS.alipayPublic);
	const input = { path: response.path, clientId: response.clientId, body: response.body, publicKey };
	const signedHeaders = { 'response-time': response.time, signature: response.signatureHeader, 'client-id': response.clientId };

	it('accepts a validly signed response as signed', () => {
		expect(verifyResponse({ ...input, headers: signedHeaders })).toEqual({ ok: true, signed: true });
	});

	it('reports a response with neither header as unsigned, for the caller to allow only F or U', () => {
		expect(verifyResponse({ ...input, headers: {} })).toEqual({ ok: true, signed: false });
	});

	it('rejects a response with only one of signature and response-time', () => {
		expect(verifyResponse({ ...input, headers: { signature: response.signatureHeader } }).ok).toBe(false);
		expect(verifyResponse({ ...input, headers: { 'response-time': response.time } }).ok).toBe(false);
	});

	it('rejects a response echoing another client ID', () => {
		expect(verifyResponse({ ...input, headers: { ...signedHeaders, 'client-id': 'SANDBOX_X' } })).toMatchObject({ reason: 'client-mismatch' });
	});

	it('rejects a response whose body was re-serialised', () => {
		const reserialised = JSON.stringify(JSON.parse(response.body), null, 1);
		expect(verifyResponse({ ...input, body: reserialised, headers: signedHeaders })).toMatchObject({ reason: 'bad-signature' });
	});

	it('verifies what signResponse writes', () => {
		const headers = signResponse({ path: '/ams/api/v1/payments/cancel', clientId: TEST_CLIENT_ID, body: '{}', time: '2026-11-29T12:00:00-07:00', privateKey: loadPrivateKey(TEST_KEYS.alipayPrivate) });
		expect(Object.keys(headers)).toEqual(['content-type', 'client-id', 'response-time', 'signature']);
		expect(verifyResponse({ path: '/ams/api/v1/payments/cancel', clientId: TEST_CLIENT_ID, body: '{}', headers, publicKey }).ok).toBe(true);
	});
});
