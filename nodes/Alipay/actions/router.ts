import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { Throttle } from '../core';
import { CREDENTIAL_TYPE } from '../transport';
import { nodeParameters } from '../helpers/parameters';
import { readAlipayCredentials, type AlipayCredentials } from '../transport/credentials';
import { errorItemJson, toNodeError } from './errorMapping';
import type { AlipayResource, OperationContext } from './node.type';
import { findOperation } from './operations';

/**
 * The item loop: credentials are read and keys parsed once per execution, each item runs one
 * operation, and every failure is turned into an n8n error (errorMapping.ts) here and only here, with
 * its item index.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	// Resource and operation take no expressions, so they are the same for every item.
	const resource = this.getNodeParameter('resource', 0) as AlipayResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = findOperation(resource, operation);
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for ${resource}`);
	}

	let credentials: AlipayCredentials | undefined;
	let credentialProblem: unknown;
	try {
		credentials = readAlipayCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	} catch (error) {
		credentialProblem = error;
	}
	if (!credentials) {
		const error = toNodeError.call(this, credentialProblem, undefined);
		if (!this.continueOnFail()) throw error;
		return [
			items.map((_, item) => ({
				json: errorItemJson.call(this, error, credentialProblem),
				pairedItem: { item },
			})),
		];
	}
	// Settings that work but are probably mistakes (plain http to a remote host, the China platform's
	// host, an environment that contradicts the client ID): said once per execution, not per item.
	for (const warning of credentials.gateway.warnings) this.logger.warn(`Alipay API credential: ${warning}`);
	const context: OperationContext = {
		credentials,
		parameters: nodeParameters(this),
		runIndex: this.getWorkflowDataProxy(0).$runIndex as number,
		throttle: new Throttle(),
	};

	// Batching is read once, from the first item, as n8n's HTTP Request node reads it. A batch's
	// items are sent together and the next batch starts only when all of them are answered (retries
	// included), so at most `batchSize` requests are in flight and a slow or throttling gateway
	// slows the batches down. Items keep their index, so their request IDs do not depend on it.
	const { batchSize, batchIntervalMs } = readBatching(this.getNodeParameter('options.batching.batch', 0, {}));
	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const batch = Array.from({ length: Math.min(batchSize, items.length - start) }, (_, n) => start + n);
		const outcomes = await Promise.allSettled(batch.map(async (itemIndex) => await handler.execute.call(this, itemIndex, context)));
		for (const [n, outcome] of outcomes.entries()) {
			const itemIndex = batch[n];
			if (outcome.status === 'fulfilled') {
				// Set here for every operation, so none can forget it.
				returnData.push(...outcome.value.map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
				continue;
			}
			const error = toNodeError.call(this, outcome.reason, itemIndex);
			if (!this.continueOnFail()) throw error;
			returnData.push({
				json: errorItemJson.call(this, error, outcome.reason),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}

/** Items per batch (1: one after another, the default) and the pause between batches. */
export function readBatching(value: unknown): { batchSize: number; batchIntervalMs: number } {
	const batch = (value ?? {}) as IDataObject;
	const size = Math.floor(Number(batch.batchSize ?? 1));
	const interval = Number(batch.batchInterval ?? 0);
	return {
		batchSize: Number.isFinite(size) && size >= 1 ? size : 1,
		batchIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : 0,
	};
}
