/** Saves text as a file through a temporary link, with a byte-order mark so spreadsheets read it as UTF-8. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser has taken the file once click() returns; the address is freed on the next turn.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}
