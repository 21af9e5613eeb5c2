import {
	fromFunction,
	webhookDescriptionFields,
	type INodeProperties,
	type IWebhookDescription,
} from 'n8n-workflow';
import { optionsCollection } from '../descriptions/common';
import { MEMORY_LIMIT, MEMORY_WINDOW_MS } from './dedupe';

/** The Alipay Trigger's parameters and the response settings its two webhooks share. */

/**
 * Notifications whose request-time is further than this from n8n's clock are refused. Alipay
 * resends an unacknowledged notification for about 25 hours and does not document whether a resend
 * carries a new request-time, so the limit must let the last resend of the original time through;
 * it equals the duplicate memory's window, so a replay is either remembered or too old.
 */
export const DEFAULT_MAX_AGE_SECONDS = MEMORY_WINDOW_MS / 1000;

/** The output field n8n sends back in "after the workflow succeeds" mode (see the notice below). */
export const ACKNOWLEDGEMENT_FIELD = 'alipayAcknowledgement';

/**
 * "Immediately": the trigger answers itself (`onReceived` is then never used for the body).
 * "After the workflow succeeds": n8n answers when the run ends, with the acknowledgement field of
 * the last node's first item, or a 500 if the run failed, so Alipay resends.
 */
export const acknowledgementResponseFields: Pick<
	IWebhookDescription,
	'responseMode' | 'responseData' | 'responsePropertyName' | 'responseContentType'
> = {
	// The spread also carries n8n's native resolver (a symbol key), so no expression engine per request.
	...webhookDescriptionFields({
		responseMode: fromFunction((parameters: { acknowledge?: string }) =>
			parameters.acknowledge === 'afterWorkflowSucceeds' ? 'lastNode' : 'onReceived',
		),
	}),
	responseData: 'firstEntryJson',
	responsePropertyName: ACKNOWLEDGEMENT_FIELD,
	responseContentType: 'application/json',
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Alipay calls the two URLs above. Paste the one ending in <b>/payment</b> as Payment Notify URL in the Alipay node (Payment → Create Order Code) or in Antom Dashboard (Developer → Notification URL), and the one ending in <b>/registration</b> as Registration Notify URL in the Alipay node (Merchant → Register). Use the Production URLs once the workflow is published; the Test URLs work only while the editor listens for a test event.',
		name: 'urlNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['paymentSucceeded', 'paymentFailed', 'registrationApproved', 'registrationRejected'],
		description:
			'Which notifications start the workflow. Every other verified notification is still acknowledged, so Alipay stops resending it.',
		options: [
			{
				name: 'Payment Failed',
				value: 'paymentFailed',
				description:
					"A failed payment (result status F). Alipay documents payment notifications for successes only, so don't count on this one: learn failures and expiries with Payment → Get or Wait for Result.",
			},
			{
				name: 'Payment Other',
				value: 'paymentOther',
				description: 'Any other payment notification, e.g. PAYMENT_PENDING (paid, final result not yet known)',
			},
			{
				name: 'Payment Succeeded',
				value: 'paymentSucceeded',
				description: 'The customer paid (PAYMENT_RESULT with result status S)',
			},
			{
				name: 'Registration Approved',
				value: 'registrationApproved',
				description: 'Every wallet approved the merchant registration',
			},
			{
				name: 'Registration Other',
				value: 'registrationOther',
				description: 'Pending, partially approved (some wallets approved, some rejected) or unknown status',
			},
			{
				name: 'Registration Rejected',
				value: 'registrationRejected',
				description: 'Every wallet rejected the merchant registration',
			},
		],
	},
	{
		displayName: 'Acknowledge',
		name: 'acknowledge',
		type: 'options',
		default: 'immediately',
		description: 'When Alipay is told the notification arrived. Until then Alipay resends it, up to 8 times in 24 hours.',
		options: [
			{
				name: 'Immediately',
				value: 'immediately',
				description:
					'As soon as the notification is verified, before the workflow runs (recommended). If n8n stops before the run is stored, Alipay will not resend it.',
			},
			{
				name: 'After the Workflow Succeeds',
				value: 'afterWorkflowSucceeds',
				description: 'When the workflow has finished without error; a failed run makes Alipay resend',
			},
		],
	},
	{
		displayName: `n8n answers Alipay with the <b>${ACKNOWLEDGEMENT_FIELD}</b> field of the last node's first output item. It is in this trigger's output, and nodes such as If, Filter and Wait pass it on; if your last node replaces its input (HTTP Request, Slack, …), add an Edit Fields node at the end that keeps it. Without it Alipay sees no acknowledgement and resends. Duplicates are not skipped in this mode: a resend after a failed run must start the workflow again.`,
		name: 'afterSuccessNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { acknowledge: ['afterWorkflowSucceeds'] } },
	},
	{
		displayName: 'Skip Duplicates',
		name: 'skipDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether a resend of a notification that already started the workflow (same payment or registration, same status) is acknowledged without starting it again. It skips resends that arrive after the first delivery was answered, as Alipay's do (minutes to hours apart), in queue mode too. It cannot skip two deliveries that arrive at the same moment, and notifications answered close together can erase each other from its memory (last ${MEMORY_LIMIT} notifications, ${MEMORY_WINDOW_MS / 3_600_000} hours, kept in the workflow), so some of their resends run again; a node that writes workflow static data wipes it. For one effect per payment, make later steps idempotent with the paymentId or notificationKey output field. Deliveries to the Test URL are never skipped.`,
		displayOptions: { show: { acknowledge: ['immediately'] } },
	},
	optionsCollection([
		{
			displayName: 'Maximum Age (Seconds)',
			name: 'maxAgeSeconds',
			type: 'number',
			default: DEFAULT_MAX_AGE_SECONDS,
			typeOptions: { minValue: 0 },
			description: `Refuse notifications whose request-time is further than this from n8n's clock, so a captured notification cannot be replayed later. Without this option the limit is ${DEFAULT_MAX_AGE_SECONDS / 3600} hours, the span of Alipay's resends (its docs do not say whether a resend gets a new request-time, so a shorter limit may refuse a genuine late resend). A longer limit, or 0 (off), lets a replay start the workflow again once Skip Duplicates has forgotten it; After the Workflow Succeeds and the Test URL never skip duplicates. Keep n8n's clock in sync (NTP).`,
		},
		{
			displayName: 'Payment Path Signed by Alipay',
			name: 'paymentSignedPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. /alipay/notify/payment',
			description:
				'Only behind a reverse proxy that rewrites paths: the path of the payment URL Alipay calls. Alipay signs that path, not the one n8n sees. The query string received is kept unless you enter one.',
		},
		{
			displayName: 'Registration Path Signed by Alipay',
			name: 'registrationSignedPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. /alipay/notify/registration',
			description:
				'Only behind a reverse proxy that rewrites paths: the path of the registration URL Alipay calls',
		},
	]),
];
