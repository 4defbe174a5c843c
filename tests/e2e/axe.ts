import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CHROMEBOOK, expect, PHONE, screenshots } from './fixtures';

type Viewport = { width: number; height: number };

/**
 * The serious and critical axe findings (WCAG 2.1 A and AA) at each size given (phone and Chromebook unless told), of the whole page or the part `include` selects, as
 * "<width>px <rule>: <elements>"; the page is put back to its size. Axe runs in the page itself (legacy mode): the app
 * has no frames, and the default mode's extra blank page for merging frame results took 2 to 5 times as long.
 */
export async function axeFindings(
	page: Page,
	{ sizes = [PHONE, CHROMEBOOK], include }: { sizes?: readonly Viewport[]; include?: string } = {}
): Promise<string[]> {
	const found: string[] = [];
	const before = page.viewportSize();
	for (const viewport of sizes) {
		await page.setViewportSize(viewport);
		const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true);
		const { violations } = await (include ? builder.include(include) : builder).analyze();
		for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
			found.push(`${viewport.width}px ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}
	if (before) await page.setViewportSize(before);
	return found;
}

/** The findings at the page's present size only. */
export function axeFindingsHere(page: Page, include?: string): Promise<string[]> {
	return axeFindings(page, { sizes: [page.viewportSize()!], include });
}

/** Runs axe at phone and Chromebook sizes, saves screenshots, and fails on serious or critical findings. */
export async function audit(page: Page, name: string): Promise<void> {
	expect((await axeFindings(page)).map((finding) => `${name} ${finding}`)).toEqual([]);
	await screenshots(page, `a11y-${name}`);
}
