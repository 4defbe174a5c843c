import { randomUUID } from 'node:crypto';
import { Server as HttpServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app';
import { Auth } from './auth';
import { type Config, readConfig } from './config';
import { SharedFeed } from './gateway/feed';
import { ScopeIndex } from './gateway/scope-index';
import { phoneLineStartupMessage, phoneLineStatus } from './phone-status';
import { inlineScriptHashes } from './security-headers';
import { resaveProfilesOnce } from './migrations';
import { Notifier } from './notify/notifier';
import { seedIfEmpty } from './seed';
import { SignInGuard } from './sign-in-guard';
import { type Db, getOrNull, openStore } from './store';
import { openPhoneLine } from '../telephony/pipeline';
import { SimulatedMedia } from '../telephony/simulated-media';

/** The server's identity: stable across restarts, so replication checkpoints survive them. */
async function serverUuid(privateDb: Db): Promise<string> {
	const meta = await getOrNull<{ uuid: string }>(privateDb, 'meta:server');
	if (meta) return meta.uuid;
	const uuid = randomUUID().replace(/-/g, '');
	await privateDb.put({ _id: 'meta:server', uuid });
	return uuid;
}

async function start(config: Config) {
	const store = await openStore(config);
	const auth = new Auth(store.private, store.main, new SignInGuard({ trustProxy: config.TRUST_PROXY === '1' }));
	const seeded = await seedIfEmpty(store, auth, { demo: config.DEMO === '1', adminPassword: config.ADMIN_PASSWORD });
	await resaveProfilesOnce(store);
	const feed = new SharedFeed(store.main, { ringSize: config.FEED_RING_SIZE });
	const scopeIndex = config.SCOPE_INDEX === '1' ? new ScopeIndex(store.main, feed) : undefined;
	feed.onChange((row) => {
		if (row.id.startsWith('user:')) auth.forgetProfile(row.id.slice(5));
	});
	// Profiles cached while the feed was down may have changed unseen: drop them, and read the store meanwhile.
	feed.onResume(() => auth.forgetAllProfiles());
	auth.trustProfilesWhile(() => feed.following);
	await feed.start();
	// Built in the background: until it is ready, reads older than the feed's memory read the store as before.
	void scopeIndex?.start();
	const notifier = new Notifier({ store, feed, config });
	await notifier.start();
	const webDir = resolve(config.WEB_DIR);
	const index = existsSync(join(webDir, 'index.html')) ? readFileSync(join(webDir, 'index.html'), 'utf8') : null;
	const simulatedMedia = new SimulatedMedia();
	// The phone line is on once Twilio's account SID and auth token are set.
	const phoneLine = config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN ? await openPhoneLine({ store, feed, config, media: simulatedMedia, onMailQueued: (id, due) => notifier.mailQueued(id, due) }) : undefined;
	const app = createApp({ config, store, auth, feed, scopeIndex, phoneLine, simulatedMedia, serverUuid: await serverUuid(store.private), pageScriptHashes: index ? inlineScriptHashes(index) : [] });

	console.log(phoneLineStartupMessage(phoneLineStatus(config)));

	if (index) {
		app.use('*', serveStatic({ root: config.WEB_DIR }));
		app.get('*', (c) => c.html(index));
	}

	const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
		console.log(`Helpdesk ready on http://localhost:${info.port} (store: ${config.STORE_URL ? 'CouchDB' : config.DATA_DIR}; data: ${seeded})`);
	});
	// Node's clients (and PouchDB on them) drop an idle kept-alive socket after 5 s, the server's default too: a request
	// sent on a socket just as the server closes it fails with "socket hang up". Keeping idle sockets longer than any
	// client means the client always closes first. Browsers retry such a request; Node's fetch does not.
	if (server instanceof HttpServer) {
		server.keepAliveTimeout = 65_000;
		server.headersTimeout = 66_000;
	}
	const stop = async () => {
		// A mail being sent is recorded before the store closes, so the next start does not send it again.
		await notifier.stop();
		await phoneLine?.stop();
		feed.stop();
		server.close();
		store.close().finally(() => process.exit(0));
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
}

try {
	const config = readConfig(process.env);
	await start(config);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
