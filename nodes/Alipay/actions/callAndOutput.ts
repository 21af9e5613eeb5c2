import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { EndpointName, RequestOf, ResponseOf } from '../core';
import { transportOptions } from '../helpers/params';
import { createAlipayClient } from '../transport';
import type { OperationContext } from './node.type';

/**
 * How every operation ends: send the request with the item's retry options, then output Alipay's
 * verified answer as received (Raw) or in the operation's simplified shape. `execution` is a plain
 * parameter rather than `this` because `.call()` would erase the endpoint's type.
 */
export async function callAndOutput<E extends EndpointName>(
	execution: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
	endpoint: E,
	request: RequestOf<NoInfer<E>>,
	simplify: (response: ResponseOf<NoInfer<E>>) => IDataObject,
): Promise<INodeExecutionData[]> {
	const options = execution.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = createAlipayClient.call(execution, context.credentials, {
		...transportOptions(options),
		throttle: context.throttle,
	});
	const { response } = await client.call(endpoint, request);
	const raw = execution.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	return [{ json: raw ? (response as unknown as IDataObject) : simplify(response) }];
}
