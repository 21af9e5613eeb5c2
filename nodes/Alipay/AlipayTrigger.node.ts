import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { acknowledgementResponseFields, triggerProperties } from './trigger/properties';
import { handleNotification } from './trigger/webhook';

export class AlipayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alipay Trigger',
		name: 'alipayTrigger',
		icon: { light: 'file:alipay.svg', dark: 'file:alipay.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on verified Alipay payment and merchant registration notifications',
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
