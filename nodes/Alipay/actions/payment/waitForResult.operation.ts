import { sleep, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { AlipayValidationError, parseAlipayTime, type PaymentReference } from '../../core';
import {
	batchingOption,
	optionsCollection,
	outputProperty,
	paymentReferenceProperties,
	retryOptions,
} from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { readFindBy } from '../../helpers/findBy';
import { text, transportOptions } from '../../helpers/params';
import { withoutUndefined, simplifyPaymentStatus } from '../../helpers/simplify';
import { FINAL_PAYMENT_STATUSES, waitForPaymentResult, type WaitResult } from '../../helpers/waitForResult';
import { createAlipayClient } from '../../transport';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName:
			'Place this after the node that shows the code (Respond to Webhook, an email, a chat message). The execution keeps running for the whole wait; for many orders at once, record results with the Alipay Trigger instead (example 2).',
		name: 'waitNotice',
		type: 'notice',
		default: '',
	},
	...paymentReferenceProperties,
	{
		displayName: 'Code Expires At',
		name: 'codeExpiresAt',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.codeExpiresAt }}',
		description:
			'When the code expires, from Create Order Code (codeExpiresAt): the wait ends then, since nobody can pay later. Leave empty to wait until Alipay reports a result or Max Wait passes.',
	},
	optionsCollection([
		batchingOption,
		{
			displayName: 'Cancel If Unpaid',
			name: 'cancelIfUnpaid',
			type: 'boolean',
			default: true,
			description:
				'Whether to cancel the order at Alipay when the wait ends without a result (the code expired or Max Wait passed), so it can never be paid late',
		},
		{
			displayName: 'First Check Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.05, numberPrecision: 2 },
			default: 2,
			description: 'Wait between the first two checks; each later wait is half as long again, up to 10 seconds',
		},
		{
			displayName: 'Max Unclear Answers',
			name: 'maxUnclearAnswers',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 10,
			description:
				'How many checks in a row may get no clear answer (no answer, an unknown result, or "order does not exist" just after creating it) before the wait fails',
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 30,
			description: 'Stop waiting after this long even if the code has not expired',
		},
		...retryOptions,
	]),
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['waitForResult'] } }, properties);

const MAX_INTERVAL_MS = 10_000;

export const execute: OperationExecute = async function (itemIndex, context) {
	const reference = readFindBy<PaymentReference>(context.parameters, itemIndex);
	const options = context.parameters.read('options', itemIndex, {}) as IDataObject;
	const expiresText = text(context.parameters.read('codeExpiresAt', itemIndex, ''));
	const expiresAt = expiresText === undefined ? undefined : parseAlipayTime(expiresText);
	if (expiresText !== undefined && expiresAt === undefined) {
		throw new AlipayValidationError(
			'codeExpiresAt',
			`must be a date-time with its zone, such as 2026-11-29T12:03:00+08:00 (got "${expiresText}")`,
			'Map codeExpiresAt from Create Order Code, or leave it empty. Nothing was sent to Alipay.',
		);
	}

	const client = createAlipayClient.call(this, context.credentials, {
		...transportOptions(options),
		throttle: context.throttle,
	});
	const cancelSignal = this.getExecutionCancelSignal();
	const outcome = await waitForPaymentResult(
		reference,
		{
			maxWaitMs: Math.max(0, Number(options.maxWaitMinutes ?? 30)) * 60_000,
			expiresAt,
			firstIntervalMs: Math.max(50, Number(options.pollIntervalSeconds ?? 2) * 1000),
			maxIntervalMs: MAX_INTERVAL_MS,
			maxUnclearAnswers: Math.max(1, Math.floor(Number(options.maxUnclearAnswers ?? 10))),
			cancelIfUnpaid: options.cancelIfUnpaid !== false,
		},
		{
			inquire: async (ref) => (await client.call('inquiryPayment', ref)).response,
			cancel: async (ref) => (await client.call('cancel', ref)).response,
			sleep,
			now: Date.now,
			stopped: () => cancelSignal?.aborted === true,
		},
	);
	const raw = context.parameters.read<string>('output', itemIndex, 'simplified') === 'raw';
	// Raw is Alipay's last answer about the payment, exactly as received.
	const json = raw
		? ((outcome.inquiry ?? outcome.cancel) as unknown as IDataObject)
		: simplifyWaitResult(outcome);
	return [{ json }];
};

/** The payment's status as Get Payment shows it, plus how the wait ended. */
function simplifyWaitResult(outcome: WaitResult): IDataObject {
	const reported = outcome.inquiry?.paymentStatus;
	const paymentStatus =
		reported && FINAL_PAYMENT_STATUSES.has(reported) ? reported : outcome.cancel ? 'CANCELLED' : reported;
	return withoutUndefined({
		...simplifyPaymentStatus(outcome.inquiry),
		paymentStatus,
		paid: paymentStatus === 'SUCCESS',
		paymentId: outcome.paymentId,
		paymentRequestId: outcome.paymentRequestId,
		waitEndedBy: outcome.endedBy,
		cancelled: outcome.cancel ? true : undefined,
		cancelTime: outcome.cancel?.cancelTime,
		checks: outcome.checks,
	});
}
