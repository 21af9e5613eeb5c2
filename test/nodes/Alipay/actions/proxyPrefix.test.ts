import { AlipayApi } from '../../../../credentials/AlipayApi.credentials';
import { probeCredential } from '../../../helpers/n8n';
import { startPrefixProxy, type PrefixProxy } from '../../../helpers/prefixProxy';
import type { TestSimulator } from '../../../helpers/simulator';
import { gatewayRequests, ORDER_CODE_PARAMETERS, runAlipay, simulatorCredentials, simulatorPayments, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

let proxy: PrefixProxy;
beforeEach(async () => {
	proxy = await startPrefixProxy(sim.baseUrl, '/alipay-gw');
});
afterEach(() => proxy.close());

describe('a Custom Base URL with a path prefix: a proxy that removes the prefix before Alipay', () => {
	const behindProxy = () => simulatorCredentials(sim, { customBaseUrl: proxy.baseUrl });

	it('a request is signed over the path Alipay receives, and its answer verified over the same path', async () => {
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, credentials: behindProxy() });
		expect(run.error).toBeUndefined();
		const [payment] = await simulatorPayments(sim);
		expect(run.items[0].json.paymentId).toBe(payment.paymentId);
		expect(proxy.forwarded).toEqual(['/ams/sandbox/api/v1/payments/pay']);
		const [request] = await gatewayRequests(sim);
		expect(String(request.verifiedContent)).toMatch(/^POST \/ams\/sandbox\/api\/v1\/payments\/pay\n/);
	});

	it('the credential test agrees: it passes through the same proxy', async () => {
		const result = await probeCredential(new AlipayApi(), behindProxy());
		expect(result).toMatchObject({ status: 'OK' });
		// n8n's own test request after the probe goes through the proxy too: test/e2e/25-retries.
		expect(proxy.forwarded).toEqual(['/ams/sandbox/api/v1/payments/inquiryPayment']);
	});
});
