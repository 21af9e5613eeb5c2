import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { defaultRequestId } from '../../../../nodes/Alipay/helpers/requestId';

/** A node's view of one execution; `nodeContext` is what n8n keeps in the execution's context data. */
function context(executionId: string | undefined, nodeId = 'node-1', nodeContext: IDataObject = {}): IExecuteFunctions {
	return {
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'wf-1', active: false }),
		getNode: () => ({ id: nodeId, name: 'Alipay' }),
		getContext: () => nodeContext,
	} as unknown as IExecuteFunctions;
}

describe('default request IDs', () => {
	const id = (ctx: IExecuteFunctions, item = 0, run = 0, field = 'paymentRequestId') =>
		defaultRequestId.call(ctx, field, item, run);

	it('the same execution, node, run and item always get the same ID (what Retry On Fail repeats)', () => {
		expect(id(context('e1'))).toBe(id(context('e1')));
	});

	it('a new execution, another item, another loop run or another node gets a new ID', () => {
		const base = id(context('e1'));
		expect(id(context('e2'))).not.toBe(base);
		expect(id(context('e1'), 1)).not.toBe(base);
		expect(id(context('e1'), 0, 1)).not.toBe(base);
		expect(id(context('e1', 'node-2'))).not.toBe(base);
		expect(id(context('e1'), 0, 0, 'refundRequestId')).not.toBe(base);
	});

	it("an execution Retry (new execution ID, the failed execution's context carried over) gets the first execution's IDs", () => {
		const carried: IDataObject = {};
		const first = [id(context('e1', 'node-1', carried)), id(context('e1', 'node-1', carried), 1)];
		const retry = [id(context('e7', 'node-1', carried)), id(context('e7', 'node-1', carried), 1)];
		const retryOfRetry = [id(context('e9', 'node-1', carried)), id(context('e9', 'node-1', carried), 1)];
		expect(retry).toEqual(first);
		expect(retryOfRetry).toEqual(first);
		expect(first[0]).not.toBe(first[1]);
	});

	it('only letters and digits (no special characters at all), well within 64', () => {
		for (const execution of ['1', '98765432109876543210', 'exec with spaces/and:symbols']) {
			const value = id(context(execution), 12345, 678);
			expect(value).toMatch(/^n8n[0-9a-f]{40}$/);
		}
	});

	it('without an execution ID it asks for an explicit ID instead of guessing one', () => {
		expect(() => id(context(undefined))).toThrow(/paymentRequestId is required here/);
	});
});
