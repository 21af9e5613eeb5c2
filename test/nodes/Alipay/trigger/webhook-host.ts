import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	ApplicationError,
	createRunExecutionData,
	NodeHelpers,
	resolveWebhookDescriptionField,
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { AlipayTrigger } from '../../../../nodes/Alipay/AlipayTrigger.node';
import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';
import { TestCredentialsHelper } from '../../../helpers/n8n';

/**
 * Hosts the Alipay Trigger the way n8n 2.41.1's webhook server does (packages/cli
 * `webhooks/webhook-helpers.ts` `executeWebhook`, `live-webhooks.ts`), on a real HTTP server:
 * - `/webhook/<webhookId>/<path>` runs in 'webhook' mode, `/webhook-test/...` in 'manual' mode;
 * - the raw body is read into `req.rawBody` before the node runs, the JSON body into `req.body`;
 * - each request builds a fresh `Workflow` from the stored static data (n8n reads it from the
 *   database per request) and calls `webhook()` through n8n-core's real `WebhookContext`;
 * - the static data is stored back only when the node answered itself or started nothing, as
 *   n8n does (see docs/queue-mode.md);
 * - returned `workflowData` runs through n8n-core's `WorkflowExecute` from the trigger, and in
 *   'lastNode' mode the answer is the last node's first item (or 500 when the run failed).
 * Only the return shapes the Alipay Trigger produces are implemented; anything else throws.
 */

export const WEBHOOK_ID = 'alipay';
const TRIGGER = 'Alipay Trigger';
const NEXT = 'Next Step';

/** Stand-in for the user's next node: passes items on, replaces them, or fails. */
class NextStepNode implements INodeType {
	description = {
		displayName: 'Next Step',
		name: 'nextStep',
		group: ['transform'],
		version: 1,
		description: 'Test node after the trigger',
		defaults: { name: NEXT },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Behaviour', name: 'behaviour', type: 'string', default: 'passThrough' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const behaviour = this.getNodeParameter('behaviour', 0) as string;
		// An ApplicationError without a cause is not sent to n8n's error reporter, which would print it.
		if (behaviour === 'fail') throw new ApplicationError('the next step failed');
		if (behaviour === 'replace') return [[{ json: { posted: true }, pairedItem: { item: 0 } }]];
		return [this.getInputData()];
	}
}

class HostNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		'test.alipayTrigger': new AlipayTrigger(),
		'test.nextStep': new NextStepNode(),
	};
	getByName(name: string): INodeType | IVersionedNodeType {
		return this.types[name];
	}
	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[name], version);
	}
	getKnownTypes(): IDataObject {
		return {};
	}
}

export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	clientId: TEST_CLIENT_ID,
	environment: 'sandbox',
	gateway: 'asia',
	customBaseUrl: '',
	privateKey: TEST_KEYS.merchantPrivate,
	alipayPublicKey: TEST_KEYS.alipayPublic,
	keyVersion: 1,
};

export interface HostOptions {
	parameters?: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	/** The node after the trigger; none by default. */
	next?: 'passThrough' | 'replace' | 'fail';
	/** The workflow's stored static data, as n8n keeps it in the database. */
	staticData?: IDataObject;
}

export interface Execution {
	mode: WorkflowExecuteMode;
	/** The trigger's output items. */
	items: IDataObject[];
	run: IRun;
}

export interface HostResponse {
	status: number;
	contentType: string | undefined;
	/** The exact bytes the server wrote. */
	body: Buffer;
}

export interface WebhookHost {
	baseUrl: string;
	executions: Execution[];
	/** What the node logged as warnings (n8n's logger would print them). */
	warnings: string[];
	/** What n8n would have stored for the workflow's static data. */
	storedStaticData(): IDataObject;
	/** A webhook call as Alipay makes it: POST with the given headers and exact body bytes. */
	post(path: string, headers: Record<string, string>, body: string | Buffer): Promise<HostResponse>;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8') {
	res.statusCode = status;
	res.setHeader('Content-Type', contentType);
	res.end(JSON.stringify(body));
}

function additionalData(credentials: ICredentialDataDecryptedObject, baseUrl: string): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({}, { alipayApi: credentials }),
		executionId: '',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		variables: {},
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function startWebhookHost(options: HostOptions = {}): Promise<WebhookHost> {
	const nodeTypes = new HostNodeTypes();
	const nodes: INode[] = [
		{
			id: 'trigger-0001',
			name: TRIGGER,
			type: 'test.alipayTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: options.parameters ?? {},
			credentials: { alipayApi: { id: 'cred-1', name: 'Alipay test' } },
		},
	];
	if (options.next) {
		nodes.push({
			id: 'next-0001',
			name: NEXT,
			type: 'test.nextStep',
			typeVersion: 1,
			position: [200, 0],
			parameters: { behaviour: options.next },
		});
	}
	const connections: IConnections = options.next ? { [TRIGGER]: { main: [[{ node: NEXT, type: 'main' as const, index: 0 }]] } } : {};
	let stored: IDataObject = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const executions: Execution[] = [];
	const warnings: string[] = [];
	let baseUrl = '';

	async function runWorkflow(workflow: Workflow, mode: WorkflowExecuteMode, data: INodeExecutionData[][]) {
		const executionId = `exec-${executions.length + 1}`;
		const extra = additionalData(options.credentials ?? TEST_CREDENTIALS, baseUrl);
		extra.hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: 'wf-1',
			name: 'Alipay test',
			nodes,
			connections,
			active: true,
		} as never);
		const start = workflow.getNode(TRIGGER) as INode;
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: start, data: { main: data }, source: null }] },
		});
		const run = await new WorkflowExecute(extra, mode, runData).processRunExecutionData(workflow);
		executions.push({ mode, items: data[0].map((item) => item.json), run });
		return run;
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = req.url ?? '/';
		const match = /^\/(webhook|webhook-test)\/([^/?]+)\/([^?]+)/.exec(url);
		if (!match || match[2] !== WEBHOOK_ID || req.method !== 'POST') {
			sendJson(res, 404, { message: 'The requested webhook is not registered.' });
			return;
		}
		const mode: WorkflowExecuteMode = match[1] === 'webhook' ? 'webhook' : 'manual';
		const workflow = new Workflow({
			id: 'wf-1',
			name: 'Alipay test',
			nodes,
			connections,
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(stored)) as IDataObject,
		});
		const node = workflow.getNode(TRIGGER) as INode;
		const extra = additionalData(options.credentials ?? TEST_CREDENTIALS, baseUrl);
		// As the CLI's WebhookService.getNodeWebhooks: one registration per description entry.
		const description = nodeTypes
			.getByNameAndVersion(node.type, node.typeVersion)
			.description.webhooks?.find(
				(entry) => NodeHelpers.getNodeWebhookPath('wf-1', node, entry.path) === `${WEBHOOK_ID}/${match[3]}`,
			);
		if (!description) {
			sendJson(res, 404, { message: 'The requested webhook is not registered.' });
			return;
		}
		// n8n's parseBody: raw bytes first, JSON parsed only for application/json.
		const raw = await readBody(req);
		Object.assign(req, {
			originalUrl: url,
			rawBody: raw,
			readRawBody: async () => undefined,
			body: {},
		});
		if (/^application\/json/i.test(String(req.headers['content-type']))) {
			try {
				Object.assign(req, { body: JSON.parse(raw.toString('utf8')) as unknown });
			} catch {
				sendJson(res, 422, { message: 'Failed to parse request body' });
				return;
			}
		}
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${WEBHOOK_ID}/${match[3]}`,
			webhookDescription: description,
			workflowId: 'wf-1',
			workflowExecuteAdditionalData: extra,
			webhookId: WEBHOOK_ID,
		};
		extra.httpRequest = req as never;
		extra.httpResponse = res as never;

		// As WebhookExecutionContext: the native resolver first, the expression engine otherwise.
		const native = resolveWebhookDescriptionField(node, webhookData.webhookDescription, 'responseMode');
		const responseMode = native.resolved
			? native.value
			: workflow.expression.getSimpleParameterValue(
					node,
					webhookData.webhookDescription.responseMode,
					mode,
					{},
					undefined,
					'onReceived',
				);
		const context = new WebhookContext(workflow, node, extra, mode, webhookData, [], null);
		// n8n's logger is a process-wide service; the host records warnings instead of printing them.
		Object.defineProperty(context, 'logger', {
			value: {
				error: () => undefined,
				info: () => undefined,
				debug: () => undefined,
				warn: (message: string) => warnings.push(message),
			},
		});
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		let result;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			sendJson(res, 500, { message: 'Workflow Webhook Error: Workflow could not be started!' });
			executions.push({ mode, items: [], run: { data: { resultData: { error } } } as never });
			return;
		}

		const answeredOrIdle = result.noWebhookResponse === true || result.workflowData === undefined;
		if (answeredOrIdle && (workflow.staticData as IDataObject).__dataChanged === true) {
			stored = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true) sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (result.noWebhookResponse === true) {
			await runWorkflow(workflow, mode, result.workflowData);
			return;
		}
		if (responseMode !== 'lastNode') throw new Error(`response mode ${String(responseMode)} is not emulated`);
		const run = await runWorkflow(workflow, mode, result.workflowData);
		const lastNode = run.data.resultData.lastNodeExecuted;
		const lastTask = lastNode ? run.data.resultData.runData[lastNode]?.at(-1) : undefined;
		if (run.data.resultData.error || lastTask?.error) {
			sendJson(res, 500, { message: 'Error in workflow' });
			return;
		}
		const firstJson = lastTask?.data?.main?.[0]?.[0]?.json ?? {};
		const property = description.responsePropertyName as string | undefined;
		const body = property === undefined ? firstJson : firstJson[property];
		res.statusCode = 200;
		// express's res.json: JSON.stringify (nothing at all for undefined), charset appended.
		res.setHeader('Content-Type', `${String(description.responseContentType ?? 'application/json')}; charset=utf-8`);
		res.end(body === undefined ? '' : JSON.stringify(body));
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, { message: error.message });
			else res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

	return {
		baseUrl,
		executions,
		warnings,
		storedStaticData: () => stored,
		async post(path, headers, body) {
			const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body });
			return {
				status: response.status,
				contentType: response.headers.get('content-type') ?? undefined,
				body: Buffer.from(await response.arrayBuffer()),
			};
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
