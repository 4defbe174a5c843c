import { describe, expect, it } from 'vitest';
import { homePreloadLinks, shellChunks } from './shell-chunk';

const manifest = {
	'.svelte-kit/generated/client-optimized/nodes/1.js': { file: '_app/immutable/nodes/1.abc.js' },
	'.svelte-kit/generated/client-optimized/nodes/2.js': { file: '_app/immutable/nodes/2.def.js' }
};
const homePage = "export { default as component } from '../../../web/routes/+page.svelte';";

describe('homePreloadLinks', () => {
	it("preloads the error page's and the home page's scripts, by their built names", () => {
		const links = homePreloadLinks(manifest, homePage);
		expect([...links.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1])).toEqual(['/_app/immutable/nodes/1.abc.js', '/_app/immutable/nodes/2.def.js']);
	});

	it('stops the build when nodes/2 is no longer the home page or a node is not built', () => {
		expect(() => homePreloadLinks(manifest, "export { default as component } from '../../../web/routes/tickets/+page.svelte';")).toThrow(/not the home page/);
		const { '.svelte-kit/generated/client-optimized/nodes/1.js': errorPage, ...withoutErrorPage } = manifest;
		expect(errorPage).toBeDefined();
		expect(() => homePreloadLinks(withoutErrorPage, homePage)).toThrow(/nodes\/1\.js is not in the client build's manifest/);
	});
});

describe('shellChunks', () => {
	// A small module graph: the entry imports a page, which imports zod, Svelte and the app's schemas; PouchDB only on demand.
	const graph: Record<string, string[]> = {
		'/app/entry.js': ['/app/page.svelte'],
		'/app/page.svelte': ['/app/node_modules/zod/v4/index.js', '/app/core/schemas.ts'],
		'/app/core/schemas.ts': ['/app/node_modules/zod/v4/index.js', '/app/node_modules/svelte/src/index-client.js'],
		'/app/node_modules/zod/v4/index.js': [],
		'/app/node_modules/svelte/src/index-client.js': [],
		'/app/node_modules/pouchdb-browser/index.js': []
	};
	const ctx = { getModuleInfo: (id: string) => (graph[id] ? { importedIds: graph[id] } : null) };

	it('puts what the entry imports statically into two scripts, the libraries apart, and nothing else', () => {
		const [libraries, shell] = shellChunks(['/app/entry.js']);
		const chunkOf = (id: string) => (libraries.name(id, ctx) ?? shell.name(id, ctx)) as string | null;
		expect(Object.fromEntries(Object.keys(graph).map((id) => [id, chunkOf(id)]))).toEqual({
			'/app/entry.js': 'shell',
			'/app/page.svelte': 'shell',
			'/app/core/schemas.ts': 'shell',
			'/app/node_modules/zod/v4/index.js': 'shell-libraries',
			'/app/node_modules/svelte/src/index-client.js': 'shell-libraries',
			'/app/node_modules/pouchdb-browser/index.js': null
		});
		// The libraries' group goes first: Rolldown takes its modules out of the shell's.
		expect(libraries.priority).toBeGreaterThan(shell.priority ?? 0);
	});

	it('stops the build when the SLA engine or the Temporal polyfill is in the shell again', () => {
		const withEngine: Record<string, string[]> = { ...graph, '/app/core/schemas.ts': [...graph['/app/core/schemas.ts'], '/app/core/sla/clocks-at.ts'], '/app/core/sla/clocks-at.ts': ['/app/node_modules/temporal-polyfill/index.js'], '/app/node_modules/temporal-polyfill/index.js': [] };
		const engineCtx = { getModuleInfo: (id: string) => (withEngine[id] ? { importedIds: withEngine[id] } : null) };
		const [, shell] = shellChunks(['/app/entry.js']);
		expect(shell.name('/app/core/schemas.ts', engineCtx)).toBe('shell');
		expect(() => shell.name('/app/core/sla/clocks-at.ts', engineCtx)).toThrow(/in the cold start's shell again/);
		expect(() => shell.name('/app/node_modules/temporal-polyfill/index.js', engineCtx)).toThrow(/in the cold start's shell again/);
	});
});
