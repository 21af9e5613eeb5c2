import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';
import type { NodeRun } from '../../../helpers/n8n';
import type { TestSimulator } from '../../../helpers/simulator';
import { ORDER_CODE_PARAMETERS, runAlipay, simulatorCredentials, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

/** Everything n8n keeps of a run: run data, output items and the error with all its own fields. */
function everythingKept(run: NodeRun): string {
	const error = run.error
		? Object.fromEntries(Object.getOwnPropertyNames(run.error).map((k) => [k, (run.error as never)[k]]))
		: undefined;
	return JSON.stringify({ run: run.run, items: run.items, error }, (_, value: unknown) =>
		value instanceof Error
			? { message: value.message, stack: value.stack, cause: (value as { cause?: unknown }).cause }
			: value,
	);
}

function expectNoSecrets(text: string): void {
	for (const key of [TEST_KEYS.merchantPrivate, TEST_KEYS.alipayPrivate]) {
		for (let i = 0; i + 40 <= key.length; i += 200) expect(text).not.toContain(key.slice(i, i + 40));
	}
	expect(text).not.toMatch(/signature=[A-Za-z0-9%+/]{20,}/);
	expect(text).not.toContain(`\\n${TEST_CLIENT_ID}.`);
}

describe('nothing sensitive in outputs or errors', () => {
	it.each([
		['a success with Raw output', { output: 'raw' }, undefined],
		['an outcome unknown after dropped connections', {}, { mode: 'drop', endpoint: 'pay', timing: 'after', count: 3 }],
		['a forged answer', {}, { mode: 'badSignature', endpoint: 'pay', count: 1 }],
		['an HTTP 500', {}, { mode: 'http500', endpoint: 'pay', count: 3 }],
	])('%s keeps no key, signature or signed content', async (_, extra, fault) => {
		if (fault) await sim.control('POST', '/_sim/faults', fault);
		const run = await runAlipay({ sim, parameters: { ...ORDER_CODE_PARAMETERS, ...extra } });
		expectNoSecrets(everythingKept(run));
	});

	it('a signature refused by the gateway keeps no key material', async () => {
		const { generateKeyPairSync } = await import('node:crypto');
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.privateKey.export({ format: 'der', type: 'pkcs8' })
			.toString('base64');
		const run = await runAlipay({
			sim,
			parameters: ORDER_CODE_PARAMETERS,
			credentials: simulatorCredentials(sim, { privateKey: other }),
		});
		expect(run.error?.message).toContain('INVALID_SIGNATURE');
		const text = everythingKept(run);
		expectNoSecrets(text);
		expect(text).not.toContain(other.slice(100, 140));
	});
});
