/**
 * The sample content's pictures as SVG: abstract compositions whose colours and motif come
 * from the topic (a pulse for remote monitoring, a network for AI, a shield for cybersecurity,
 * ...), and whose details come from a seed, so that stories on one topic look related but
 * never alike, and drawing the same seed twice gives the same picture.
 */
import { createHash } from 'node:crypto';

type Random = () => number;

interface Palette {
  deep: string;
  bright: string;
  accent: string;
}

type Motif = (random: Random, box: Box, accent: string) => string;

interface Box {
  width: number;
  height: number;
  /** The shorter side, the unit shapes are sized in. */
  unit: number;
}

/** Small seeded PRNG (mulberry32) so each seed always yields the same picture. */
function seededRandom(seedText: string): Random {
  let state = createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A colour of the hue `hue` at HSL saturation and lightness, jittered a little per picture. */
function hsl(random: Random, hue: number, saturation: number, lightness: number): string {
  const jitter = (random() - 0.5) * 16;
  return `hsl(${Math.round(hue + jitter)} ${saturation}% ${lightness}%)`;
}

function palette(random: Random, hue: number): Palette {
  return {
    deep: hsl(random, hue, 65, 20 + random() * 8),
    bright: hsl(random, hue + 25, 70, 45 + random() * 10),
    accent: hsl(random, hue + 180, 90, 94),
  };
}

/** A heartbeat-like trace across the picture: a flat line with a few QRS spikes. */
const pulse: Motif = (random, { width, height, unit }, accent) => {
  const baseline = height * (0.38 + random() * 0.14);
  const amplitude = unit * (0.16 + random() * 0.08);
  const points: string[] = [`M 0 ${round(baseline)}`];
  const beats = 2 + Math.floor(random() * 2);
  const spacing = width / (beats + 1);
  for (let beat = 1; beat <= beats; beat += 1) {
    const x = spacing * beat + (random() - 0.5) * spacing * 0.3;
    const w = amplitude * 0.35;
    const at = (dx: number, dy: number) =>
      `L ${round(x + w * dx)} ${round(baseline + amplitude * dy)}`;
    points.push(
      at(-2, 0),
      at(-1.4, -0.18),
      at(-1, 0),
      at(-0.4, 0.25),
      at(0, -1),
      at(0.5, 0.45),
      at(1, 0),
      at(2, -0.22),
      at(2.8, 0),
    );
  }
  points.push(`L ${width} ${round(baseline)}`);
  return stroke(accent, unit * 0.014, `<path d="${points.join(' ')}"/>`);
};

/** A medical cross on a soft tile. */
const cross: Motif = (random, { width, height, unit }, accent) => {
  const tile = round(unit * 0.3);
  const bar = round(tile * 0.22);
  const arm = round(tile * 0.6);
  return (
    `<g transform="translate(${round(width * (0.58 + random() * 0.2))} ${round(height * (0.3 + random() * 0.3))})">` +
    `<rect width="${tile}" height="${tile}" rx="${round(tile * 0.24)}" fill="${accent}" fill-opacity="0.16"/>` +
    // Group opacity, so that the bars do not show a darker square where they overlap.
    `<g fill="${accent}" opacity="0.9">` +
    `<rect x="${round((tile - bar) / 2)}" y="${round((tile - arm) / 2)}" width="${bar}" height="${arm}" rx="${round(bar * 0.3)}"/>` +
    `<rect x="${round((tile - arm) / 2)}" y="${round((tile - bar) / 2)}" width="${arm}" height="${bar}" rx="${round(bar * 0.3)}"/>` +
    `</g></g>`
  );
};

/** Nodes joined to their nearest neighbours, as a network or a neural net. */
const network: Motif = (random, { width, height, unit }, accent) => {
  const nodes = Array.from({ length: 9 + Math.floor(random() * 5) }, () => [
    width * (0.45 + random() * 0.5),
    height * (0.12 + random() * 0.76),
  ]);
  const lines = nodes.flatMap(([x1, y1], i) =>
    nodes
      .map(([x2, y2], j) => ({ j, d: Math.hypot(x2! - x1!, y2! - y1!), x2, y2 }))
      .filter(({ j }) => j > i)
      .sort((a, b) => a.d - b.d)
      .slice(0, 2)
      .map(
        ({ x2, y2 }) =>
          `<line x1="${round(x1!)}" y1="${round(y1!)}" x2="${round(x2!)}" y2="${round(y2!)}"/>`,
      ),
  );
  const dots = nodes.map(
    ([x, y]) =>
      `<circle cx="${round(x!)}" cy="${round(y!)}" r="${round(unit * (0.015 + random() * 0.02))}"/>`,
  );
  return (
    stroke(accent, unit * 0.006, lines.join(''), 0.55) + `<g fill="${accent}">${dots.join('')}</g>`
  );
};

/** A shield with a keyhole. */
const shield: Motif = (random, { width, height, unit }, accent) => {
  const s = unit * (0.5 + random() * 0.1);
  const x = width * (0.6 + random() * 0.15);
  const y = height * 0.2;
  const d = `M ${round(x)} ${round(y)} l ${round(s * 0.4)} ${round(s * 0.12)} v ${round(s * 0.35)} c 0 ${round(s * 0.28)} ${round(-s * 0.2)} ${round(s * 0.45)} ${round(-s * 0.4)} ${round(s * 0.55)} c ${round(-s * 0.2)} ${round(-s * 0.1)} ${round(-s * 0.4)} ${round(-s * 0.27)} ${round(-s * 0.4)} ${round(-s * 0.55)} v ${round(-s * 0.35)} z`;
  return (
    `<path d="${d}" fill="${accent}" fill-opacity="0.14"/>` +
    stroke(accent, unit * 0.012, `<path d="${d}"/>`) +
    `<g fill="${accent}"><circle cx="${round(x)}" cy="${round(y + s * 0.36)}" r="${round(s * 0.07)}"/>` +
    `<rect x="${round(x - s * 0.03)}" y="${round(y + s * 0.38)}" width="${round(s * 0.06)}" height="${round(s * 0.16)}"/></g>`
  );
};

/** Two linked rings and arrows running between them: records moving between systems. */
const exchange: Motif = (random, { width, height, unit }, accent) => {
  const r = unit * (0.16 + random() * 0.04);
  const cx = width * (0.62 + random() * 0.1);
  const cy = height * 0.5;
  const arrow = (y: number, direction: 1 | -1) => {
    const from = cx - r * 1.6 * direction;
    const to = cx + r * 1.6 * direction;
    return `<path d="M ${round(from)} ${round(y)} H ${round(to)} l ${round(-direction * r * 0.3)} ${round(-r * 0.2)} M ${round(to)} ${round(y)} l ${round(-direction * r * 0.3)} ${round(r * 0.2)}"/>`;
  };
  return stroke(
    accent,
    unit * 0.014,
    `<circle cx="${round(cx - r * 0.6)}" cy="${round(cy)}" r="${round(r)}"/><circle cx="${round(cx + r * 0.6)}" cy="${round(cy)}" r="${round(r)}"/>` +
      arrow(cy - r * 1.6, 1) +
      arrow(cy + r * 1.6, -1),
  );
};

/** A house with a heart in it. */
const home: Motif = (random, { width, height, unit }, accent) => {
  const s = unit * (0.45 + random() * 0.1);
  const x = width * (0.6 + random() * 0.12);
  const y = height * 0.25;
  const house = `<path d="M ${round(x - s * 0.5)} ${round(y + s * 0.45)} L ${round(x)} ${round(y)} L ${round(x + s * 0.5)} ${round(y + s * 0.45)} M ${round(x - s * 0.38)} ${round(y + s * 0.34)} V ${round(y + s)} H ${round(x + s * 0.38)} V ${round(y + s * 0.34)}"/>`;
  const h = s * 0.16;
  const hy = y + s * 0.62;
  const heart = `<path d="M ${round(x)} ${round(hy + h)} C ${round(x - h * 2)} ${round(hy)} ${round(x - h)} ${round(hy - h * 1.2)} ${round(x)} ${round(hy - h * 0.3)} C ${round(x + h)} ${round(hy - h * 1.2)} ${round(x + h * 2)} ${round(hy)} ${round(x)} ${round(hy + h)} z" fill="${accent}"/>`;
  return stroke(accent, unit * 0.014, house) + heart;
};

/** Calm waves, one above the other. */
const waves: Motif = (random, { width, height, unit }, accent) => {
  const rows = 4 + Math.floor(random() * 3);
  const paths = Array.from({ length: rows }, (_, row) => {
    const y = height * (0.3 + (row / rows) * 0.5);
    const amplitude = unit * (0.03 + random() * 0.04);
    const length = width / (2 + Math.floor(random() * 3));
    let d = `M 0 ${round(y)}`;
    for (let x = 0; x < width; x += length)
      d += ` q ${round(length / 4)} ${round(-amplitude * 2)} ${round(length / 2)} 0 t ${round(length / 2)} 0`;
    return `<path d="${d}" stroke-opacity="${round(0.35 + (row / rows) * 0.55)}"/>`;
  });
  return stroke(accent, unit * 0.01, paths.join(''), 1);
};

/** A crowd of dots, a few of them picked out. */
const crowd: Motif = (random, { width, height, unit }, accent) => {
  const step = unit * 0.085;
  const dots: string[] = [];
  for (let y = height * 0.2; y < height * 0.85; y += step) {
    for (let x = width * 0.5; x < width * 0.95; x += step) {
      const marked = random() < 0.12;
      dots.push(
        `<circle cx="${round(x)}" cy="${round(y)}" r="${round(step * (marked ? 0.3 : 0.18))}" fill-opacity="${marked ? 1 : 0.35}"/>`,
      );
    }
  }
  return `<g fill="${accent}">${dots.join('')}</g>`;
};

/** A video call: a screen with a person in it and a smaller self view. */
const videoCall: Motif = (random, { width, height, unit }, accent) => {
  const w = unit * (0.75 + random() * 0.1);
  const h = w * 0.62;
  const x = width * 0.62 - w / 2 + random() * width * 0.1;
  const y = (height - h) / 2;
  return (
    `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${round(unit * 0.03)}" fill="${accent}" fill-opacity="0.14"/>` +
    stroke(
      accent,
      unit * 0.01,
      `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${round(unit * 0.03)}"/>`,
    ) +
    `<g fill="${accent}" fill-opacity="0.85">${person(x + w * 0.4, y + h * 0.35, h * 0.5)}</g>` +
    `<rect x="${round(x + w * 0.72)}" y="${round(y + h * 0.66)}" width="${round(w * 0.22)}" height="${round(h * 0.26)}" rx="${round(unit * 0.015)}" fill="${accent}" fill-opacity="0.5"/>`
  );
};

/** A head and shoulders, `size` tall, its head centred on (x, y). */
function person(x: number, y: number, size: number): string {
  const head = size * 0.32;
  return (
    `<circle cx="${round(x)}" cy="${round(y)}" r="${round(head)}"/>` +
    `<path d="M ${round(x - size * 0.62)} ${round(y + size * 1.1)} C ${round(x - size * 0.62)} ${round(y + size * 0.45)} ${round(x + size * 0.62)} ${round(y + size * 0.45)} ${round(x + size * 0.62)} ${round(y + size * 1.1)} z"/>`
  );
}

function stroke(colour: string, width: number, shapes: string, opacity = 0.9): string {
  return `<g fill="none" stroke="${colour}" stroke-opacity="${opacity}" stroke-width="${round(width)}" stroke-linejoin="round" stroke-linecap="round">${shapes}</g>`;
}

/** Each topic's hue and motif, by the topic's label (the part of its name after the colon). */
const TOPICS: Record<string, { hue: number; motif: Motif }> = {
  'remote patient monitoring': { hue: 190, motif: pulse },
  'digital health': { hue: 170, motif: cross },
  'artificial intelligence': { hue: 255, motif: network },
  cybersecurity: { hue: 220, motif: shield },
  interoperability: { hue: 200, motif: exchange },
  'social care': { hue: 150, motif: home },
  'behavioral health': { hue: 280, motif: waves },
  'population health': { hue: 130, motif: crowd },
  telehealth: { hue: 235, motif: videoCall },
};

function topicStyle(topicName: string | null, random: Random): { hue: number; motif: Motif } {
  const label = (topicName?.split(':').slice(1).join(':') || topicName || '').trim().toLowerCase();
  return TOPICS[label] ?? { hue: Math.floor(random() * 360), motif: cross };
}

function frame(box: Box, colours: Palette, random: Random, content: string): string {
  const { width, height, unit } = box;
  const circles = Array.from({ length: 4 }, () => {
    const fill = random() < 0.5 ? colours.accent : colours.bright;
    return `<circle cx="${round(random() * width)}" cy="${round(random() * height)}" r="${round(unit * (0.2 + random() * 0.45))}" fill="${fill}" fill-opacity="${round(0.06 + random() * 0.12)}"/>`;
  }).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs>',
    `<linearGradient id="bg" gradientTransform="rotate(${Math.floor(random() * 360)} 0.5 0.5)">`,
    `<stop offset="0" stop-color="${colours.deep}"/><stop offset="1" stop-color="${colours.bright}"/>`,
    '</linearGradient>',
    '<radialGradient id="glow" cx="0.8" cy="0.2" r="0.7">',
    `<stop offset="0" stop-color="${colours.accent}" stop-opacity="0.35"/>`,
    `<stop offset="1" stop-color="${colours.accent}" stop-opacity="0"/>`,
    '</radialGradient>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    `<rect width="${width}" height="${height}" fill="url(#glow)"/>`,
    circles,
    content,
    '</svg>',
  ].join('');
}

/** A story's or an offering's picture: the colours and motif of its first topic. */
export function topicPicture(
  seed: string,
  topicName: string | null,
  width: number,
  height: number,
): string {
  const random = seededRandom(seed);
  const { hue, motif } = topicStyle(topicName, random);
  const colours = palette(random, hue);
  const box = { width, height, unit: Math.min(width, height) };
  return frame(box, colours, random, motif(random, box, colours.accent));
}

/** A stand-in portrait for a fictional author: a head-and-shoulders silhouette on their colours. */
export function portrait(seed: string, size: number): string {
  const random = seededRandom(seed);
  const colours = palette(random, Math.floor(random() * 360));
  const box = { width: size, height: size, unit: size };
  return frame(
    box,
    colours,
    random,
    `<g fill="${colours.accent}" fill-opacity="0.9">${person(size / 2, size * 0.42, size * 0.5)}</g>`,
  );
}
