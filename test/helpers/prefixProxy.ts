import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PrefixProxy {
	/** The proxy's URL with its prefix, e.g. `http://127.0.0.1:40123/alipay-gw`: what a user enters as Custom Base URL. */
	baseUrl: string;
	/** Paths the target received, in order. */
	forwarded: string[];
	close(): Promise<void>;
}

/**
 * A reverse proxy in front of a gateway that serves `prefix` and removes it before forwarding,
 * as an nginx `location /prefix/ { proxy_pass http://gateway/; }` does. Headers and bodies pass
 * through untouched both ways; a request outside the prefix gets a 404.
 */
export async function startPrefixProxy(target: string, prefix: string): Promise<PrefixProxy> {
	const forwarded: string[] = [];
	const upstream = new URL(target);
	const server: Server = createServer((req, res) => {
		const url = req.url ?? '/';
		if (!url.startsWith(`${prefix}/`)) {
			res.writeHead(404).end('not behind this proxy');
			return;
		}
		const path = url.slice(prefix.length);
		forwarded.push(path);
		const out = request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		out.on('error', () => res.destroy());
		req.pipe(out);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}${prefix}`,
		forwarded,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
