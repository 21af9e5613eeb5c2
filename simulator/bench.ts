import { generateKeyPairSync } from 'node:crypto';
import { Agent, request } from 'node:http';
import { loadPublicKey, publicKeyToBase64 } from '../nodes/Alipay/core/keys';
import { signRequest, verifyResponse } from '../nodes/Alipay/core/signature';
import { apiPath } from './contract';
import { startSimulator } from './index';
import { samplePayRequest } from './samples';

/**
 * Throughput of the simulator on loopback: signed `pay` requests per second, each fully verified
 * on both sides (the client signs and verifies in this same process, so the figure is a lower bound
 * for the simulator alone). `scripts/bench.ts` reports it as a ratio to the raw RSA sign rate.
 */
export async function measureSimulatorThroughput(seconds: number, concurrency = 16): Promise<number> {
	const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const clientId = 'SANDBOX_5YBENCH000000001';
	const sim = await startSimulator({ port: 0, merchants: [{ clientId, publicKey: publicKeyToBase64(merchant.publicKey) }] });
	const alipayPublicKey = loadPublicKey(sim.alipayPublicKey);
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const path = apiPath('pay', true);
	const url = new URL(sim.baseUrl + path);
	let sequence = 0;

	const one = (): Promise<void> => {
		const body = JSON.stringify(samplePayRequest(`BENCH_${++sequence}`, 'http://127.0.0.1:9/notify'));
		const headers = signRequest({ path, clientId, body, privateKey: merchant.privateKey });
		return new Promise((resolve, reject) => {
			const req = request(url, { method: 'POST', agent, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const verdict = verifyResponse({ path, clientId, headers: res.headers, body: text, publicKey: alipayPublicKey });
					const ok = verdict.ok && verdict.signed && (JSON.parse(text) as { result: { resultStatus: string } }).result.resultStatus === 'S';
					if (ok) resolve();
					else reject(new Error(`bench request failed: ${text.slice(0, 200)}`));
				});
			});
			req.on('error', reject);
			req.end(body);
		});
	};

	try {
		const deadline = Date.now() + seconds * 1000;
		let done = 0;
		const started = process.hrtime.bigint();
		const worker = async () => {
			while (Date.now() < deadline) {
				await one();
				done++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
		return done / elapsed;
	} finally {
		agent.destroy();
		await sim.close();
	}
}
