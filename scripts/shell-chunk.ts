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
 * A code-splitting group that puts the shell (SHELL_ROOTS and their static imports) into one script: a cold start
 * fetched about thirty through the service worker, the home page's six only after the first twenty-two had run.
 */
export function shellChunk(roots: readonly string[] = SHELL_ROOTS) {
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
	// The set is closed under static imports already: the group's default (take a module's dependencies too) adds nothing.
	return { name: (id: string, ctx: ChunkingContext) => ((shell ??= reach(ctx)).has(id) ? 'shell' : null) };
}
