import { Agent, request } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { loadPublicKey } from '../nodes/Alipay/core/keys';
import { signRequest, verifyResponse } from '../nodes/Alipay/core/signature';
import { apiPath } from './contract';
import { samplePayRequest } from './samples';

export interface ThroughputTarget {
	baseUrl: string;
	clientId: string;
	/** The key the simulator knows for `clientId`. */
	merchantPrivateKey: KeyObject;
	/** The simulator's key, to verify every answer. */
	alipayPublicKey: string;
}

/**
 * Signed `pay` requests per second a running simulator answers (each fully verified here). The
 * requests are signed before the clock starts, so the figure is the simulator's own cost (its
 * verification, the payment, its signature) and not the load generator's: run the simulator in
 * another process, and `scripts/bench.ts` reports the rate as a ratio to the raw RSA sign rate.
 */
export async function measureSimulatorThroughput(
	target: ThroughputTarget,
	options: { requests: number; concurrency?: number; runId?: string },
): Promise<number> {
	const concurrency = options.concurrency ?? 16;
	const path = apiPath('pay', true);
	const url = new URL(target.baseUrl + path);
	const alipayPublicKey = loadPublicKey(target.alipayPublicKey);
	const runId = options.runId ?? Date.now().toString(36);
	const signed = Array.from({ length: options.requests }, (_, n) => {
		const body = JSON.stringify(samplePayRequest(`BENCH_${runId}_${n}`, 'http://127.0.0.1:9/notify'));
		return { body, headers: signRequest({ path, clientId: target.clientId, body, privateKey: target.merchantPrivateKey }) };
	});
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

	const one = ({ body, headers }: (typeof signed)[number]): Promise<void> =>
		new Promise((resolve, reject) => {
			const req = request(url, { method: 'POST', agent, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const verdict = verifyResponse({ path, clientId: target.clientId, headers: res.headers, body: text, publicKey: alipayPublicKey });
					const ok = verdict.ok && verdict.signed && (JSON.parse(text) as { result: { resultStatus: string } }).result.resultStatus === 'S';
					if (ok) resolve();
					else reject(new Error(`bench request failed: ${text.slice(0, 200)}`));
				});
			});
			req.on('error', reject);
			req.end(body);
		});

	try {
		let next = 0;
		const started = process.hrtime.bigint();
		const worker = async () => {
			while (next < signed.length) await one(signed[next++]);
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return signed.length / (Number(process.hrtime.bigint() - started) / 1e9);
	} finally {
		agent.destroy();
	}
}
