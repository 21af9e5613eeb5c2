import { createHash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { AlipayValidationError } from '../core';

/** Where the execution a default request ID is derived from is kept, in this node's context. */
const ORIGIN_KEY = 'alipayRequestIdOrigin';

/**
 * The idempotency key used when the user gives none. It is derived, not random, from the
 * execution it was first used in, the workflow, the node, the run index, the item index and the
 * field, so each business request (each item of each run of each execution) gets its own, and
 * every kind of repeat of that request gets the same one again:
 *
 * - the node's Retry On Fail runs the node again inside the same execution, same run index;
 * - n8n's execution Retry (both "with original" and "with current workflow") starts a *new*
 *   execution with a new ID, but carries the failed execution's saved state over unchanged: the
 *   run data of the nodes before (so the same input items, same run index) and the execution's
 *   context data, where `getContext('node')` lives. So the ID of the execution that first sent
 *   the request is kept in this node's context and read back by every Retry (of a Retry…);
 *   deriving from the new execution ID would send a second payment or refund.
 *
 * A new execution starts with an empty context and uses its own ID. Only letters and digits: the
 * APIs say request IDs take no special characters, so the default uses none at all (43 characters,
 * 160 bits of SHA-256, within the 64 allowed).
 */
export function defaultRequestId(this: IExecuteFunctions, field: string, itemIndex: number, runIndex: number): string {
	const node = this.getNode();
	const digest = createHash('sha256')
		.update([originExecutionId.call(this, field), this.getWorkflow().id ?? '', node.id ?? node.name, runIndex, itemIndex, field].join('\u0000'))
		.digest('hex');
	return `n8n${digest.slice(0, 40)}`;
}

function originExecutionId(this: IExecuteFunctions, field: string): string {
	const context = this.getContext('node');
	const kept = context[ORIGIN_KEY];
	if (typeof kept === 'string' && kept !== '') return kept;
	const executionId = this.getExecutionId();
	if (!executionId) {
		// Without an execution ID two different runs would share IDs: ask for an explicit one instead.
		throw new AlipayValidationError(
			field,
			'is required here: this run has no n8n execution ID to derive a stable one from',
			'Set it under Additional Fields, unique per order, e.g. from your order number.',
		);
	}
	context[ORIGIN_KEY] = executionId;
	return executionId;
}
