'use strict';
// The fixture keys (test/fixtures) the e2e and queue-mode suites give the simulator and the
// n8n credential: the simulator trusts the merchant key, the credential trusts the Alipay key.

const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./package');

const FIXTURES = path.join(ROOT, 'test', 'fixtures');

function testKeys() {
	const vectors = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'vectors.json'), 'utf8'));
	return {
		clientId: 'SANDBOX_5YTEST0000000001',
		merchantPrivateKey: vectors.keys.merchant.privateKeyPkcs8Base64,
		merchantPublicKey: vectors.keys.merchant.publicKeySpkiBase64,
		alipayPrivateKey: vectors.keys.alipay.privateKeyPkcs8Base64,
		alipayPublicKey: vectors.keys.alipay.publicKeySpkiBase64,
		merchantPublicKeyFile: path.join(FIXTURES, 'merchant-public.pem'),
		alipayPrivateKeyFile: path.join(FIXTURES, 'alipay-private.pem'),
	};
}

module.exports = { testKeys };
