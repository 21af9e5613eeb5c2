import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The development key pairs `npm run simulator` uses when given no key flags: made once, kept in
 * the git-ignored `.simulator/` folder and reused, so a configured n8n credential keeps working
 * across restarts. One pair is the simulator's "Alipay" key, the other the dev merchant's.
 */
export interface DevKeys {
	alipayPrivateKey: string;
	merchantPrivateKey: string;
	merchantPublicKey: string;
	/** Where they live, for the start-up banner. */
	folder: string;
	created: boolean;
}

const FILES = {
	alipayPrivate: 'alipay-private.pem',
	merchantPrivate: 'merchant-private.pem',
	merchantPublic: 'merchant-public.pem',
};

function newPair(): { privateKey: string; publicKey: string } {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
		publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
	};
}

export function loadOrCreateDevKeys(folder: string): DevKeys {
	const paths = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, join(folder, f)])) as Record<keyof typeof FILES, string>;
	const created = !Object.values(paths).every((p) => existsSync(p));
	if (created) {
		mkdirSync(folder, { recursive: true, mode: 0o700 });
		const alipay = newPair();
		const merchant = newPair();
		writeFileSync(paths.alipayPrivate, alipay.privateKey, { mode: 0o600 });
		writeFileSync(paths.merchantPrivate, merchant.privateKey, { mode: 0o600 });
		writeFileSync(paths.merchantPublic, merchant.publicKey);
	}
	return {
		alipayPrivateKey: readFileSync(paths.alipayPrivate, 'utf8'),
		merchantPrivateKey: readFileSync(paths.merchantPrivate, 'utf8'),
		merchantPublicKey: readFileSync(paths.merchantPublic, 'utf8'),
		folder,
		created,
	};
}
