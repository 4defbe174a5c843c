import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { adminApp } from './api/admin';
import { bodySizeLimit } from './body-size';
import { calendarApp } from './api/calendar';
import { devicesApp } from './api/devices';
import { errorResponse } from './api/errors';
import { importApp } from './api/import-route';
import { openApiDocument } from './api/openapi';
import { phoneApp } from './api/phone';
import { phoneSimulateApp } from './api/phone-simulate';
import { sessionApp } from './api/session';
import { slaApp } from './api/sla';
import { ticketsApp } from './api/tickets';
import { ServerTicketSearch } from './ticket-search';
import type { Auth } from './auth';
import type { Config } from './config';
import { crossSiteGuard } from './cross-site';
import { gatewayApp } from './gateway';
import { securityHeaders } from './security-headers';
import type { SharedFeed } from './gateway/feed';
import type { ScopeIndex } from './gateway/scope-index';
import type { Store } from './store';
import { telephonyApp } from '../telephony/app';
import type { PhoneLine } from '../telephony/line';
import { SimulatedMedia } from '../telephony/simulated-media';
import { phoneLineStatus } from './phone-status';

export interface AppDeps {
	config: Config;
	store: Store;
	auth: Auth;
	feed: SharedFeed;
	/** Every document's scope facts, for first syncs (see gateway/scope-index.ts). */
	scopeIndex?: ScopeIndex;
	serverUuid: string;
	/** CSP hashes of the PWA page's inline scripts (see security-headers.ts). */
	pageScriptHashes?: string[];
	/** The phone line's side effects (telephony/pipeline); without it /telephony answers 503. */
	phoneLine?: PhoneLine;
	/** Recordings the call simulator made, read by the pipeline before Twilio's media host. */
	simulatedMedia?: SimulatedMedia;
}

/** Builds the HTTP application: /db (sync), /api (REST); the static PWA is added by main. */
export function createApp({ config, store, auth, feed, scopeIndex, serverUuid, pageScriptHashes = [], phoneLine, simulatedMedia = new SimulatedMedia() }: AppDeps) {
	const app = new Hono({ strict: false });
	app.use('*', securityHeaders({ scriptHashes: pageScriptHashes, https: config.PUBLIC_URL.startsWith('https:') }));
	const limitBody = bodySizeLimit(config.MAX_BODY_MB * 1024 * 1024, (c) => {
		// The unread rest of the body makes the connection unusable: tell the client not to reuse it.
		c.header('Connection', 'close');
		throw new HTTPException(413, { message: `The request is larger than ${config.MAX_BODY_MB} MB.` });
	});
	// GETs and long-polls carry no body; checking them would build a full Request for every live client.
	app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
	app.onError(errorResponse);
	app.use('*', crossSiteGuard(config.PUBLIC_URL));

	const now = () => new Date(Date.now() + config.CLOCK_OFFSET_MS);
	const api = new Hono({ strict: false });
	api.get('/health', async (c) => {
		const info = await store.main.info();
		return c.json({ ok: true, docs: info.doc_count, store: config.STORE_URL ? 'couchdb' : 'embedded' });
	});
	api.route('/', sessionApp(auth, config.PUBLIC_URL.startsWith('https:'), config.CLOSED_WINDOW_DAYS));
	api.route('/devices', devicesApp(auth, store.private, store.main));
	api.route('/admin/import', importApp(store.main, auth));
	api.route('/admin/calendar', calendarApp(store.main, auth, now));
	api.route('/admin/phone/simulate', phoneSimulateApp({ config, db: store.main, auth, media: simulatedMedia }));
	api.route('/admin', adminApp(store.main, auth));
	api.route('/sla', slaApp(store.main, auth, now));
	api.route('/tickets', ticketsApp(auth, new ServerTicketSearch(store.main, feed), now));
	const phone = phoneLineStatus(config, phoneLine !== undefined);
	api.route('/phone', phoneApp(auth, phone));
	api.get('/openapi.json', (c) => c.json(openApiDocument(config.PUBLIC_URL)));
	api.all('*', (c) => c.json({ error: 'not_found', reason: `There is no API at ${c.req.path}.` }, 404));

	app.route('/api', api);
	if (phone.on && phoneLine && config.TWILIO_AUTH_TOKEN) {
		app.route('/telephony', telephonyApp({ authToken: config.TWILIO_AUTH_TOKEN, publicUrl: config.PUBLIC_URL, line: phoneLine, now }));
	} else {
		app.all('/telephony/*', (c) => c.text(phone.reason, 503));
	}
	app.route('/db', gatewayApp({ db: store.main, privateDb: store.private, feed, auth, serverUuid, closedWindowDays: config.CLOSED_WINDOW_DAYS, now, index: scopeIndex }));
	return app;
}
