import type { IExecuteFunctions } from 'n8n-workflow';
import { REQUEST_ID_PATTERN } from '../../../../nodes/Alipay/core';
import { defaultRequestId } from '../../../../nodes/Alipay/helpers/requestId';

function context(executionId: string | undefined, nodeId = 'node-1'): IExecuteFunctions {
	return {
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'wf-1', active: false }),
		getNode: () => ({ id: nodeId, name: 'Alipay' }),
	} as unknown as IExecuteFunctions;
}

describe('default request IDs', () => {
	const id = (ctx: IExecuteFunctions, item = 0, run = 0, field = 'paymentRequestId') =>
		defaultRequestId.call(ctx, field, item, run);

	test('the same execution, node, run and item always get the same ID (what Retry On Fail repeats)', () => {
		expect(id(context('e1'))).toBe(id(context('e1')));
	});

	test('a new execution, another item, another loop run or another node gets a new ID', () => {
		const base = id(context('e1'));
		expect(id(context('e2'))).not.toBe(base);
		expect(id(context('e1'), 1)).not.toBe(base);
		expect(id(context('e1'), 0, 1)).not.toBe(base);
		expect(id(context('e1', 'node-2'))).not.toBe(base);
		expect(id(context('e1'), 0, 0, 'refundRequestId')).not.toBe(base);
	});

	test('fits Alipay: at most 64 characters of letters, digits, _ and -', () => {
		for (const execution of ['1', '98765432109876543210', 'exec with spaces/and:symbols']) {
			const value = id(context(execution), 12345, 678);
			expect(value.length).toBeLessThanOrEqual(64);
			expect(value).toMatch(REQUEST_ID_PATTERN);
		}
	});

	test('without an execution ID it asks for an explicit ID instead of guessing one', () => {
		expect(() => id(context(undefined))).toThrow(/paymentRequestId is required here/);
	});
});
