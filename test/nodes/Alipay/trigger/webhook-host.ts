import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { AlipayTrigger } from '../../../../nodes/Alipay/AlipayTrigger.node';
import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';
import { TestCredentialsHelper } from '../../../helpers/n8n';

/**
 * Calls the Alipay Trigger's `webhook()` over real HTTP, through n8n-core's own `WebhookContext`,
 * with the request as n8n hands it over: `/webhook/<webhookId>/<path>` in 'webhook' mode,
 * `/webhook-test/...` in 'manual' mode, the exact body bytes in `req.rawBody`. The workflow's
 * static data stays in memory while the host runs.
 *
 * It records what the trigger returned and adds no behaviour of n8n's: when the trigger leaves the
 * answer to n8n it ends the response with an empty 204, when `webhook()` throws with a 500. What
 * n8n then does (runs the workflow, answers from the last node, saves the static data) is asserted
 * against a real n8n in test/e2e and test/queue.
 */

export const WEBHOOK_ID = 'alipay';
const TRIGGER = 'Alipay Trigger';
const TRIGGER_TYPE = 'test.alipayTrigger';

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
}

/** A call in which the trigger started the workflow. */
export interface Execution {
	mode: WorkflowExecuteMode;
	/** The trigger's output items. */
	items: IDataObject[];
	/** False when the trigger left the HTTP answer to n8n (Acknowledge: After the Workflow Succeeds). */
	answered: boolean;
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
	/** What `webhook()` threw, oldest first: n8n fails the execution with it. */
	errors: Array<Error & { description?: string }>;
	/** What the node logged as warnings (n8n's logger would print them). */
	warnings: string[];
	/** The workflow's static data as the trigger left it. */
	staticData(): IDataObject;
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

function endWith(res: ServerResponse, status: number): void {
	res.statusCode = status;
	res.end();
}

export async function startWebhookHost(options: HostOptions = {}): Promise<WebhookHost> {
	const trigger = new AlipayTrigger();
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: (): INodeType => trigger,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'trigger-0001',
		name: TRIGGER,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: options.parameters ?? {},
		credentials: { alipayApi: { id: 'cred-1', name: 'Alipay test' } },
	};
	const workflow = new Workflow({ id: 'wf-1', name: 'Alipay test', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {} });
	const credentialsHelper = new TestCredentialsHelper({}, { alipayApi: options.credentials ?? TEST_CREDENTIALS });
	const executions: Execution[] = [];
	const errors: WebhookHost['errors'] = [];
	const warnings: string[] = [];

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = req.url ?? '/';
		const match = /^\/(webhook|webhook-test)\/([^/?]+)\/([^?]+)/.exec(url);
		const path = match ? `${match[2]}/${match[3]}` : undefined;
		// n8n calls a node only for a path it registered, one per description entry.
		const description = trigger.description.webhooks?.find(
			(entry) => NodeHelpers.getNodeWebhookPath('wf-1', node, entry.path) === path,
		);
		if (!match || !description || req.method !== 'POST') return endWith(res, 404);
		const mode: WorkflowExecuteMode = match[1] === 'webhook' ? 'webhook' : 'manual';
		Object.assign(req, { originalUrl: url, rawBody: await readBody(req) });
		const additionalData = { credentialsHelper, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: TRIGGER,
			path: path!,
			webhookDescription: description,
			workflowId: 'wf-1',
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
		};
		const context = new WebhookContext(workflow, workflow.getNode(TRIGGER)!, additionalData, mode, webhookData, [], null);
		// n8n's logger is a process-wide service; the host records warnings instead of printing them.
		Object.defineProperty(context, 'logger', {
			value: { error: () => undefined, info: () => undefined, debug: () => undefined, warn: (m: string) => warnings.push(m) },
		});
		let result;
		try {
			result = await trigger.webhook.call(context);
		} catch (error) {
			errors.push(error as WebhookHost['errors'][number]);
			return endWith(res, 500);
		}
		const answered = result.noWebhookResponse === true;
		if (result.workflowData) executions.push({ mode, items: result.workflowData[0].map((item) => item.json), answered });
		if (!answered) endWith(res, 204);
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			errors.push(error);
			if (!res.headersSent) endWith(res, 500);
			else res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

	return {
		baseUrl,
		executions,
		errors,
		warnings,
		staticData: () => workflow.staticData as IDataObject,
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
