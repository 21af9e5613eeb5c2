import { createHash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { AlipayValidationError } from '../core';

/**
 * The idempotency key used when the user gives none (spec §2.10). It is derived, not random: the
 * same item of the same execution, node and run gets the same ID, so n8n's Retry On Fail (which
 * re-runs the node with the same run index) repeats the request instead of creating a second
 * payment, while a new execution or another loop iteration (run index) gets a new one.
 * Base64url keeps it within Alipay's `[A-Za-z0-9_-]{1,64}`.
 */
export function defaultRequestId(this: IExecuteFunctions, field: string, itemIndex: number, runIndex: number): string {
	const executionId = this.getExecutionId();
	if (!executionId) {
		// Without an execution ID two different runs would share IDs: ask for an explicit one instead.
		throw new AlipayValidationError(
			field,
			'is required here: this run has no n8n execution ID to derive a stable one from',
			'Set it under Additional Fields, unique per order, e.g. from your order number.',
		);
	}
	const node = this.getNode();
	const digest = createHash('sha256')
		.update([executionId, this.getWorkflow().id ?? '', node.id ?? node.name, runIndex, itemIndex, field].join('\u0000'))
		.digest('base64url');
	return `n8n_${digest.slice(0, 40)}`;
}
