/**
 * `<mp-lab>`: the few lines every page with a lab loads. The lab itself (engine included) is a
 * separate chunk, imported when the lab is needed: at once on the lab page, and for a chapter embed
 * when it comes near the viewport. Before that, the element shows its static placeholder.
 */
class LabElement extends HTMLElement {
	#started = false;
	#observer: IntersectionObserver | undefined;

	connectedCallback(): void {
		if (this.dataset['mode'] === 'page' || typeof IntersectionObserver !== 'function') {
			void this.start();
			return;
		}
		this.#observer = new IntersectionObserver(
			(records) => {
				if (records.some((record) => record.isIntersecting)) void this.start();
			},
			// Half a screen ahead: the lab is ready, and grows, before it is in view (no visible shift).
			{ rootMargin: '50% 0px' },
		);
		this.#observer.observe(this);
	}

	disconnectedCallback(): void {
		this.#observer?.disconnect();
	}

	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.#observer?.disconnect();
		this.dataset['loading'] = 'true';
		try {
			const { mountLab } = await import('./lab-app.ts');
			mountLab(this);
		} catch {
			this.dataset['failed'] = 'true';
		} finally {
			delete this.dataset['loading'];
		}
	}
}

if (!customElements.get('mp-lab')) customElements.define('mp-lab', LabElement);
