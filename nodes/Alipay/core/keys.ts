import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import { AlipayKeyError } from './errors';
import { fieldLabel } from './fieldLabels';

/**
 * Key loading that accepts everything users paste: PEM (PKCS#8, PKCS#1, SPKI, certificates), PEM
 * flattened to one line or with literal `\n`, bare base64 DER (what Alipay's key tool gives), with
 * any surrounding whitespace or quotes. The key type is read from the DER, never from the label
 * (a PKCS#8 body under an RSA label is common). Errors name the field and the fix and
 * never contain key material.
 */

export const MIN_RSA_BITS = 2048;

export type KeyField = 'privateKey' | 'alipayPublicKey' | string;

interface KeyText {
	label?: string;
	body: string;
	encrypted: boolean;
}

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;

function readKeyText(input: string, field: KeyField): KeyText {
	let text = input
		.trim()
		.replace(/^["']|["']$/g, '')
		.replace(/\\r/g, '')
		.replace(/\\n/g, '\n')
		.trim();
	if (!text) throw keyError(field, 'empty');
	const begin = BEGIN.exec(text);
	if (!begin) {
		return { body: text.replace(/\s+/g, ''), encrypted: false };
	}
	const label = begin[1].trim();
	const end = text.indexOf('-----END', begin.index + begin[0].length);
	if (end < 0) throw keyError(field, 'malformed', 'the END line is missing, so the key was cut off');
	text = text.slice(begin.index + begin[0].length, end);
	// PEM headers such as "Proc-Type: 4,ENCRYPTED" sit before a blank line.
	const encrypted = label.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/i.test(text);
	const body = text
		.split(/\r?\n/)
		.filter((line) => !line.includes(':'))
		.join('')
		.replace(/\s+/g, '');
	return { label, body, encrypted };
}

function decodeBase64(body: string, field: KeyField): Buffer {
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
		throw keyError(field, 'malformed', 'it contains characters that are not base64');
	}
	if (body.replace(/=+$/, '').length % 4 === 1) {
		throw keyError(field, 'malformed', 'the base64 text is cut off');
	}
	return Buffer.from(body, 'base64');
}

function tryPrivate(der: Buffer): KeyObject | undefined {
	for (const type of ['pkcs8', 'pkcs1'] as const) {
		try {
			return createPrivateKey({ key: der, format: 'der', type });
		} catch {
			// try the next encoding
		}
	}
	return undefined;
}

function tryPublic(der: Buffer): KeyObject | undefined {
	for (const type of ['spki', 'pkcs1'] as const) {
		try {
			return createPublicKey({ key: der, format: 'der', type });
		} catch {
			// try the next encoding
		}
	}
	return undefined;
}

function tryCertificate(der: Buffer): KeyObject | undefined {
	try {
		return new X509Certificate(der).publicKey;
	} catch {
		return undefined;
	}
}

function checkRsa(key: KeyObject, field: KeyField): KeyObject {
	if (key.asymmetricKeyType !== 'rsa') throw keyError(field, 'not-rsa', String(key.asymmetricKeyType));
	const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
	if (bits < MIN_RSA_BITS) throw keyError(field, 'too-short', String(bits));
	return key;
}

const cache = new Map<string, KeyObject>();
const CACHE_LIMIT = 64;

function cached(kind: string, input: string, field: KeyField, load: () => KeyObject): KeyObject {
	// Keyed by a digest so the map never holds the pasted text itself.
	const id = createHash('sha256').update(kind).update('\0').update(field).update('\0').update(input).digest('hex');
	const hit = cache.get(id);
	if (hit) return hit;
	const key = load();
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(id, key);
	return key;
}

/** The merchant's RSA private key, in any format users paste. Parsed once per distinct input. */
export function loadPrivateKey(input: string | KeyObject, field: KeyField = 'privateKey'): KeyObject {
	if (input instanceof KeyObject) {
		if (input.type !== 'private') throw keyError(field, 'public-key-in-private-field');
		return checkRsa(input, field);
	}
	return cached('private', String(input ?? ''), field, () => {
		const text = readKeyText(String(input ?? ''), field);
		if (text.encrypted) throw keyError(field, 'encrypted');
		const der = decodeBase64(text.body, field);
		const key = tryPrivate(der);
		if (key) return checkRoundTrip(checkRsa(key, field), field);
		if (tryPublic(der) || tryCertificate(der)) throw keyError(field, 'public-key-in-private-field');
		throw keyError(field, 'malformed', 'it is not a complete RSA private key');
	});
}

/**
 * A key with one character changed in its modulus still parses, and every signature it makes is
 * then refused by Alipay as INVALID_SIGNATURE, which looks like a key that was never uploaded. A
 * sign-and-verify round trip against its own public half tells the two apart before anything is
 * sent. It runs once per distinct key text, since loaded keys are cached.
 */
function checkRoundTrip(key: KeyObject, field: KeyField): KeyObject {
	const probe = Buffer.from('n8n-nodes-alipay key check');
	let intact = false;
	try {
		intact = verify('sha256', probe, createPublicKey(key), sign('sha256', probe, key));
	} catch {
		intact = false;
	}
	if (!intact) throw keyError(field, 'damaged');
	return key;
}

/** Alipay's (or a merchant's) RSA public key, in any format users paste. */
export function loadPublicKey(input: string | KeyObject, field: KeyField = 'alipayPublicKey'): KeyObject {
	if (input instanceof KeyObject) {
		if (input.type !== 'public') throw keyError(field, 'private-key-in-public-field');
		return checkRsa(input, field);
	}
	return cached('public', String(input ?? ''), field, () => {
		const text = readKeyText(String(input ?? ''), field);
		if (text.encrypted) throw keyError(field, 'private-key-in-public-field');
		const der = decodeBase64(text.body, field);
		// First, because createPublicKey quietly derives a public key from private key DER.
		if (tryPrivate(der)) throw keyError(field, 'private-key-in-public-field');
		const key = tryPublic(der) ?? tryCertificate(der);
		if (key) return checkRsa(key, field);
		throw keyError(field, 'malformed', 'it is not a complete RSA public key');
	});
}

/** The base64 SPKI DER of a public key: Alipay's own exchange format. */
export function publicKeyToBase64(key: KeyObject): string {
	const pub = key.type === 'private' ? createPublicKey(key) : key;
	return pub.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** A short, safe identifier for a key (first 16 hex of SHA-256 over the SPKI DER). */
export function keyFingerprint(key: KeyObject): string {
	// Remembered per key object: the own-public-key check runs on every signed request, and the
	// parsed keys themselves are cached, so this turns that check into two lookups.
	let fingerprint = fingerprints.get(key);
	if (fingerprint === undefined) {
		fingerprint = createHash('sha256').update(Buffer.from(publicKeyToBase64(key), 'base64')).digest('hex').slice(0, 16);
		fingerprints.set(key, fingerprint);
	}
	return fingerprint;
}

const fingerprints = new WeakMap<KeyObject, string>();

/**
 * The #1 Alipay integration mistake is pasting the merchant's own public key where
 * Alipay's belongs. That is detectable: it is the public half of the merchant private key.
 */
export function checkAlipayPublicKey(merchantPrivateKey: KeyObject, alipayPublicKey: KeyObject): void {
	if (keyFingerprint(merchantPrivateKey) === keyFingerprint(alipayPublicKey)) {
		throw keyError('alipayPublicKey', 'own-public-key');
	}
}

function keyError(field: KeyField, problem: AlipayKeyError['problem'], detail?: string): AlipayKeyError {
	const label = fieldLabel(field);
	switch (problem) {
		case 'empty':
			return new AlipayKeyError(`${label} is empty`, field, problem, 'Paste the key text (PEM or base64).');
		case 'encrypted':
			return new AlipayKeyError(
				`${label} is encrypted with a passphrase`,
				field,
				problem,
				'Export the key without a passphrase (openssl pkcs8 -topk8 -nocrypt) and paste that.',
			);
		case 'public-key-in-private-field':
			return new AlipayKeyError(
				`${label} holds a public key, not a private key`,
				field,
				problem,
				'Paste your merchant private key here (base64 starting with MIIE…, or PEM); the public half belongs in Antom Dashboard.',
			);
		case 'private-key-in-public-field':
			return new AlipayKeyError(
				`${label} holds a private key, not a public key`,
				field,
				problem,
				'Paste the Alipay public key from Antom Dashboard → Developer → Quick start → Integration resources (it starts with MIIBIj…). Never share a private key.',
			);
		case 'malformed':
			return new AlipayKeyError(
				`${label} is not a valid RSA key: ${detail ?? 'it could not be read'}`,
				field,
				problem,
				'Copy the whole key again, from the first to the last character, as PEM or as one line of base64.',
			);
		case 'not-rsa':
			return new AlipayKeyError(
				`${label} is a ${detail ?? 'non-RSA'} key; Alipay uses RSA`,
				field,
				problem,
				'Generate an RSA 2048-bit key pair (Antom Dashboard or openssl genrsa 2048).',
			);
		case 'too-short':
			return new AlipayKeyError(
				`${label} is an RSA key of ${detail ?? 'too few'} bits; Alipay requires at least ${MIN_RSA_BITS}`,
				field,
				problem,
				'Generate an RSA 2048-bit key pair and upload the new public key to Antom Dashboard.',
			);
		case 'damaged':
			return new AlipayKeyError(
				`${label} is damaged: it reads as a key, but what it signs does not verify with its own public half`,
				field,
				problem,
				'A character was probably changed or lost while copying. Paste the key again from the file Antom’s key tool (or openssl) saved; nothing was sent to Alipay.',
			);
		case 'own-public-key':
			return new AlipayKeyError(
				`${label} is your own merchant public key, not Alipay's`,
				field,
				problem,
				"Paste the Alipay public key that Antom Dashboard shows after you upload yours; responses and notifications are signed with Alipay's key.",
			);
	}
}
