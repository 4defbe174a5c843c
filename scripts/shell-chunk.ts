import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type ModuleInfo = { importedIds: readonly string[] };
type ChunkingContext = { getModuleInfo(id: string): ModuleInfo | null };

const ROOT = resolve(import.meta.dirname, '..');
const GENERATED = resolve(ROOT, '.svelte-kit/generated/client-optimized');

/**
 * The modules a cold start at the home page runs before its first row: SvelteKit's client, the app's hooks, the root
 * layout, the error page and the home page, and everything they import statically. Not what they import on demand
 * (PouchDB, the other pages), so the sign-in screen's initial JavaScript stays as it was.
 */
export const SHELL_ROOTS = [
	resolve(ROOT, 'node_modules/@sveltejs/kit/src/runtime/client/entry.js'),
	resolve(GENERATED, 'app.js'),
	...['0', '1', '2'].map((node) => resolve(GENERATED, `nodes/${node}.js`))
];

/**
 * The libraries of the shell, which import nothing of the app: the second of its two scripts. Svelte's runtime (with the
 * two small packages it imports) and zod, ~145 KB; the app and SvelteKit's client, ~140 KB, the first.
 */
export const SHELL_LIBRARIES = /[\\/]node_modules[\\/](zod|svelte|esm-env|clsx)[\\/]/;

/** What the shell must not hold: the SLA engine and the Temporal polyfill load after the first rows (web/lib/sla-engine.ts). */
export const NOT_IN_SHELL = /[\\/](node_modules[\\/]temporal-polyfill|core[\\/]sla[\\/]clocks-at\.ts)/;

/**
 * Code-splitting groups that put the shell (SHELL_ROOTS and their static imports) into two scripts of about the same
 * size (SHELL_LIBRARIES in one, the rest in the other). A cold start fetched about thirty through the service worker,
 * the home page's six only after the first twenty-two had run. Two, not one: Chromium parses each script on a
 * background thread as it arrives, one thread a script, while the page's main thread waits for them; one 353 KB
 * script took ~180 ms there on this machine's two cores, in series with everything after it. Three did worse.
 */
export function shellChunks(roots: readonly string[] = SHELL_ROOTS) {
	let shell: Set<string> | null = null;
	const reach = (ctx: ChunkingContext) => {
		const seen = new Set<string>();
		const next = [...roots];
		for (let id = next.pop(); id !== undefined; id = next.pop()) {
			if (seen.has(id)) continue;
			const info = ctx.getModuleInfo(id);
			if (!info) continue;
			seen.add(id);
			next.push(...info.importedIds);
		}
		return seen;
	};
	const inShell = (id: string, ctx: ChunkingContext) => (shell ??= reach(ctx)).has(id);
	return [
		// First (the higher priority): a group's modules leave the groups after it.
		{ name: (id: string, ctx: ChunkingContext) => (inShell(id, ctx) && SHELL_LIBRARIES.test(id) ? 'shell-libraries' : null), priority: 1 },
		// The shell's set is closed under static imports already: the group's default (take a module's dependencies too)
		// adds nothing, and the libraries it would take are the group's above.
		{
			name: (id: string, ctx: ChunkingContext) => {
				if (!inShell(id, ctx)) return null;
				if (NOT_IN_SHELL.test(id)) throw new Error(`${id} is in the cold start's shell again: something the first screen imports statically imports it (see web/lib/sla-engine.ts)`);
				return 'shell';
			}
		}
	];
}

type ClientManifest = Record<string, { file: string }>;

/**
 * The links a cold start at the home page also needs in index.html: SvelteKit preloads the root layout's script there
 * but fetches the error page's and the home page's (each a few bytes that name the shell) only once the shell has run,
 * one more round trip through the service worker before anything shows (~50 ms of the first row, paired runs).
 */
export function homePreloadLinks(manifest: ClientManifest, homePage: string): string {
	const nodes = ['1', '2'].map((node) => `.svelte-kit/generated/client-optimized/nodes/${node}.js`);
	if (!homePage.includes('routes/+page.svelte')) throw new Error(`nodes/2 is not the home page any more (${homePage.trim()}): see scripts/shell-chunk.ts`);
	return nodes
		.map((node) => {
			const file = manifest[node]?.file;
			if (!file) throw new Error(`${node} is not in the client build's manifest`);
			return `<link href="/${file}" rel="modulepreload">`;
		})
		.join('\n\t\t');
}

/** A build step: adds homePreloadLinks to the page SvelteKit's adapter wrote (build/index.html), after its last preload. */
export function homePreloads() {
	// As SvelteKit's own plugin: the adapter writes the page when the server build closes.
	let serverBuild = false;
	return {
		name: 'helpdesk-home-preloads',
		apply: 'build' as const,
		configResolved(config: { build: { ssr: unknown } }) {
			serverBuild = Boolean(config.build.ssr);
		},
		closeBundle: {
			sequential: true,
			order: 'post' as const,
			handler() {
				if (!serverBuild) return;
				const page = resolve(ROOT, 'build/index.html');
				const html = readFileSync(page, 'utf8');
				const manifest = JSON.parse(readFileSync(resolve(ROOT, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')) as ClientManifest;
				const last = html.lastIndexOf('rel="modulepreload">');
				if (last < 0) throw new Error('build/index.html has no modulepreload link to add the home page after');
				const at = last + 'rel="modulepreload">'.length;
				const links = homePreloadLinks(manifest, readFileSync(resolve(GENERATED, 'nodes/2.js'), 'utf8'));
				writeFileSync(page, `${html.slice(0, at)}\n\t\t${links}${html.slice(at)}`);
			}
		}
	};
}
