import { generateKeyPairSync } from 'node:crypto';
import * as fc from 'fast-check';
import { formatIsoWithOffset, loadPrivateKey, parseAlipayTime } from '../../../../nodes/Alipay/core';
import { signNotification } from '../../../../simulator/signing';
import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';
import { paymentBody, signed } from './signed';
import { startWebhookHost, type WebhookHost } from './webhook-host';

/**
 * Thousands of malformed or tampered notifications, generated from a fixed seed, against the real
 * webhook code (n8n-core's WebhookContext on a real HTTP server, as n8n's webhook server runs it).
 * Every one must be refused with a 4xx, none may start an execution, none may crash the handler.
 */

const SEED = 20261129;
const RUNS = 2400;
const PATH = '/webhook/alipay/payment';
const HOUR = 3600_000;

interface Case {
	category: 'headers' | 'body' | 'encoding' | 'size' | 'path' | 'resigned';
	mutation: string;
	path: string;
	headers: Record<string, string>;
	body: Buffer;
}

const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const alipayKey = loadPrivateKey(TEST_KEYS.alipayPrivate);

/** A genuine notification, fresh at generation time. */
function genuine(paymentId: string, path = PATH): { headers: Record<string, string>; body: string } {
	return signed(path, paymentBody(paymentId));
}

/** Printable ASCII, which every HTTP client will put in a header. */
const headerText = (maxLength: number) =>
	fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

const paymentId = fc.stringMatching(/^[0-9]{20,35}$/);
const signedHeader = fc.constantFrom('client-id', 'request-time', 'signature');

/** Invalidating changes to the three signed headers. */
const headerCases: fc.Arbitrary<Case> = fc.oneof(
	fc.record({ id: paymentId, drop: fc.subarray(['client-id', 'request-time', 'signature'], { minLength: 1 }) }).map(({ id, drop }) => {
		const n = genuine(id);
		for (const name of drop) delete n.headers[name];
		return { category: 'headers', mutation: `drop ${drop.join('+')}`, path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
	fc.record({ id: paymentId, name: signedHeader, value: headerText(300) }).map(({ id, name, value }) => {
		const n = genuine(id);
		n.headers[name] = value === n.headers[name] ? `${value}x` : value;
		return { category: 'headers', mutation: `replace ${name}`, path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
	fc
		.record({
			id: paymentId,
			algorithm: fc.constantFrom('RSA256', 'RSA', 'rsa256', 'RSA2', 'SHA256withRSA', 'HS256', 'none', ''),
			keyVersion: fc.oneof(fc.constant('1'), headerText(8)),
			signature: fc.oneof(
				fc.base64String({ minLength: 4, maxLength: 400 }),
				headerText(400),
				fc.constant(''),
			),
			extra: fc.constantFrom('', ',signature=AAAA', ',algorithm=RSA256', ' , ', ',keyVersion=2'),
		})
		.map(({ id, algorithm, keyVersion, signature, extra }) => {
			const n = genuine(id);
			n.headers.signature = `algorithm=${algorithm},keyVersion=${keyVersion},signature=${encodeURIComponent(signature)}${extra}`;
			return { category: 'headers', mutation: 'forged signature header', path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
		}),
	fc.record({ id: paymentId, at: fc.nat(400), by: fc.integer({ min: 1, max: 63 }) }).map(({ id, at, by }) => {
		// One base64 character of the genuine signature changed: a signature of the right shape that does not verify.
		const n = genuine(id);
		const value = decodeURIComponent(n.headers.signature.split('signature=')[1]);
		const index = at % (value.length - 2);
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const changed = alphabet[(alphabet.indexOf(value[index]) + by) % 64];
		n.headers.signature = n.headers.signature.replace(/signature=.*$/, `signature=${encodeURIComponent(value.slice(0, index) + changed + value.slice(index + 1))}`);
		return { category: 'headers', mutation: 'signature one character off', path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
	fc.record({ id: paymentId, shiftSeconds: fc.integer({ min: 1, max: 10 * 60 }), sign: fc.boolean() }).map(({ id, shiftSeconds, sign }) => {
		// request-time moved a little (inside the age limit): it is signed, so the signature breaks. The
		// shift is in whole seconds from the signed time, so the text always changes (times are written
		// to the second; a shift from the wall clock sometimes landed in the signed second and verified).
		const n = genuine(id);
		const signedAt = parseAlipayTime(n.headers['request-time'])!;
		n.headers['request-time'] = formatIsoWithOffset(new Date(signedAt + (sign ? 1 : -1) * shiftSeconds * 1000), 480);
		return { category: 'headers', mutation: 'request-time changed', path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
	// (Spaces around a header value are not a change: HTTP strips them before anyone reads it.)
	fc.record({ id: paymentId, variant: fc.constantFrom('suffix', 'lower', 'other') }).map(({ id, variant }) => {
		const n = genuine(id);
		const original = n.headers['client-id'];
		n.headers['client-id'] =
			variant === 'suffix' ? `${original}0` : variant === 'lower' ? original.toLowerCase() : 'SANDBOX_5YTEST0000000002';
		return { category: 'headers', mutation: `client-id ${variant}`, path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
);

/** Invalidating changes to the signed body bytes. */
const bodyCases: fc.Arbitrary<Case> = fc.oneof(
	fc.record({ id: paymentId, at: fc.nat(), by: fc.integer({ min: 1, max: 255 }) }).map(({ id, at, by }) => {
		const n = genuine(id);
		const body = Buffer.from(n.body);
		body[at % body.length] ^= by;
		return { category: 'body', mutation: 'byte flipped', path: PATH, headers: n.headers, body } as Case;
	}),
	fc.record({ id: paymentId, keep: fc.nat() }).map(({ id, keep }) => {
		const n = genuine(id);
		const body = Buffer.from(n.body);
		return { category: 'body', mutation: 'truncated', path: PATH, headers: n.headers, body: body.subarray(0, keep % body.length) } as Case;
	}),
	fc.record({ id: paymentId, tail: fc.uint8Array({ minLength: 1, maxLength: 64 }) }).map(({ id, tail }) => {
		const n = genuine(id);
		return { category: 'body', mutation: 'bytes appended', path: PATH, headers: n.headers, body: Buffer.concat([Buffer.from(n.body), tail]) } as Case;
	}),
	fc.record({ id: paymentId, at: fc.nat(), space: fc.constantFrom(' ', '\n', '\t', '\r\n') }).map(({ id, at, space }) => {
		// Same JSON, different bytes: the signature covers bytes.
		const n = genuine(id);
		const commas = [...n.body.matchAll(/,/g)].map((m) => m.index!);
		const index = commas[at % commas.length] + 1;
		return { category: 'body', mutation: 'whitespace inserted', path: PATH, headers: n.headers, body: Buffer.from(n.body.slice(0, index) + space + n.body.slice(index)) } as Case;
	}),
	fc.record({ id: paymentId, field: fc.constantFrom('value', 'resultStatus', 'paymentId', 'currency'), value: fc.string({ minLength: 1, maxLength: 12 }) }).map(({ id, field, value }) => {
		const n = genuine(id);
		const parsed = JSON.parse(n.body) as Record<string, unknown> & { paymentAmount: Record<string, string>; result: Record<string, string> };
		const replace = (old: string) => (value === old ? `${value}0` : value);
		if (field === 'value') parsed.paymentAmount.value = replace(parsed.paymentAmount.value);
		else if (field === 'currency') parsed.paymentAmount.currency = replace(parsed.paymentAmount.currency);
		else if (field === 'resultStatus') parsed.result.resultStatus = replace(parsed.result.resultStatus);
		else parsed.paymentId = replace(String(parsed.paymentId));
		return { category: 'body', mutation: `${field} changed`, path: PATH, headers: n.headers, body: Buffer.from(JSON.stringify(parsed)) } as Case;
	}),
	fc.record({ id: paymentId, bytes: fc.uint8Array({ maxLength: 512 }) }).map(({ id, bytes }) => {
		const n = genuine(id);
		return { category: 'body', mutation: 'random bytes', path: PATH, headers: n.headers, body: Buffer.from(bytes) } as Case;
	}),
	fc.record({ ids: fc.tuple(paymentId, paymentId).filter(([a, b]) => a !== b) }).map(({ ids: [a, b] }) => {
		// Headers of one genuine notification, body of another.
		return { category: 'body', mutation: 'body of another notification', path: PATH, headers: genuine(a).headers, body: Buffer.from(genuine(b).body) } as Case;
	}),
);

/** Transport encodings of the (genuine) body; the bytes change, so the signature does not hold. */
const encodingCases: fc.Arbitrary<Case> = fc
	.record({
		id: paymentId,
		encoding: fc.constantFrom('utf16le', 'utf8 with BOM', 'latin1 of non-ASCII', 'base64', 'url-encoded', 'unicode escapes'),
		contentType: fc.constantFrom('application/json', 'application/json; charset=UTF-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', ''),
	})
	.map(({ id, encoding, contentType }) => {
		const n = genuine(id);
		const withAccent = n.body.replace('"PAYMENT_RESULT"', '"PAYMENT_RESULT","note":"café"');
		const body =
			encoding === 'utf16le'
				? Buffer.from(n.body, 'utf16le')
				: encoding === 'utf8 with BOM'
					? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(n.body)])
					: encoding === 'latin1 of non-ASCII'
						? Buffer.from(withAccent, 'latin1')
						: encoding === 'base64'
							? Buffer.from(Buffer.from(n.body).toString('base64'))
							: encoding === 'url-encoded'
								? Buffer.from(`data=${encodeURIComponent(n.body)}`)
								: Buffer.from(n.body.replace(/[A-Z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`));
		const headers = { ...n.headers };
		if (contentType) headers['content-type'] = contentType;
		else delete headers['content-type'];
		return { category: 'encoding', mutation: encoding, path: PATH, headers, body } as Case;
	});

/** Oversized parts: long bodies (up to 900 kB) and long header values. */
const sizeCases: fc.Arbitrary<Case> = fc.oneof(
	fc.record({ id: paymentId, kilobytes: fc.integer({ min: 16, max: 900 }) }).map(({ id, kilobytes }) => {
		const n = genuine(id);
		const padded = n.body.replace(/}$/, `,"padding":"${'x'.repeat(kilobytes * 1024)}"}`);
		return { category: 'size', mutation: 'large body', path: PATH, headers: n.headers, body: Buffer.from(padded) } as Case;
	}),
	fc.record({ id: paymentId, name: signedHeader, length: fc.integer({ min: 1024, max: 7000 }) }).map(({ id, name, length }) => {
		const n = genuine(id);
		n.headers[name] = `${n.headers[name]}${'A'.repeat(length)}`;
		return { category: 'size', mutation: `long ${name}`, path: PATH, headers: n.headers, body: Buffer.from(n.body) } as Case;
	}),
);

/** Paths other than the one signed: another webhook, queries, slashes, case, escapes, unknown ends. */
const pathCases: fc.Arbitrary<Case> = fc
	.record({
		id: paymentId,
		path: fc.oneof(
			fc.constantFrom(
				'/webhook/alipay/registration',
				'/webhook-test/alipay/payment',
				'/webhook/alipay/payment/',
				'/webhook/alipay//payment',
				'/webhook/alipay/PAYMENT',
				'/webhook/alipay/pay%6Dent',
				'/webhook/alipay/payment%00',
				'/webhook/alipay/payments',
				'/webhook/other/payment',
				'/webhook/alipay/',
			),
			fc.stringMatching(/^[a-z0-9=&]{1,40}$/).map((query) => `${PATH}?${query}`),
			fc.stringMatching(/^[a-zA-Z0-9_-]{1,30}$/).map((segment) => `/webhook/alipay/${segment}`),
		),
	})
	.filter(({ path }) => path !== PATH)
	.map(({ id, path }) => {
		const n = genuine(id);
		return { category: 'path', mutation: path.replace(/[0-9a-z=&_-]{12,}$/i, '…'), path, headers: n.headers, body: Buffer.from(n.body) } as Case;
	});

/** Properly signed, but not something this trigger may accept. */
const resignedCases: fc.Arbitrary<Case> = fc.oneof(
	paymentId.map((id) => {
		const body = JSON.stringify(paymentBody(id));
		const headers = signNotification({ path: PATH, clientId: TEST_CLIENT_ID, body, privateKey: attackerKey, time: formatIsoWithOffset(new Date(), 480) });
		return { category: 'resigned', mutation: "an attacker's key", path: PATH, headers, body: Buffer.from(body) } as Case;
	}),
	paymentId.map((id) => {
		const body = JSON.stringify(paymentBody(id));
		const headers = signNotification({ path: PATH, clientId: 'SANDBOX_5YOTHERMERCHANT01', body, privateKey: alipayKey, time: formatIsoWithOffset(new Date(), 480) });
		return { category: 'resigned', mutation: 'another merchant’s notification', path: PATH, headers, body: Buffer.from(body) } as Case;
	}),
	fc.record({ id: paymentId, hours: fc.integer({ min: 26, max: 24 * 365 }), future: fc.boolean() }).map(({ id, hours, future }) => {
		const body = JSON.stringify(paymentBody(id));
		const at = new Date(Date.now() + (future ? 1 : -1) * hours * HOUR);
		const headers = signNotification({ path: PATH, clientId: TEST_CLIENT_ID, body, privateKey: alipayKey, time: formatIsoWithOffset(at, 480) });
		return { category: 'resigned', mutation: future ? 'from the future' : 'replayed after a day', path: PATH, headers, body: Buffer.from(body) } as Case;
	}),
	fc.record({ id: paymentId, path: fc.constantFrom('/webhook/alipay/registration', '/notify', '/webhook-test/alipay/payment') }).map(({ id, path }) => {
		const body = JSON.stringify(paymentBody(id));
		const headers = signNotification({ path, clientId: TEST_CLIENT_ID, body, privateKey: alipayKey, time: formatIsoWithOffset(new Date(), 480) });
		return { category: 'resigned', mutation: 'signed for another URL', path: PATH, headers, body: Buffer.from(body) } as Case;
	}),
);

const anyCase = fc.oneof(headerCases, bodyCases, encodingCases, sizeCases, pathCases, resignedCases);

let host: WebhookHost;
beforeAll(async () => {
	host = await startWebhookHost();
});
afterAll(() => host.close());

it(`${RUNS} malformed or tampered notifications (seed ${SEED}): every one refused with a 4xx, none starts an execution, none crashes the handler`, async () => {
	const cases = fc.sample(anyCase, { seed: SEED, numRuns: RUNS });
	const byCategory = new Map<string, number>();
	const byStatus = new Map<number, number>();
	const refusedWith: Record<string, Set<number>> = {};
	const notRefused: string[] = [];
	for (const c of cases) {
		const response = await host.post(c.path, c.headers, c.body);
		byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
		byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
		(refusedWith[c.category] ??= new Set()).add(response.status);
		if (response.status < 400 || response.status >= 500) notRefused.push(`${c.category}/${c.mutation} → ${response.status}`);
	}
	const started = host.executions.length;
	const crashed = host.errors.length;

	console.log(
		[
			`Alipay Trigger fuzz, seed ${SEED}: ${cases.length} notifications`,
			`  by category: ${[...byCategory].map(([k, v]) => `${k} ${v}`).join(', ')}`,
			`  answers:     ${[...byStatus].sort(([a], [b]) => a - b).map(([k, v]) => `HTTP ${k} × ${v}`).join(', ')}`,
			`  started an execution: ${started}; crashed the handler: ${crashed}; not answered 4xx: ${notRefused.length}`,
		].join('\n'),
	);
	expect(cases.length).toBeGreaterThanOrEqual(2000);
	expect(new Set(byCategory.keys())).toEqual(new Set(['headers', 'body', 'encoding', 'size', 'path', 'resigned']));
	expect(notRefused).toEqual([]);
	expect(started).toBe(0);
	expect(crashed).toBe(0);
	// The check is real: a genuine notification through the same host starts the workflow.
	const ok = genuine('99999999999999999999');
	expect((await host.post(PATH, ok.headers, ok.body)).status).toBe(200);
	expect(host.executions).toHaveLength(1);
}, 600_000);
