import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { EndpointName, RequestOf, ResponseOf } from '../core';
import { readTransportOptions } from '../helpers/params';
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
	const client = createAlipayClient.call(execution, context.credentials, {
		...readTransportOptions(context.parameters, itemIndex),
		throttle: context.throttle,
	});
	const { response } = await client.call(endpoint, request);
	const raw = context.parameters.read<string>('output', itemIndex, 'simplified') === 'raw';
	return [{ json: raw ? (response as unknown as IDataObject) : simplify(response) }];
}
