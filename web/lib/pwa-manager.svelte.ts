import { registerSW } from 'virtual:pwa-register';
import { isStorageFull } from './errors';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The installed app: new versions waiting to be used, persistent storage, and a full disk. */
class PwaManager {
	#updateReady = $state(false);
	#persisted = $state<boolean | null>(null);
	#storageFull = $state(false);
	#reloadChosen = false;
	#registered = false;
	#registration: ServiceWorkerRegistration | null = null;

	/** A new version is installed and waits for the person to choose to reload. */
	get updateReady() {
		return this.#updateReady;
	}
	/** Whether the browser promised not to evict this app's data (null until asked). */
	get persisted() {
		return this.#persisted;
	}
	get storageFull() {
		return this.#storageFull;
	}

	/** Registers the service worker and watches for a full disk; call once when the app starts. */
	start(): void {
		if (this.#registered) return;
		this.#registered = true;
		// PouchDB reports some storage failures only as rejections nobody awaits: they still deserve the plain message.
		window.addEventListener('unhandledrejection', (event) => {
			if (isStorageFull(event.reason)) this.#storageFull = true;
		});
		if (!('serviceWorker' in navigator)) return;
		registerSW({
			immediate: true,
			onNeedRefresh: () => (this.#updateReady = true),
			// Another tab may activate the new version; this tab still waits for its own person to choose.
			onNeedReload: () => {
				if (!this.#reloadChosen) this.#updateReady = true;
			},
			onRegisteredSW: (_url, registration) => {
				if (!registration) return;
				this.#registration = registration;
				const check = () => {
					// A failed check (server unreachable) changes nothing: the next one tries again.
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
	reload(): void {
		this.#reloadChosen = true;
		const waiting = this.#registration?.waiting;
		// Without a waiting worker the new version already controls this tab (another tab activated it).
		if (!waiting) return location.reload();
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
		waiting.postMessage({ type: 'SKIP_WAITING' });
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
