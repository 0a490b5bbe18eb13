// Makes every icon the installers need from one source, build/icon.svg:
//   build/icons/<n>x<n>.png  Linux (AppImage, deb, rpm desktop entries), 16 to 1024
//   build/icon.png           1024 px, electron-builder's fallback
//   build/icon.ico           Windows (NSIS installer, executable, shortcuts)
//   build/icon.icns          macOS
// Run it after editing the SVG (`node scripts/make-icons.mjs`) and commit the results: the build does not
// regenerate them, so installers are reproducible without sharp's native binary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'build');
const svg = readFileSync(path.join(build, 'icon.svg'));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const render = (size) =>
  sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 4) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

mkdirSync(path.join(build, 'icons'), { recursive: true });
for (const size of SIZES) {
  writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), await render(size));
}
const master = await render(1024);
writeFileSync(path.join(build, 'icon.png'), master);

const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not make the .ico or .icns from build/icon.png');
writeFileSync(path.join(build, 'icon.ico'), ico);
writeFileSync(path.join(build, 'icon.icns'), icns);
console.log(`Icons written to build/: ${SIZES.length} PNG sizes, icon.png, icon.ico, icon.icns`);
