import type { IExecuteFunctions } from 'n8n-workflow';
import { text } from './params';

/**
 * The ID chosen under Find By (descriptions/common.ts `findByProperties`), as the one-field
 * request Alipay's inquiries take: `{paymentId}` or `{paymentRequestId}`, `{refundId}`, ...
 * `execution` is a plain parameter rather than `this` so the request type can be given.
 */
export function readFindBy<Request extends object>(execution: IExecuteFunctions, itemIndex: number): Request {
	const findBy = execution.getNodeParameter('findBy', itemIndex) as string;
	return { [findBy]: text(execution.getNodeParameter(findBy, itemIndex, '')) } as Request;
}
