import { registerSW } from 'virtual:pwa-register';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The installed app: new versions waiting to be used, persistent storage, and a full disk. */
class PwaManager {
	#updateReady = $state(false);
	#offlineReady = $state(false);
	#persisted = $state<boolean | null>(null);
	#storageFull = $state(false);
	#reloadChosen = false;
	#update: ((reload?: boolean) => Promise<void>) | null = null;
	#registration: ServiceWorkerRegistration | null = null;

	/** A new version is installed and waits for the person to choose to reload. */
	get updateReady() {
		return this.#updateReady;
	}
	/** The app shell is cached: the app now opens without a network. */
	get offlineReady() {
		return this.#offlineReady;
	}
	/** Whether the browser promised not to evict this app's data (null until asked). */
	get persisted() {
		return this.#persisted;
	}
	get storageFull() {
		return this.#storageFull;
	}

	/** Registers the service worker; call once when the app starts. */
	start(): void {
		if (this.#update || !('serviceWorker' in navigator)) return;
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.#updateReady = true),
			onOfflineReady: () => (this.#offlineReady = true),
			// Another tab may activate the new version; this tab still waits for its own person to choose.
			onNeedReload: () => {
				if (this.#reloadChosen) location.reload();
				else this.#updateReady = true;
			},
			onRegisteredSW: (_url, registration) => {
				if (!registration) return;
				this.#registration = registration;
				const check = () => {
					if (navigator.onLine) void registration.update().catch(() => undefined);
				};
				setInterval(check, UPDATE_CHECK_MS);
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') check();
				});
			},
			onRegisterError: (error) => console.error('The service worker could not be registered:', error)
		});
	}

	/** Switches to the new version; only ever called from the person's click. */
	async reload(): Promise<void> {
		this.#reloadChosen = true;
		// Without a waiting worker the new version already controls this tab (another tab activated it).
		if (!this.#update || !this.#registration?.waiting) return location.reload();
		await this.#update(true);
	}

	/** Asks the browser to keep this app's data even when the disk runs low. */
	async requestPersistence(): Promise<void> {
		if (!navigator.storage?.persist) return;
		this.#persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}

	/** Records that a write failed because the device's storage is full (or that it worked again). */
	setStorageFull(full: boolean): void {
		this.#storageFull = full;
	}
}

export const pwa = new PwaManager();
