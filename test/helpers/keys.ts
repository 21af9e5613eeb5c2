import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test keys and signed vectors (test/fixtures/, made with the openssl CLI, independently of this
 * code), kept in the repository so a fresh clone is self-contained.
 */
export interface Vector {
	name: string;
	signedBy: 'merchant' | 'alipay';
	method: string;
	path: string;
	clientId: string;
	time: string;
	body: string;
	contentToSign: string;
	signatureBase64: string;
	signatureHeader: string;
}

export interface NegativeCase {
	case: string;
	base: string;
	expect: string;
	signatureHeader?: string;
	body?: string;
	time?: string;
	path?: string;
	clientId?: string;
	verifyWith?: string;
}

interface KeySet {
	privateKeyPkcs8Base64: string;
	privateKeyPkcs1Base64: string;
	publicKeySpkiBase64: string;
	pem: { privatePkcs8: string; public: string };
}

const FIXTURES = join(__dirname, '..', 'fixtures');

export const vectorsFile = JSON.parse(readFileSync(join(FIXTURES, 'vectors.json'), 'utf8')) as {
	keys: { merchant: KeySet; alipay: KeySet };
	vectors: Vector[];
	negatives: NegativeCase[];
};

export function fixture(name: string): string {
	return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Both test key pairs as base64 DER (Alipay's own exchange format). */
export const TEST_KEYS = {
	merchantPrivate: vectorsFile.keys.merchant.privateKeyPkcs8Base64,
	merchantPublic: vectorsFile.keys.merchant.publicKeySpkiBase64,
	alipayPrivate: vectorsFile.keys.alipay.privateKeyPkcs8Base64,
	alipayPublic: vectorsFile.keys.alipay.publicKeySpkiBase64,
};

/** The client ID every vector was signed for. */
export const TEST_CLIENT_ID = 'SANDBOX_5YTEST0000000001';
