import {
	NodeHelpers,
	resolveWebhookDescriptionField,
	Workflow,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookDescription,
} from 'n8n-workflow';
import { AlipayApi } from '../../../../credentials/AlipayApi.credentials';
import { Alipay } from '../../../../nodes/Alipay/Alipay.node';
import { AlipayTrigger } from '../../../../nodes/Alipay/AlipayTrigger.node';
import { canvasSubtitle } from '../../../helpers/n8n';

const trigger = new AlipayTrigger();
const { description } = trigger;

const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: (): INodeType => trigger,
	getKnownTypes: (): IDataObject => ({}),
};

function nodeWith(acknowledge: string): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'trigger-0001',
		name: 'Alipay Trigger',
		type: 'test.alipayTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'alipay',
		parameters: { acknowledge },
	};
	const workflow = new Workflow({ id: 'wf-1', nodes: [node], connections: {}, active: true, nodeTypes });
	return { workflow, node: workflow.getNode(node.name) as INode };
}

describe('Alipay Trigger description', () => {
	it('follows the trigger conventions: name ends in Trigger, no inputs, not usable as a tool', () => {
		expect(description.name).toBe(`${new Alipay().description.name}Trigger`);
		expect(description.displayName).toBe(`${new Alipay().description.displayName} Trigger`);
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(description).not.toHaveProperty('usableAsTool');
		expect(description.credentials).toEqual([{ name: new AlipayApi().name, required: true }]);
	});

	it.each([
		[['paymentSucceeded'], 'Payment Succeeded'],
		[['registrationApproved', 'registrationRejected', 'registrationOther'], '3 events'],
		[['paymentSucceeded', 'paymentFailed'], '2 events'],
	])('the canvas subtitle for the events %j reads "%s", evaluated as the editor does', (events, words) => {
		expect(canvasSubtitle(trigger, { events })).toBe(words);
	});

	it('its description also reads as the introduction n8n shows above the Alipay node\'s actions', () => {
		expect(description.description).toMatch(/^Alipay order code payments: start workflows when customers pay/);
		expect(description.description).toMatch(/create, check and refund payments$/);
	});

	it('registers two POST webhooks named default with the stable paths payment and registration', () => {
		const webhooks = description.webhooks ?? [];
		expect(webhooks.map((w) => [w.name, w.httpMethod, w.path])).toEqual([
			['default', 'POST', 'payment'],
			['default', 'POST', 'registration'],
		]);
		const { node } = nodeWith('immediately');
		expect(webhooks.map((w) => NodeHelpers.getNodeWebhookPath('wf-1', node, w.path))).toEqual([
			'alipay/payment',
			'alipay/registration',
		]);
	});

	it.each([
		['immediately', 'onReceived'],
		['afterWorkflowSucceeds', 'lastNode'],
	])('acknowledge %s gives response mode %s, natively and through the expression engine', (acknowledge, mode) => {
		const { workflow, node } = nodeWith(acknowledge);
		for (const webhook of description.webhooks as IWebhookDescription[]) {
			const native = resolveWebhookDescriptionField(node, webhook, 'responseMode');
			expect(native).toEqual({ resolved: true, value: mode });
			const evaluated = workflow.expression.getSimpleParameterValue(
				node,
				webhook.responseMode,
				'webhook',
				{},
				undefined,
				'onReceived',
			);
			expect(evaluated).toBe(mode);
		}
	});
});
