import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { EndpointName, Throttle } from '../core';
import type { NodeParameters } from '../helpers/parameters';
import type { AlipayCredentials } from '../transport/credentials';

/** Resource → operation map; an operation missing from `OPERATIONS` (operations.ts) is a compile error. */
export type AlipayNodeMap = {
	payment: 'createOrderCode' | 'get' | 'cancel' | 'refund' | 'waitForResult';
	refund: 'get';
	merchant: 'register' | 'getRegistrationStatus' | 'getRegistrationInfo';
};

export type AlipayResource = keyof AlipayNodeMap;

/** What the router prepares once per execution and hands to every item. */
export interface OperationContext {
	credentials: AlipayCredentials;
	/** Reads each parameter once per execution unless it holds an expression. */
	parameters: NodeParameters;
	/** n8n's run index of this node in this execution (loops increase it; Retry On Fail does not). */
	runIndex: number;
	/** Shared by every item's requests, so a rate limit slows the whole batch down. */
	throttle: Throttle;
}

/** One item's output; the router pairs it with its input item. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
) => Promise<INodeExecutionData[]>;

/** What an `*.operation.ts` module gives the router. */
export interface Operation {
	execute: OperationExecute;
	/** The one API the operation is the node's face of, which names that API in error messages. */
	endpoint?: EndpointName;
}
