const { src, dest } = require('gulp');

// tsc emits only JavaScript; icons and codex files must sit beside the compiled nodes in dist.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
