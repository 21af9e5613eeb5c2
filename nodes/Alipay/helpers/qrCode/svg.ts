/** An SVG of a module grid: one path of dark runs on a white square, sized in pixels, drawn in modules. */
export function renderSvg(modules: Uint8Array, size: number, moduleSize: number, quietZone: number): Buffer {
	const side = size + 2 * quietZone;
	const pixels = side * moduleSize;
	let path = '';
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; ) {
			if (!modules[row * size + col]) {
				col++;
				continue;
			}
			const start = col;
			while (col < size && modules[row * size + col]) col++;
			path += `M${start + quietZone} ${row + quietZone}h${col - start}v1h-${col - start}z`;
		}
	}
	return Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
			`<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>\n`,
		'utf8',
	);
}
