/**
 * Where an upload's decoding time goes in Chromium: reading the file, createImageBitmap, the 2D
 * canvas copy (drawImage + getImageData), and WebCodecs' ImageDecoder + VideoFrame.copyTo, on one
 * cedar-dev scan (trimmed means of 200 runs each; the page's timer is coarse, 0.1 ms).
 *   node scripts/experiments/decode-timing.mjs
 * Needs /usr/bin/chromium and ../shared/data beside the repository.
 */
import { chromium } from 'playwright';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const png = readFileSync(new URL('../../../shared/data/cedar-dev/007/genuine/06.png', import.meta.url));
const html = `<!doctype html><html><body><script type="module">
const b64 = '${png.toString('base64')}';
const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
const blob = new Blob([bytes], { type: 'image/png' });
function med(a){a=[...a].sort((x,y)=>x-y);const m=a.slice(Math.floor(a.length*0.1),Math.ceil(a.length*0.9));return (m.reduce((x,y)=>x+y,0)/m.length).toFixed(3);}
async function time(name, fn, n=200){ for(let i=0;i<20;i++) await fn(); const t=[]; for(let i=0;i<n;i++){const a=performance.now(); await fn(); t.push(performance.now()-a);} return name+' '+med(t); }
let shared = null;
const out = [];
const bm = await createImageBitmap(blob,{premultiplyAlpha:'none',colorSpaceConversion:'none'});
out.push(await time('new canvas+ctx', async()=>{ const c=new OffscreenCanvas(bm.width,bm.height); c.getContext('2d',{willReadFrequently:true}); }));
out.push(await time('new canvas+ctx+draw', async()=>{ const c=new OffscreenCanvas(bm.width,bm.height); const x=c.getContext('2d',{willReadFrequently:true}); x.drawImage(bm,0,0); }));
out.push(await time('new canvas+ctx+draw+get', async()=>{ const c=new OffscreenCanvas(bm.width,bm.height); const x=c.getContext('2d',{willReadFrequently:true}); x.drawImage(bm,0,0); x.getImageData(0,0,bm.width,bm.height); }));
const c2=new OffscreenCanvas(bm.width,bm.height); const x2=c2.getContext('2d',{willReadFrequently:true});
out.push(await time('reused draw+get', async()=>{ x2.clearRect(0,0,bm.width,bm.height); x2.drawImage(bm,0,0); x2.getImageData(0,0,bm.width,bm.height); }));
out.push(await time('bitmap(blob, default opts)+reused', async()=>{ const b = await createImageBitmap(blob); x2.clearRect(0,0,b.width,b.height); x2.drawImage(b,0,0); x2.getImageData(0,0,b.width,b.height); b.close(); }));

out.push(await time('slice.arrayBuffer', async()=>{ await blob.slice(0, 524288).arrayBuffer(); }));
out.push(await time('blob.arrayBuffer', async()=>{ await blob.arrayBuffer(); }));
out.push(await time('createImageBitmap(blob)', async()=>{ const b = await createImageBitmap(blob,{premultiplyAlpha:'none',colorSpaceConversion:'none'}); b.close(); }));
out.push(await time('bitmap+newcanvas+getImageData', async()=>{ const b = await createImageBitmap(blob,{premultiplyAlpha:'none',colorSpaceConversion:'none'}); const c=new OffscreenCanvas(b.width,b.height); const x=c.getContext('2d',{willReadFrequently:true}); x.drawImage(b,0,0); x.getImageData(0,0,b.width,b.height); b.close(); }));
out.push(await time('bitmap+reused canvas', async()=>{ const b = await createImageBitmap(blob,{premultiplyAlpha:'none',colorSpaceConversion:'none'}); if(!shared||shared.width!==b.width||shared.height!==b.height){shared=new OffscreenCanvas(b.width,b.height);} const x=shared.getContext('2d',{willReadFrequently:true}); x.clearRect(0,0,b.width,b.height); x.drawImage(b,0,0); x.getImageData(0,0,b.width,b.height); b.close(); }));
out.push(await time('header read then bitmap+newcanvas', async()=>{ await blob.slice(0,524288).arrayBuffer(); const b = await createImageBitmap(blob,{premultiplyAlpha:'none',colorSpaceConversion:'none'}); const c=new OffscreenCanvas(b.width,b.height); const x=c.getContext('2d',{willReadFrequently:true}); x.drawImage(b,0,0); x.getImageData(0,0,b.width,b.height); b.close(); }));
if ('ImageDecoder' in self) {
  out.push(await time('ImageDecoder(bytes) + copyTo', async()=>{ const d = new ImageDecoder({data: bytes, type:'image/png', premultiplyAlpha:'none', colorSpaceConversion:'none'}); const {image} = await d.decode(); const buf = new Uint8Array(image.allocationSize({format:'RGBA'})); await image.copyTo(buf,{format:'RGBA'}); out.push('fmt '+image.format); image.close(); d.close(); }, 100));
  out.push(await time('arrayBuffer+ImageDecoder + copyTo', async()=>{ const ab = await blob.arrayBuffer(); const d = new ImageDecoder({data: ab, type:'image/png', premultiplyAlpha:'none', colorSpaceConversion:'none'}); const {image} = await d.decode(); const buf = new Uint8Array(image.allocationSize({format:'RGBA'})); await image.copyTo(buf,{format:'RGBA'}); image.close(); d.close(); }, 100));
} else out.push('no ImageDecoder');
out.push(await time('createImageBitmap(new Blob(bytes))', async()=>{ const b = await createImageBitmap(new Blob([bytes]),{premultiplyAlpha:'none',colorSpaceConversion:'none'}); b.close(); }));
document.title='done'; window.__out = out.filter(s=>!s.startsWith('fmt')).concat(out.filter(s=>s.startsWith('fmt')).slice(0,1));
</script></body></html>`;
const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); }).listen(4599);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic','--enable-unsafe-webgpu'] });
const page = await browser.newPage();
page.on('console', m => console.log('console', m.text()));
page.on('pageerror', e => console.log('err', e.message));
await page.goto('http://localhost:4599/');
await page.waitForFunction(() => document.title === 'done', null, { timeout: 120000 });
console.log((await page.evaluate(() => window.__out)).join('\n'));
await browser.close(); server.close();
