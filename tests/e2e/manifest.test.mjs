// The Custom Elements Manifest (www/custom-elements.json, shipped in the package) against the
// code it describes, so that it cannot drift: each element's attributes, events, CSS parts and
// CSS custom properties are read from the sources (and the parts from the rendered elements) and
// must be exactly the manifest's. Then the theming it documents is used as an embedder would:
// a custom property, a ::part rule, the reader's dark scheme, theme="light", forced colours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { start, tile } from './browser.mjs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('www/custom-elements.json'));
const sorted = (xs) => [...new Set(xs)].sort();
const all = (text, re) => [...text.matchAll(re)].map((m) => m[1]);

/** tag -> { decl, module } */
const elements = {};
for (const mod of manifest.modules) {
  for (const decl of mod.declarations) if (decl.customElement) elements[decl.tagName] = { decl, module: mod };
}

// What the sources say of each element.
const css = { scorecard: read('www/scorecard.css'), calculator: read('www/calculator.css') };
const sources = {
  'loyalty-scorecard': { js: read('www/loyalty-scorecard.js'), rust: read('src/web/widget.rs'), css: css.scorecard, contentParts: true },
  'expectation-calculator': { js: read('www/expectation-calculator.js'), rust: read('src/web/calculator.rs'), css: css.scorecard + css.calculator, contentParts: false },
};
const contentParts = JSON.parse(read('src/web/dom.rs').match(/CONTENT_PARTS: \[&str; \d+\] = (\[[^\]]*\])/)[1]);

let b;
before(async () => { b = await start(); });
after(async () => { await b?.close(); });

test('the manifest names both elements, each defined by its module, and the package points to it', () => {
  assert.equal(manifest.schemaVersion, '2.1.0');
  assert.deepEqual(Object.keys(elements).sort(), ['expectation-calculator', 'loyalty-scorecard']);
  for (const [tag, { decl, module }] of Object.entries(elements)) {
    assert.ok(existsSync(new URL(`../../www/${module.path}`, import.meta.url)), `${module.path} exists`);
    assert.ok(sources[tag].js.includes(`customElements.define('${tag}', ${decl.name})`), `${module.path} defines <${tag}> as ${decl.name}`);
    const def = module.exports.find((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(def, { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: module.path } });
    // The module's exports are exactly the manifest's.
    const js = sources[tag].js;
    const exported = [...all(js, /^export (?:async )?(?:function|class) (\w+)/gm), ...[...js.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()))];
    assert.deepEqual(sorted(module.exports.filter((x) => x.kind === 'js').map((e) => e.name)), sorted(exported), `${module.path} exports`);
  }
  // The built package (npm run build, which npm test runs first) names the manifest and ships it unchanged.
  assert.ok(existsSync(new URL('../../dist/package.json', import.meta.url)), 'dist/ is built (bash scripts/build.sh --dist)');
  const pkg = JSON.parse(read('dist/package.json'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(pkg.files.includes('custom-elements.json'));
  assert.equal(read('dist/custom-elements.json'), read('www/custom-elements.json'));
});

test('attributes, events and members in the manifest are exactly those the code has', () => {
  for (const [tag, { decl }] of Object.entries(elements)) {
    const { js, rust, css: style } = sources[tag];
    const observed = JSON.parse(js.match(/static observedAttributes = (\[[^\]]*\])/)[1].replaceAll("'", '"'));
    const attributes = sorted([...observed, ...all(js, /(?:get|has)Attribute\('([\w-]+)'\)/g), ...all(style, /:host\(\[([\w-]+)/g)]);
    assert.deepEqual(sorted(decl.attributes.map((a) => a.name)), attributes, `<${tag}> attributes`);
    const events = sorted([...all(js, /new CustomEvent\('([\w-]+)'/g), ...all(rust, /emit\("([\w-]+)"/g)]);
    assert.deepEqual(sorted(decl.events.map((e) => e.name)), events, `<${tag}> events`);
    // Public members of the class: exactly the manifest's (lifecycle callbacks aside).
    const body = js.slice(js.indexOf(`class ${decl.name} `));
    const lifecycle = ['connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'constructor'];
    const own = all(body.slice(0, body.indexOf('\n}\n')), /^ {2}(?:static )?(?:async )?(?:get |set )?(\w+)\(/gm).filter((n) => !lifecycle.includes(n));
    assert.deepEqual(sorted(decl.members.map((m) => m.name)), sorted(own), `<${tag}> members`);
    for (const m of decl.members) {
      const re = m.kind === 'method' ? new RegExp(`\\n  (async )?${m.name}\\(`) : new RegExp(`\\n  get ${m.name}\\(\\)`);
      assert.match(js, re, `<${tag}> has ${m.kind} ${m.name}`);
      assert.equal(m.readonly === true, m.kind === 'field' && !new RegExp(`\\n  set ${m.name}\\(`).test(js), `<${tag}> ${m.name}: readonly as in the code`);
    }
  }
});

test('the CSS custom properties in the manifest are exactly those the styles read, with their defaults', () => {
  for (const [tag, { decl }] of Object.entries(elements)) {
    const style = sources[tag].css;
    assert.deepEqual(sorted(decl.cssProperties.map((p) => p.name)), sorted(all(style, /var\((--lsc-[\w-]+)/g)), `<${tag}> custom properties`);
    for (const p of decl.cssProperties) {
      // The first fallback is the light palette's (or the only) value.
      const fallback = style.match(new RegExp(`var\\(${p.name}, ([^;]+?)\\);`))[1];
      assert.equal(fallback, p.default, `${p.name}: default`);
    }
  }
});

test('the CSS parts in the manifest are exactly those of the code, and the rendered elements use only those', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  await page.locator('expectation-calculator [data-figure]').first().waitFor();
  const rendered = await page.evaluate(() => Object.fromEntries(['loyalty-scorecard', 'expectation-calculator'].map((tag) => {
    const names = new Set();
    for (const el of document.querySelector(tag).shadowRoot.querySelectorAll('[part]')) for (const p of el.getAttribute('part').split(/\s+/)) names.add(p);
    return [tag, [...names].sort()];
  })));
  for (const [tag, { decl }] of Object.entries(elements)) {
    const named = sorted(decl.cssParts.map((p) => p.name));
    const own = all(sources[tag].rust, /attr\("part", "([\w-]+)"\)/g);
    // The calculator's content parts are those its answer renders (panels and tiles).
    const expected = sorted([...own, ...(sources[tag].contentParts ? contentParts : rendered[tag].filter((p) => contentParts.includes(p)))]);
    assert.deepEqual(named, expected, `<${tag}> parts in the code`);
    for (const p of rendered[tag]) assert.ok(named.includes(p), `<${tag}> renders part ${p}, not in the manifest`);
    assert.ok(rendered[tag].length >= (tag === 'loyalty-scorecard' ? 10 : 5), `<${tag}> renders its parts: ${rendered[tag]}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('theming as documented: custom properties, ::part, the reader\'s colour scheme, theme, forced colours', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  const frameBg = () => page.evaluate(() => getComputedStyle(document.querySelector('loyalty-scorecard').shadowRoot.querySelector('[part~=frame]')).backgroundColor);
  // A custom property set on the element.
  await page.evaluate(() => document.querySelector('loyalty-scorecard').style.setProperty('--lsc-accent', 'rgb(1, 2, 3)'));
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('loyalty-scorecard').shadowRoot.querySelector('.choose')).backgroundColor), 'rgb(1, 2, 3)');
  // ::part rules of the host page (a constructed style sheet: the demo page's policy allows no inline style).
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('loyalty-scorecard::part(tile) { outline: 3px solid rgb(4, 5, 6); } expectation-calculator::part(controls) { outline: 2px solid rgb(7, 8, 9); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  const outline = (tag, sel) => page.evaluate(([t, s]) => getComputedStyle(document.querySelector(t).shadowRoot.querySelector(s)).outlineColor, [tag, sel]);
  assert.equal(await outline('loyalty-scorecard', '[part~=tile]'), 'rgb(4, 5, 6)');
  assert.equal(await outline('expectation-calculator', '[part~=controls]'), 'rgb(7, 8, 9)');
  // Light by default; dark when the reader's system asks for it; theme="light" keeps it light.
  assert.equal(await frameBg(), 'rgb(248, 249, 251)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await frameBg(), 'rgb(23, 27, 34)');
  await page.evaluate(() => document.querySelector('loyalty-scorecard').setAttribute('theme', 'light'));
  assert.equal(await frameBg(), 'rgb(248, 249, 251)');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.querySelector('loyalty-scorecard').setAttribute('theme', 'dark'));
  assert.equal(await frameBg(), 'rgb(23, 27, 34)');
  // Forced colours: the system's palette, whatever the page set.
  await page.emulateMedia({ forcedColors: 'active' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('loyalty-scorecard')).getPropertyValue('--accent').trim()), 'Highlight');
  // Lines stay lines (no series filled in), drawn in the system's text colour.
  const line = await page.evaluate(() => {
    const l = document.querySelector('loyalty-scorecard').shadowRoot.querySelector('svg.lines polyline.s2');
    return l && [getComputedStyle(l).fill, getComputedStyle(l).stroke];
  });
  assert.ok(line, 'the sample shop has a line chart with a second series');
  assert.equal(line[0], 'none');
  assert.deepEqual(errors, []);
  await page.close();
});
