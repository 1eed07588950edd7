// Draws the demo company's files — site and completion photos, inspection photos, a meter dial, ID card and
// business-licence scans, a signature, a PDF and a voice note — into demo-files/, where the demo install
// stores them. Every one is marked 示例 (sample). Run once by hand after changing a drawing (needs Chromium):
//   pnpm --filter @lowcode/template-property render-demo-files
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const OUT = path.resolve(__dirname, '../demo-files');
const FONT = `font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif;`;

/** A photo-like scene: an SVG drawing with its caption. */
const scene = (svg, caption) => `
  <div style="width:800px;height:600px;position:relative;overflow:hidden;${FONT}">
    <svg width="800" height="600" viewBox="0 0 800 600" xmlns="http://www.w3.org/2000/svg">${svg}</svg>
    <div style="position:absolute;left:20px;bottom:18px;padding:6px 14px;border-radius:6px;
                background:rgba(0,0,0,.55);color:#fff;font-size:22px">示例图片 · ${caption}</div>
  </div>`;

const tiles = (fill) =>
  `<rect width="800" height="600" fill="${fill}"/>` +
  Array.from(
    { length: 9 },
    (_, i) => `<line x1="${i * 100}" y1="0" x2="${i * 100}" y2="600" stroke="#fff" stroke-width="4"/>`,
  ).join('') +
  Array.from(
    { length: 7 },
    (_, i) => `<line x1="0" y1="${i * 100}" x2="800" y2="${i * 100}" stroke="#fff" stroke-width="4"/>`,
  ).join('');

const pipe = `
  <rect x="0" y="250" width="800" height="60" rx="8" fill="#9aa5b1"/>
  <rect x="0" y="262" width="800" height="10" fill="#c3ccd5"/>
  <rect x="360" y="232" width="90" height="96" rx="10" fill="#6b7785"/>
  <rect x="372" y="240" width="66" height="14" rx="4" fill="#8894a2"/>`;

const drops = [
  [402, 350, 1],
  [380, 400, 0.8],
  [420, 440, 0.9],
  [400, 500, 1.1],
]
  .map(
    ([x, y, s]) =>
      `<path transform="translate(${x} ${y}) scale(${s})" d="M0 -22 C 10 -6, 16 4, 16 12 A 16 16 0 0 1 -16 12 C -16 4, -10 -6, 0 -22 Z" fill="#3b82f6" opacity=".85"/>`,
  )
  .join('');

const card = (body) => `
  <div style="width:856px;height:540px;box-sizing:border-box;padding:40px 48px;position:relative;overflow:hidden;
              border-radius:28px;background:linear-gradient(135deg,#eef4fb,#dfe9f5 60%,#eaf1f9);${FONT}">
    ${body}
    <div style="position:absolute;left:0;right:0;top:190px;text-align:center;font-size:120px;font-weight:700;
                color:rgba(220,38,38,.18);transform:rotate(-18deg)">样例 SAMPLE</div>
  </div>`;

const field = (label, value, width = 150) =>
  `<div style="font-size:24px;margin:14px 0"><span style="color:#4b6584;display:inline-block;width:${width}px">${label}</span>${value}</div>`;

const IMAGES = {
  'repair-site.jpg': scene(tiles('#d7dee6') + pipe + drops, '报修现场'),
  'repair-done.jpg': scene(
    tiles('#d7dee6') +
      pipe.replace('#6b7785', '#2f855a') +
      `<circle cx="600" cy="160" r="70" fill="#2f855a"/><path d="M565 160 l25 25 l45 -50" stroke="#fff" stroke-width="14" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`,
    '维修完工',
  ),
  'inspection.jpg': scene(
    `<rect width="800" height="600" fill="#f1ece4"/><polygon points="0,420 800,420 800,600 0,600" fill="#c8a27a"/>` +
      Array.from(
        { length: 8 },
        (_, i) =>
          `<line x1="${i * 110}" y1="420" x2="${i * 110 - 60}" y2="600" stroke="#b08b63" stroke-width="3"/>`,
      ).join('') +
      `<rect x="470" y="90" width="230" height="230" fill="#bfe3f5" stroke="#fff" stroke-width="14"/><line x1="585" y1="90" x2="585" y2="320" stroke="#fff" stroke-width="10"/>` +
      `<rect x="90" y="150" width="150" height="270" fill="#e9e2d6" stroke="#d4c8b6" stroke-width="6"/><circle cx="215" cy="290" r="8" fill="#a08d72"/>`,
    '交付验房',
  ),
  'meter.jpg': scene(
    `<rect width="800" height="600" fill="#dcdcdc"/><circle cx="400" cy="290" r="230" fill="#2d3748"/><circle cx="400" cy="290" r="200" fill="#f7fafc"/>` +
      `<rect x="250" y="210" width="300" height="70" rx="6" fill="#1a202c"/>` +
      ['0', '3', '8', '2', '7']
        .map(
          (digit, i) =>
            `<text x="${278 + i * 60}" y="262" font-size="46" fill="${i === 4 ? '#f56565' : '#fff'}" font-family="monospace">${digit}</text>`,
        )
        .join('') +
      `<text x="400" y="350" font-size="30" text-anchor="middle" fill="#4a5568" font-family="sans-serif">m³</text>` +
      `<line x1="400" y1="400" x2="450" y2="440" stroke="#e53e3e" stroke-width="6"/><circle cx="400" cy="400" r="10" fill="#2d3748"/>`,
    '表盘读数',
  ),
  'id-front.jpg': card(
    `<div style="float:right;width:200px;height:250px;margin-top:20px;border-radius:10px;background:#c5d3e3;
                 display:flex;align-items:center;justify-content:center;color:#6b7f95;font-size:26px">照片</div>` +
      field('姓\u3000\u3000名', '样例') +
      field('性\u3000\u3000别', '男\u3000\u3000<span style="color:#4b6584">民族</span>\u3000汉') +
      field('出\u3000\u3000生', '1990 年 1 月 1 日') +
      field('住\u3000\u3000址', '某市某区示例路 1 号') +
      `<div style="position:absolute;left:48px;bottom:44px;font-size:26px"><span style="color:#4b6584">公民身份号码</span>\u3000110101 19900101 XXXX</div>`,
  ),
  'id-back.jpg': card(
    `<div style="display:flex;align-items:center;gap:36px;margin-top:30px">
       <div style="width:130px;height:130px;border-radius:50%;border:8px solid #c53030;color:#c53030;
                   display:flex;align-items:center;justify-content:center;font-size:26px">国徽</div>
       <div><div style="font-size:40px;letter-spacing:6px">中华人民共和国</div>
            <div style="font-size:56px;letter-spacing:14px;margin-top:10px">居民身份证</div></div></div>` +
      `<div style="position:absolute;left:48px;bottom:40px">${field('签发机关', '某市公安局某分局')}${field('有效期限', '2020.01.01-2040.01.01')}</div>`,
  ),
  'license.jpg': `
    <div style="width:800px;height:1060px;box-sizing:border-box;padding:70px 80px;position:relative;overflow:hidden;
                background:#fbf7ee;border:22px solid #d9b56c;${FONT}">
      <div style="text-align:center;font-size:64px;letter-spacing:20px;color:#9b2c2c">营业执照</div>
      <div style="text-align:center;font-size:22px;color:#555;margin:10px 0 40px">（副\u3000本）</div>
      ${[
        ['统一社会信用代码', '91XXXXXXXXXXXXXXXX'],
        ['名\u3000\u3000称', '某某示例有限公司'],
        ['类\u3000\u3000型', '有限责任公司'],
        ['法定代表人', '样例'],
        ['经营范围', '示例经营范围（演示数据）'],
        ['注册资本', '壹佰万元整'],
        ['成立日期', '2015 年 6 月 1 日'],
        ['住\u3000\u3000所', '某市某区示例路 8 号'],
      ]
        .map(([label, value]) => field(label, value, 230))
        .join('')}
      <div style="position:absolute;right:90px;bottom:110px;width:190px;height:190px;border-radius:50%;
                  border:7px solid rgba(197,48,48,.75);color:rgba(197,48,48,.75);display:flex;align-items:center;
                  justify-content:center;font-size:28px;text-align:center">登记机关<br/>（示例）</div>
      <div style="position:absolute;left:0;right:0;top:430px;text-align:center;font-size:130px;font-weight:700;
                  color:rgba(220,38,38,.16);transform:rotate(-24deg)">样例</div>
    </div>`,
};

const SIGNATURE = `
  <svg width="600" height="200" viewBox="0 0 600 200" xmlns="http://www.w3.org/2000/svg">
    <rect width="600" height="200" fill="#fff"/>
    <path d="M40 130 C 70 40, 110 40, 100 120 S 150 170, 170 90 C 180 50, 210 60, 200 120 C 195 160, 240 150, 260 100
             C 275 60, 300 70, 290 130 C 285 165, 330 150, 350 95 C 360 70, 385 75, 380 120 C 378 150, 420 150, 440 110
             S 500 80, 560 120" stroke="#1e3a8a" stroke-width="5" fill="none" stroke-linecap="round"/>
    <line x1="30" y1="170" x2="570" y2="170" stroke="#cbd5e0" stroke-width="2"/>
    <text x="560" y="192" font-size="16" text-anchor="end" fill="#a0aec0" font-family="sans-serif">示例签名</text>
  </svg>`;

const PDF = `
  <div style="padding:30mm 25mm;${FONT}">
    <h1 style="text-align:center;font-size:26px">示例文件</h1>
    <p style="font-size:15px;line-height:2">本文件是演示数据的示例附件（合同扫描件、发票、资质文件等），内容仅为占位，不具任何效力。</p>
    <p style="font-size:15px;line-height:2">在真实使用中，这里是经办人上传的原件扫描或电子文件。</p>
    ${Array.from({ length: 14 }, () => '<div style="height:14px;margin:16px 0;background:#edf2f7;border-radius:4px"></div>').join('')}
  </div>`;

/** One second of a two-note chime, 8 kHz 8-bit mono: the demo's voice description plays as something. */
function chime() {
  const rate = 8000;
  const samples = Buffer.alloc(rate);
  for (let i = 0; i < rate; i += 1) {
    const t = i / rate;
    const frequency = t < 0.5 ? 660 : 880;
    const envelope = Math.exp(-4 * (t % 0.5));
    samples[i] = 128 + Math.round(60 * envelope * Math.sin(2 * Math.PI * frequency * t));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  const shoot = async (html, file, type) => {
    await page.setContent(`<body style="margin:0;display:inline-block">${html}</body>`);
    const element = await page.$('body > *');
    await element.screenshot({ path: path.join(OUT, file), type, ...(type === 'jpeg' && { quality: 72 }) });
  };
  for (const [file, html] of Object.entries(IMAGES)) await shoot(html, file, 'jpeg');
  await shoot(SIGNATURE, 'signature.png', 'png');
  await page.setContent(PDF);
  await page.pdf({ path: path.join(OUT, 'document.pdf'), format: 'A4' });
  fs.writeFileSync(path.join(OUT, 'voice.wav'), chime());
  await browser.close();
  for (const file of fs.readdirSync(OUT)) console.log(file, fs.statSync(path.join(OUT, file)).size);
})();
