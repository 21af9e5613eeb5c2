import { loggedMessages } from '../../../helpers/n8n';
import type { TestSimulator } from '../../../helpers/simulator';
import { runAlipay, simulatorCredentials, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

describe('credential settings that work but are probably mistakes', () => {
	beforeEach(() => loggedMessages.splice(0));

	it('are logged once per execution as warnings, not once per item', async () => {
		const run = await runAlipay({
			sim,
			credentials: simulatorCredentials(sim, { environment: 'production' }),
			parameters: { resource: 'refund', operation: 'get', findBy: 'refundRequestId', refundRequestId: 'NONE', options: { notFoundRetries: 0 } },
			items: [{}, {}, {}],
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.items).toHaveLength(3);
		expect(loggedMessages.filter((m) => m.level === 'warn').map((m) => m.message)).toEqual([
			'Alipay API credential: The client ID starts with SANDBOX_ but Environment is Production: Alipay will reject it. Choose Sandbox.',
		]);
	});

	it('are not logged for a consistent credential', async () => {
		await runAlipay({
			sim,
			parameters: { resource: 'refund', operation: 'get', findBy: 'refundRequestId', refundRequestId: 'NONE', options: { notFoundRetries: 0 } },
			settings: { onError: 'continueRegularOutput' },
		});
		expect(loggedMessages.filter((m) => m.level === 'warn')).toEqual([]);
	});
});
