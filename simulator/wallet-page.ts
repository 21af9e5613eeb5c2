import type { SimContext } from './context';
import { notificationView, paymentView } from './views';
import type { PaymentRecord } from './store';

/**
 * The loopback wallet page: open order codes as scannable QR images with the buttons a customer's
 * wallet would offer, registrations with the wallets' Approve / Reject, recent gateway requests with the exact content verified and signed (the
 * quickest way to debug a signature mismatch), and the notification log.
 */
const escape = (value: unknown): string =>
	String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23}
header{background:#1677ff;color:#fff;padding:12px 20px}header h1{margin:0;font-size:18px}
main{padding:16px 20px;max-width:1200px}section{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:16px}
h2{font-size:16px;margin:4px 0 12px}.codes{display:flex;flex-wrap:wrap;gap:12px}
.code{border:1px solid #dde;border-radius:8px;padding:10px;width:220px}.code img{width:180px;height:180px;display:block;margin:auto}
button{margin:4px 4px 0 0;padding:4px 10px;border-radius:4px;border:1px solid #999;cursor:pointer;background:#fff}
button.pay{background:#1677ff;color:#fff;border-color:#1677ff}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;word-break:break-all;margin:0;font-size:12px;max-width:640px}
.S{color:#08790b}.F{color:#b3261e}.U{color:#a05a00}details summary{cursor:pointer;color:#1677ff}small{color:#666}`;

const SCRIPT = `
async function act(path){const r=await fetch(path,{method:'POST'});if(!r.ok){alert((await r.json()).error)}location.reload()}`;

function page(title: string, body: string, refreshSeconds?: number): string {
	// Reload for fresh state, but not while someone is reading an expanded signature block.
	const refresh = refreshSeconds
		? `<script>setInterval(()=>{if(!document.querySelector('details[open]'))location.reload()},${refreshSeconds * 1000})</script>`
		: '';
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
${refresh}<title>${escape(title)}</title>
<style>${STYLE}</style><script>${SCRIPT}</script></head><body><header><h1>${escape(title)}</h1></header><main>${body}</main></body></html>`;
}

function actionButtons(p: PaymentRecord): string {
	const base = `/_sim/payments/${encodeURIComponent(p.paymentId)}`;
	return ['pay', 'decline', 'expire']
		.map((a) => `<button class="${a}" onclick="act('${base}/${a}')">${a[0].toUpperCase()}${a.slice(1)}</button>`)
		.join('');
}

function openCodes(ctx: SimContext): string {
	const open = [...ctx.store.payments.values()].filter((p) => p.status === 'PROCESSING').reverse();
	if (open.length === 0) return '<p><small>No open order codes. Call pay to create one.</small></p>';
	return `<div class="codes">${open
		.map((p) => {
			const view = paymentView(ctx, p);
			return `<div class="code"><img alt="order code" src="${escape(view.orderCode.small)}">
<div><b>${escape(view.amountText)}</b> · ${escape(p.orderDescription)}</div>
<small>${escape(p.paymentRequestId)}<br>expires ${escape(view.expiryTime)}</small><div>${actionButtons(p)}</div></div>`;
		})
		.join('')}</div>`;
}

function registrations(ctx: SimContext): string {
	const list = [...ctx.store.registrations.values()].reverse().slice(0, 50);
	if (list.length === 0) return '<p><small>No registrations yet.</small></p>';
	const rows = list
		.map((r) => {
			const base = `/_sim/registrations/${encodeURIComponent(r.registrationRequestId)}`;
			const wallets = r.wallets
				.map((w) => `${escape(w.pspName)}: ${escape(w.status)}${w.rejectReasons ? ` <small>(${escape(w.rejectReasons)})</small>` : ''}`)
				.join('<br>');
			const buttons =
				r.status === 'PENDING'
					? `<button class="pay" onclick="act('${escape(base)}/approve')">Approve</button><button onclick="act('${escape(base)}/reject')">Reject</button>`
					: '';
			return `<tr><td>${escape(r.registrationRequestId)}<br><small>${escape(r.clientId)}</small></td><td>${escape(r.referenceMerchantId)}${r.referenceStoreId ? `<br><small>${escape(r.referenceStoreId)}</small>` : ''}</td>
<td>${escape(r.status)}</td><td>${wallets}</td><td>${buttons}</td></tr>`;
		})
		.join('');
	return `<table><tr><th>registration</th><th>merchant / store</th><th>status</th><th>wallets</th><th></th></tr>${rows}</table>`;
}

function recentPayments(ctx: SimContext): string {
	const rows = [...ctx.store.payments.values()]
		.reverse()
		.slice(0, 50)
		.map((p) => {
			const v = paymentView(ctx, p);
			return `<tr><td><a href="/_sim/payments/${escape(encodeURIComponent(p.paymentId))}">${escape(p.paymentId)}</a><br><small>${escape(p.paymentRequestId)}</small></td>
<td>${escape(v.amountText)}</td><td>${escape(p.status)}<br><small>${escape(p.resultCode)}</small></td><td>${v.refunds.length ? `${v.refunds.length}: ${escape(v.refundedAmount.value)}` : '-'}</td><td>${escape(p.clientId)}</td></tr>`;
		})
		.join('');
	return `<table><tr><th>paymentId</th><th>amount</th><th>status</th><th>refunds (minor units)</th><th>client</th></tr>${rows}</table>`;
}

function requestLog(ctx: SimContext): string {
	const rows = ctx.requests
		.list()
		.slice(0, 50)
		.map(
			(r) => `<tr><td><small>${escape(r.at)}</small></td><td>${escape(r.endpoint ?? r.path)}<br><small>${escape(r.clientId ?? '')}</small></td>
<td class="${escape(r.resultStatus)}">${escape(r.resultStatus ?? '')} ${escape(r.resultCode ?? r.fault ?? '')}<br><small>${escape(r.authFailure ?? r.resultMessage ?? '')}</small></td>
<td>${r.verifiedContent ? `<details><summary>verified content</summary><pre>${escape(r.verifiedContent)}</pre></details>` : ''}
${r.signedContent ? `<details><summary>signed response content</summary><pre>${escape(r.signedContent)}</pre></details>` : '<small>unsigned answer</small>'}</td></tr>`,
		)
		.join('');
	return `<table><tr><th>time</th><th>API</th><th>result</th><th>signature debugging</th></tr>${rows}</table>`;
}

function notificationLog(ctx: SimContext): string {
	const rows = [...ctx.store.notifications.values()]
		.reverse()
		.slice(0, 50)
		.map((n) => {
			const v = notificationView(ctx, n);
			const attempts = v.attempts
				.map((a) => `${escape(a.at)} → ${escape(a.status ?? a.error ?? '?')}${a.acknowledged ? ' ✔' : ''}${a.manual ? ' (resend)' : ''}`)
				.join('<br>');
			return `<tr><td>${escape(v.id)}<br><small>${escape(v.kind)}${v.copyOf ? ` copy of ${escape(v.copyOf)}` : ''}</small></td><td><small>${escape(v.url)}</small></td>
<td>${v.state === 'scheduled' ? `next ${escape(v.nextAttemptAt)}` : escape(v.state)}<br><small>${attempts}</small></td>
<td><button onclick="act('/_sim/notifications/${escape(encodeURIComponent(v.id))}/resend')">Resend</button></td></tr>`;
		})
		.join('');
	return `<table><tr><th>id</th><th>URL</th><th>delivery</th><th></th></tr>${rows}</table>`;
}

export function renderWalletPage(ctx: SimContext): string {
	const body = `<section><h2>Open order codes</h2>${openCodes(ctx)}</section>
<section><h2>Payments</h2>${recentPayments(ctx)}</section>
<section><h2>Merchant registrations</h2>${registrations(ctx)}</section>
<section><h2>Recent gateway requests</h2>${requestLog(ctx)}</section>
<section><h2>Notifications</h2>${notificationLog(ctx)}</section>
<section><small>Client IDs: ${escape([...ctx.merchants.keys()].join(', '))} · Alipay public key and settings: <a href="/_sim/info">/_sim/info</a></small></section>`;
	return page('Alipay simulator wallet', body, 5);
}

/** What "scanning" the TEXT code opens: the customer's confirmation screen. */
export function renderScanPage(ctx: SimContext, payment: PaymentRecord | undefined, paymentId: string): string {
	if (!payment) return page('Order code not found', `<section>No payment ${escape(paymentId)}.</section>`);
	const view = paymentView(ctx, payment);
	const actions = payment.status === 'PROCESSING' ? `<div>${actionButtons(payment)}</div>` : '';
	return page(
		`Pay ${view.amountText}`,
		`<section><h2>${escape(payment.orderDescription)}</h2><p><b>${escape(view.amountText)}</b></p>
<p>Status: <b>${escape(payment.status)}</b> <small>${escape(payment.resultCode)}</small></p>
<p><small>Payment ${escape(payment.paymentId)} · expires ${escape(view.expiryTime)}</small></p>${actions}</section>`,
	);
}
