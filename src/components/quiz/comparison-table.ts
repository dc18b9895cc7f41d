/**
 * `<mp-compare>`: enhances the server-rendered comparison table. A pressed column button highlights
 * that mount kind's column; the checkbox keeps only the rows about what survives removal.
 */
class MpCompare extends HTMLElement {
	connectedCallback(): void {
		const table = this.querySelector('table');
		this.addEventListener('click', (event) => {
			const button = (event.target as Element).closest<HTMLButtonElement>('[data-column]');
			if (!button || !table) return;
			const pressed = button.getAttribute('aria-pressed') !== 'true';
			for (const other of this.querySelectorAll('[data-column]')) other.setAttribute('aria-pressed', 'false');
			button.setAttribute('aria-pressed', String(pressed));
			const column = Number(button.dataset['column']);
			for (const row of table.rows) {
				[...row.cells].forEach((cell, index) => cell.toggleAttribute('data-highlight', pressed && index === column));
			}
		});
		this.querySelector('[data-filter]')?.addEventListener('change', (event) => {
			this.toggleAttribute('data-filtered', (event.target as HTMLInputElement).checked);
		});
	}
}

if (!customElements.get('mp-compare')) customElements.define('mp-compare', MpCompare);
