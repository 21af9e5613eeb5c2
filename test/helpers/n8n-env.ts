import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Imported before n8n-core: its instance settings write `<N8N_USER_FOLDER>/.n8n/config` (an
 * encryption key) when first read, which must land in a throw-away folder, not the user's home.
 */
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-alipay-test-'));
