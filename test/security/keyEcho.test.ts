import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { AlipayApi } from '../../credentials/AlipayApi.credentials';
import { TEST_KEYS } from '../helpers/keys';
import { loggedMessages, probeCredential, type NodeRun } from '../helpers/n8n';
import type { TestSimulator } from '../helpers/simulator';
import { ORDER_CODE_PARAMETERS, runAlipay, simulatorCredentials, useSimulator } from '../nodes/Alipay/actions/fixtures';
import { parseAlipayTime } from '../../nodes/Alipay/core';
import { useClockAt, vector, vectorHeaders } from '../nodes/Alipay/trigger/signed';
import { startWebhookHost, TEST_CREDENTIALS } from '../nodes/Alipay/trigger/webhook-host';

/**
 * A private key pasted into the wrong credential field (both are long text fields) must never come
 * back in anything a person who can see executions or logs, but not the credential, could read.
 */

const credential = new AlipayApi();
const SECRET = TEST_KEYS.merchantPrivate;
const PEM = `-----BEGIN PRIVATE KEY-----\n${SECRET.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
const RUN = 20;

/** Every field a user can type into, in the order the form shows them. */
const FIELDS = credential.properties.filter((p) => p.type !== 'notice').map((p) => p.name);

let sim: TestSimulator;
useSimulator((started) => (sim = started));
const payment = vector('notify-payment');
useClockAt(parseAlipayTime(payment.time)!);

/** The first 20-character run of the key found in `text`, or undefined. */
function keyRunIn(text: string): string | undefined {
	const flat = text.replace(/\\n|\s/g, '');
	for (let i = 0; i + RUN <= SECRET.length; i++) {
		const run = SECRET.slice(i, i + RUN);
		if (flat.includes(run)) return run;
	}
	return undefined;
}

function everything(run: NodeRun): string {
	const error = run.error
		? Object.fromEntries(Object.getOwnPropertyNames(run.error).map((k) => [k, (run.error as never)[k]]))
		: undefined;
	return JSON.stringify({ run: run.run, items: run.items, error }, (_, value: unknown) =>
		value instanceof Error ? { message: value.message, stack: value.stack, description: (value as { description?: unknown }).description } : value,
	);
}

describe.each([
	['one-line base64', SECRET],
	['PEM', PEM],
])('a private key (%s) pasted into any credential field is never echoed', (_, pasted) => {
	it('the credential lists the fields this test covers', () => {
		expect(FIELDS).toEqual(expect.arrayContaining(['clientId', 'customBaseUrl', 'privateKey', 'alipayPublicKey', 'keyVersion']));
	});

	it.each(FIELDS)('%s: in the Alipay node’s errors, outputs and log lines', async (field) => {
		loggedMessages.length = 0;
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, options: { ...(ORDER_CODE_PARAMETERS.options as object), retryAttempts: 1 } },
			credentials: simulatorCredentials(sim, { [field]: pasted }),
			settings: { onError: 'continueRegularOutput' },
		});
		expect(keyRunIn(everything(run))).toBeUndefined();
		expect(keyRunIn(JSON.stringify(loggedMessages))).toBeUndefined();
	});

	it.each(FIELDS)('%s: in the credential test’s answer', async (field) => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { [field]: pasted }));
		expect(keyRunIn(JSON.stringify(result))).toBeUndefined();
	});

	it.each(FIELDS)('%s: in the Alipay Trigger’s answers, executions and log lines', async (field) => {
		const credentials: ICredentialDataDecryptedObject = {
			...TEST_CREDENTIALS,
			gateway: field === 'customBaseUrl' ? 'custom' : TEST_CREDENTIALS.gateway,
			[field]: pasted,
		};
		const host = await startWebhookHost({ credentials });
		try {
			const response = await host.post(payment.path, vectorHeaders(payment), payment.body);
			expect(keyRunIn(response.body.toString('utf8'))).toBeUndefined();
			expect(keyRunIn(JSON.stringify(host.warnings))).toBeUndefined();
			for (const execution of host.executions) expect(keyRunIn(JSON.stringify(execution.items))).toBeUndefined();
			for (const error of host.errors) expect(keyRunIn(JSON.stringify({ message: error.message, description: error.description }))).toBeUndefined();
		} finally {
			await host.close();
		}
	});
});
