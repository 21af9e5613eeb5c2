import { generateKeyPairSync } from 'node:crypto';
import {
	AlipayKeyError,
	checkAlipayPublicKey,
	keyFingerprint,
	loadPrivateKey,
	loadPublicKey,
	publicKeyToBase64,
} from '../../nodes/Alipay/core';
import { fixture, TEST_KEYS, vectorsFile } from '../helpers/keys';

const { merchant, alipay } = vectorsFile.keys;

function keyError(load: () => unknown): AlipayKeyError {
	try {
		load();
	} catch (error) {
		expect(error).toBeInstanceOf(AlipayKeyError);
		return error as AlipayKeyError;
	}
	throw new Error('expected a key error');
}

/** No error may carry key material: not the input, not a 40-character run of it. */
function expectNoKeyMaterial(error: AlipayKeyError, input: string): void {
	const text = `${error.message}\n${error.hint ?? ''}`;
	const body = input.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
	for (let i = 0; i + 40 <= body.length; i += 20) expect(text).not.toContain(body.slice(i, i + 40));
}

describe('loading keys in every format users paste', () => {
	const samePrivate = [
		merchant.privateKeyPkcs8Base64,
		merchant.privateKeyPkcs1Base64,
		fixture('merchant-private.pem'),
		fixture('merchant-private.pem').replace(/\n/g, ''),
		fixture('merchant-private.pem').replace(/\n/g, '\\n'),
		`  ${merchant.privateKeyPkcs1Base64}\r\n`,
	];

	it.each(samePrivate.map((k, i) => [i, k]))('private key format #%s loads as the same RSA key', (_i, input) => {
		expect(keyFingerprint(loadPrivateKey(input))).toBe(keyFingerprint(loadPublicKey(merchant.publicKeySpkiBase64)));
	});

	it('loads a PKCS#1 public key and a certificate-free SPKI PEM alike', () => {
		const pkcs1 = loadPublicKey(merchant.publicKeySpkiBase64).export({ format: 'der', type: 'pkcs1' }).toString('base64');
		expect(publicKeyToBase64(loadPublicKey(pkcs1))).toBe(merchant.publicKeySpkiBase64);
		expect(publicKeyToBase64(loadPublicKey(fixture('alipay-public.pem')))).toBe(alipay.publicKeySpkiBase64);
	});

	it('returns the same parsed key object for the same input (parsed once, not per item)', () => {
		expect(loadPrivateKey(TEST_KEYS.merchantPrivate)).toBe(loadPrivateKey(TEST_KEYS.merchantPrivate));
	});
});

describe('key mistakes get a specific error naming the field and the fix', () => {
	const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
	const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const encryptedPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
		format: 'pem',
		type: 'pkcs8',
		cipher: 'aes-256-cbc',
		passphrase: 'secret',
	}) as string;

	// One character of the modulus changed: the DER still parses, but nothing it signs verifies.
	const flipped = (() => {
		const at = 100;
		const key = merchant.privateKeyPkcs8Base64;
		return key.slice(0, at) + (key[at] === 'A' ? 'B' : 'A') + key.slice(at + 1);
	})();

	const cases: Array<[string, () => unknown, string, AlipayKeyError['problem'], string]> = [
		['a private key with one base64 character changed', () => loadPrivateKey(flipped), 'privateKey', 'damaged', flipped],
		['an empty private key', () => loadPrivateKey('  '), 'privateKey', 'empty', ''],
		['a public key in the private-key field', () => loadPrivateKey(merchant.publicKeySpkiBase64), 'privateKey', 'public-key-in-private-field', merchant.publicKeySpkiBase64],
		['a private key in the public-key field', () => loadPublicKey(alipay.privateKeyPkcs8Base64), 'alipayPublicKey', 'private-key-in-public-field', alipay.privateKeyPkcs8Base64],
		['a truncated base64 private key', () => loadPrivateKey(merchant.privateKeyPkcs8Base64.slice(0, 900)), 'privateKey', 'malformed', merchant.privateKeyPkcs8Base64.slice(0, 900)],
		['base64 cut mid-quantum', () => loadPublicKey(alipay.publicKeySpkiBase64.slice(0, 101)), 'alipayPublicKey', 'malformed', alipay.publicKeySpkiBase64],
		['a PEM without its END line', () => loadPrivateKey(fixture('merchant-private.pem').split('-----END')[0]), 'privateKey', 'malformed', merchant.privateKeyPkcs8Base64],
		['text that is not base64', () => loadPublicKey('not a key at all!'), 'alipayPublicKey', 'malformed', ''],
		['a 1024-bit RSA key', () => loadPrivateKey(weak.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string), 'privateKey', 'too-short', ''],
		['an EC key', () => loadPublicKey(ec.publicKey.export({ format: 'pem', type: 'spki' }) as string), 'alipayPublicKey', 'not-rsa', ''],
		['a passphrase-protected key', () => loadPrivateKey(encryptedPem), 'privateKey', 'encrypted', encryptedPem],
		['the merchant public key pasted as Alipay\'s', () => checkAlipayPublicKey(loadPrivateKey(merchant.privateKeyPkcs8Base64), loadPublicKey(merchant.publicKeySpkiBase64)), 'alipayPublicKey', 'own-public-key', merchant.publicKeySpkiBase64],
	];

	it.each(cases)('%s', (_name, load, field, problem, input) => {
		const error = keyError(load);
		expect(error.field).toBe(field);
		expect(error.problem).toBe(problem);
		expect(error.message).toMatch(field === 'privateKey' ? /^Merchant Private Key/ : /^Alipay Public Key/);
		expect(error.hint).toBeTruthy();
		expectNoKeyMaterial(error, input);
	});

	it('accepts Alipay\'s real public key beside the merchant private key', () => {
		expect(() => checkAlipayPublicKey(loadPrivateKey(TEST_KEYS.merchantPrivate), loadPublicKey(TEST_KEYS.alipayPublic))).not.toThrow();
	});
});
