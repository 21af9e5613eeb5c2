import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { acknowledgementResponseFields, triggerProperties } from './trigger/properties';
import { handleNotification } from './trigger/webhook';

/** The canvas subtitle: the one event's name ("Payment Succeeded"), or how many ("3 events"). */
function eventsSubtitle(): string {
	const events = triggerProperties.find((p) => p.name === 'events');
	const names = Object.fromEntries((events?.options as INodePropertyOptions[]).map((o) => [o.value, o.name]));
	return `={{ $parameter["events"].length === 1 ? (${JSON.stringify(names)})[$parameter["events"][0]] : $parameter["events"].length + " events" }}`;
}

export class AlipayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alipay Trigger',
		name: 'alipayTrigger',
		icon: { light: 'file:alipay.svg', dark: 'file:alipay.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle(),
		// n8n's node picker also shows this above the Alipay node's actions, so it speaks for both nodes.
		description:
			'Alipay order code payments: start workflows when customers pay or merchant registrations are decided; create, check and refund payments',
		defaults: { name: 'Alipay Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alipayApi', required: true }],
		// Stable paths: Alipay keeps calling whatever URL was pasted, so these must never change.
		webhooks: [
			{ name: 'default', httpMethod: 'POST', path: 'payment', ...acknowledgementResponseFields },
			{ name: 'default', httpMethod: 'POST', path: 'registration', ...acknowledgementResponseFields },
		],
		properties: [...triggerProperties],
	};

	// Alipay has no API to register notification URLs: the user pastes them (see the notice).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleNotification.call(this);
	}
}
