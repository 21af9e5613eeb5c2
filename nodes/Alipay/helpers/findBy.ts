import type { NodeParameters } from './parameters';
import { text } from './params';

/**
 * The ID chosen under Find By (descriptions/common.ts `findByProperties`), as the one-field
 * request Alipay's inquiries take: `{paymentId}` or `{paymentRequestId}`, `{refundId}`, ...
 */
export function readFindBy<Request extends object>(parameters: NodeParameters, itemIndex: number): Request {
	const findBy = parameters.read<string>('findBy', itemIndex);
	return { [findBy]: text(parameters.read(findBy, itemIndex, '')) } as Request;
}
