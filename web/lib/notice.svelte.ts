/** A short message carried to the next page ("Glad that helped"), shown once. */
class NoticeManager {
	#message = $state<string | null>(null);

	get message() {
		return this.#message;
	}

	show(message: string): void {
		this.#message = message;
	}

	dismiss(): void {
		this.#message = null;
	}
}

export const notice = new NoticeManager();
