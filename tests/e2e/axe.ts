import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CHROMEBOOK, expect, PHONE, screenshots } from './fixtures';

/** Runs axe (WCAG 2.1 A and AA) at phone and Chromebook sizes, saves screenshots, and fails on serious or critical findings. */
export async function audit(page: Page, name: string): Promise<void> {
	for (const viewport of [PHONE, CHROMEBOOK]) {
		await page.setViewportSize(viewport);
		const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		const bad = violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${name} ${viewport.width}px: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(bad).toEqual([]);
	}
	await screenshots(page, `a11y-${name}`);
}
