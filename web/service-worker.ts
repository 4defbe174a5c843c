/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { cacheNames } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app shell: every built script, style and icon, plus index.html for every page of the single-page app.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages open from the cached shell; the API and the sync gateway always go to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/db\//] }));

type StaticRoute = { condition: { urlPattern: { pathname: string } }; source: 'network' | { cacheName: string } };
type InstallWithRoutes = ExtendableEvent & { addRoutes?: (routes: StaticRoute[]) => Promise<void> };

// Where the browser lets the worker say so at install (Chromium's static routes), requests to the API and the sync
// gateway skip the worker altogether: a first sync makes about a hundred gateway requests one after another, and each
// waited for this worker to start and decline it. Elsewhere they reach the fetch handler above, which declines them.
// The built scripts and styles (hashed names, precached under their own URL) are read from the precache by the browser
// itself: a cold start's thirty scripts each waited for this worker's fetch handler. One missing there goes to the network.
self.addEventListener('install', (event) => {
	const routes: StaticRoute[] = [
		...['/api/*', '/db/*'].map((pathname) => ({ condition: { urlPattern: { pathname } }, source: 'network' as const })),
		{ condition: { urlPattern: { pathname: '/_app/immutable/*' } }, source: { cacheName: cacheNames.precache } }
	];
	(event as InstallWithRoutes).addRoutes?.(routes).catch((error) => console.warn('Static routes were not taken:', error));
});

// A new version waits until the person chooses to reload, so nobody loses what they are typing.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
	event.waitUntil(self.clients.claim());
});
