import fc from 'fast-check';
import { KJUR, KEYUTIL, hextob64, b64tohex } from 'jsrsasign';
import { contentToSign, formatSignatureHeader, verifyContent, loadPrivateKey, loadPublicKey, parseSignatureHeader, signMessage, verifyMessage } from '../../nodes/Alipay/core';
import { fixture, TEST_KEYS } from '../helpers/keys';

/**
 * Properties over random messages, checked against jsrsasign, an independent RSA implementation:
 * our signatures verify there, its signatures verify here, and any single-byte change fails.
 * jsrsasign signs at ~20/s, so the runs that sign with it are kept small.
 */
const pairs = [
	{
		name: 'merchant',
		ours: { privateKey: loadPrivateKey(TEST_KEYS.merchantPrivate), publicKey: loadPublicKey(TEST_KEYS.merchantPublic) },
		js: { privateKey: KEYUTIL.getKey(fixture('merchant-private.pem')), publicKey: KEYUTIL.getKey(fixture('merchant-public.pem')) },
	},
	{
		name: 'alipay',
		ours: { privateKey: loadPrivateKey(TEST_KEYS.alipayPrivate), publicKey: loadPublicKey(TEST_KEYS.alipayPublic) },
		js: { privateKey: KEYUTIL.getKey(fixture('alipay-private.pem')), publicKey: KEYUTIL.getKey(fixture('alipay-public.pem')) },
	},
];

const message = fc.record({
	path: fc.oneof(
		fc.constantFrom('/ams/api/v1/payments/pay', '/ams/sandbox/api/v1/payments/refund'),
		fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
		fc.tuple(fc.webPath(), fc.webQueryParameters()).map(([p, q]) => `/${p.replace(/^\//, '')}?${q}`),
	),
	clientId: fc.stringMatching(/^[A-Z0-9_]{1,32}$/),
	time: fc.oneof(
		fc.integer({ min: 1_500_000_000_000, max: 2_500_000_000_000 }).map(String),
		fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
	),
	body: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.json(), fc.string({ unit: 'binary', maxLength: 200 })),
});

function jsVerify(publicKey: unknown, content: Buffer, signatureBase64: string): boolean {
	const sig = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
	sig.init(publicKey as never);
	sig.updateHex(content.toString('hex'));
	return sig.verify(b64tohex(signatureBase64));
}

function jsSign(privateKey: unknown, content: Buffer): string {
	const sig = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
	sig.init(privateKey as never);
	sig.updateHex(content.toString('hex'));
	return hextob64(sig.sign());
}

describe.each(pairs)('with the $name key pair', ({ ours, js }) => {
	it('jsrsasign verifies every signature we make', () => {
		fc.assert(
			fc.property(message, (m) => {
				const { header } = signMessage({ ...m, privateKey: ours.privateKey });
				const parsed = parseSignatureHeader(header);
				return parsed.ok && jsVerify(js.publicKey, contentToSign(m), parsed.header.signature);
			}),
			{ numRuns: 60 },
		);
	});

	it('we verify every signature jsrsasign makes', () => {
		fc.assert(
			fc.property(message, (m) => {
				const header = formatSignatureHeader(jsSign(js.privateKey, contentToSign(m)));
				return verifyMessage({ ...m, signatureHeader: header, publicKey: ours.publicKey }).ok;
			}),
			{ numRuns: 10 },
		);
	});

	it('any single-byte change to the signed content fails verification, here and in jsrsasign', () => {
		fc.assert(
			fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, flip) => {
				const { signature } = signMessage({ ...m, privateKey: ours.privateKey });
				const tampered = Buffer.from(contentToSign(m));
				tampered[at % tampered.length] ^= flip;
				return !verifyContent(tampered, signature, ours.publicKey) && !jsVerify(js.publicKey, tampered, signature);
			}),
			{ numRuns: 80 },
		);
	});

	it('any single-byte change to the raw body bytes fails verifyMessage', () => {
		fc.assert(
			fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, flip) => {
				const { header } = signMessage({ ...m, privateKey: ours.privateKey });
				const body = Buffer.from(m.body, 'utf8');
				fc.pre(body.length > 0);
				body[at % body.length] ^= flip;
				return !verifyMessage({ ...m, body, signatureHeader: header, publicKey: ours.publicKey }).ok;
			}),
			{ numRuns: 80 },
		);
	});
});
