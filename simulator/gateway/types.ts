import type { SimContext } from '../context';
import type { ResponseBody } from './results';

/** An authenticated, validated API call. */
export interface GatewayCall {
	clientId: string;
	/** A sandbox call: under /ams/sandbox/api (or by client ID, with `sandboxBy: 'clientId'`). */
	sandbox: boolean;
	/** The parsed body; scalars are strings (lenient mode reads numbers as their text). */
	body: Record<string, unknown>;
}

export type GatewayHandler = (ctx: SimContext, call: GatewayCall) => ResponseBody;
