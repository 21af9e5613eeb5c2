import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import { holdsExpression, nodeParameters } from '../../../../nodes/Alipay/helpers/parameters';

/** n8n's getNodeParameter in miniature: an expression evaluates to something that names the item. */
function execution(parameters: INodeParameters) {
	const evaluate = (value: unknown, item: number): unknown => {
		if (typeof value === 'string') return value.startsWith('=') ? `${value.slice(1)}@${item}` : value;
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, item)]));
		}
		return value;
	};
	const getNodeParameter = jest.fn((name: string, item: number, fallback?: unknown) => {
		let value: unknown = parameters;
		for (const key of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
		if (value === undefined && fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
		return evaluate(value ?? fallback, item);
	});
	const context = { getNode: () => ({ parameters: structuredClone(parameters) }), getNodeParameter };
	return { context: context as unknown as IExecuteFunctions, getNodeParameter };
}

describe('node parameters in the item loop', () => {
	it('reads a parameter without an expression once per execution, and gives every item that value', () => {
		const { context, getNodeParameter } = execution({ findBy: 'paymentId', output: 'raw' });
		const parameters = nodeParameters(context);
		const read = [0, 1, 2].map((item) => parameters.read('findBy', item));
		expect(read).toEqual(['paymentId', 'paymentId', 'paymentId']);
		expect(getNodeParameter).toHaveBeenCalledTimes(1);
	});

	it('reads a parameter holding an expression for every item, with that item', () => {
		const { context, getNodeParameter } = execution({ paymentId: '={{ $json.id }}' });
		const parameters = nodeParameters(context);
		expect([0, 1].map((item) => parameters.read('paymentId', item))).toEqual(['{{ $json.id }}@0', '{{ $json.id }}@1']);
		expect(getNodeParameter).toHaveBeenCalledTimes(2);
	});

	it('reads a collection per item when an expression sits anywhere in it, and a constant key of it once', () => {
		const options = { maxAttempts: 4, batching: { batch: { batchSize: '={{ $json.size }}' } } };
		const { context, getNodeParameter } = execution({ options });
		const parameters = nodeParameters(context);
		expect(parameters.read('options', 1)).toEqual({ maxAttempts: 4, batching: { batch: { batchSize: '{{ $json.size }}@1' } } });
		expect(parameters.read('options', 2)).toEqual({ maxAttempts: 4, batching: { batch: { batchSize: '{{ $json.size }}@2' } } });
		expect([0, 1, 2].map((item) => parameters.read('options.maxAttempts', item))).toEqual([4, 4, 4]);
		expect(getNodeParameter.mock.calls.map(([name]) => name)).toEqual(['options', 'options', 'options.maxAttempts']);
	});

	it('answers the fallback for an option that was never added, and lets n8n refuse a missing parameter without one', () => {
		const { context, getNodeParameter } = execution({ options: {} });
		const parameters = nodeParameters(context);
		expect(parameters.read('options.timeoutSeconds', 0, null)).toBeNull();
		expect(getNodeParameter).not.toHaveBeenCalled();
		expect(() => parameters.read('findBy', 0)).toThrow('Could not get parameter "findBy"');
	});

	it('gives each item its own copy of a constant collection, so changing it for one item changes no other', () => {
		const { context } = execution({ additionalFields: { storeName: 'Shop' } });
		const parameters = nodeParameters(context);
		parameters.read<Record<string, unknown>>('additionalFields', 0).storeName = 'changed';
		expect(parameters.read('additionalFields', 1)).toEqual({ storeName: 'Shop' });
	});

	it.each([
		['=literal', true],
		[{ a: [{ b: '={{ 1 }}' }] }, true],
		['a = b', false],
		[{ a: ['x', 3, null, true] }, false],
	])('%j holds an expression: %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});
