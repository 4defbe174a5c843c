import type { SecretFinding } from '$core/secrets';

/** A piece of a text, marked when it is a secret the person must remove. */
export interface TextPiece {
	text: string;
	secret: boolean;
}

/** Splits a text around its secrets, so a view can mark exactly where they are. */
export function splitAtSecrets(text: string, findings: readonly SecretFinding[]): TextPiece[] {
	const pieces: TextPiece[] = [];
	let at = 0;
	for (const f of [...findings].sort((a, b) => a.start - b.start)) {
		if (f.start < at) continue;
		if (f.start > at) pieces.push({ text: text.slice(at, f.start), secret: false });
		pieces.push({ text: text.slice(f.start, f.end), secret: true });
		at = f.end;
	}
	if (at < text.length) pieces.push({ text: text.slice(at), secret: false });
	return pieces;
}

/** The distinct reasons of the findings, in order. */
export function secretReasons(findings: readonly SecretFinding[]): string[] {
	return [...new Set(findings.map((f) => f.reason))];
}
