/** The JavaScript the PWA loads at start, read from build/ and gzipped (figure C of tests/bench/pwa.ts). */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
	/** URL path, as the browser asks for it. */
	path: string;
	raw: number;
	gzip: number;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The scripts index.html starts: `<script src>`, `<link rel="modulepreload">` and the inline script's `import("…")`. */
export function startScripts(html: string): string[] {
	const paths = new Set<string>();
	for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
		const src = attr(tag, 'src');
		if (src) paths.add(src);
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		const href = attr(tag, 'href');
		if (href && attr(tag, 'rel') === 'modulepreload') paths.add(href);
	}
	for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
		for (const [, path] of body.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) paths.add(path);
	}
	return [...paths];
}

/** The paths plus every module they import statically, since the browser fetches those before running anything. */
export function withStaticImports(buildDir: string, paths: readonly string[]): string[] {
	const seen = new Set<string>();
	const visit = (path: string) => {
		if (seen.has(path)) return;
		seen.add(path);
		// Vite's output is minified: `import{a as b}from"./x.js"`, `import"./y.js"`, `export{c}from"./z.js"`.
		for (const [, spec] of source(buildDir, path).matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
			visit(posix.join(posix.dirname(path), spec));
		}
	};
	for (const path of paths) visit(path);
	return [...seen];
}

/** Each file's size, raw and gzipped (node:zlib, level 9), largest first. */
export function gzipSizes(buildDir: string, paths: Iterable<string>): ScriptSize[] {
	return [...new Set(paths)]
		.map((path) => {
			const bytes = new Uint8Array(readFileSync(fileOf(buildDir, path)));
			return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
		})
		.sort((a, b) => b.gzip - a.gzip);
}

/** Sum of the gzipped sizes, in KB (1 KB = 1024 bytes). */
export const gzipKb = (sizes: readonly ScriptSize[]) => sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024;

// URL paths are absolute ('/_app/…'); query strings never reach the file system.
const fileOf = (buildDir: string, path: string) => join(buildDir, path.split(/[?#]/)[0]);

const source = (buildDir: string, path: string) => readFileSync(fileOf(buildDir, path), 'utf8');
