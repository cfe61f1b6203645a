// The living picture: a particle-and-flow simulation whose palette, motion, shapes and rhythm
// follow the emotion mix. It mirrors art.empathic.app.art.ArtRenderer (the PNG renderer) step
// for step and reads the same definition, /art-params.json. See docs/ART.md.

/** mulberry32: the same numbers as the Java renderer's Mulberry32 for the same seed. */
export function mulberry32(seed) {
  let a = seed | 0;
  return function next() {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function rgba(c, a) {
  return `rgba(${c[0]},${c[1]},${c[2]},${Math.max(0, Math.min(1, a)).toFixed(3)})`;
}

const TAU = Math.PI * 2;
const EFFECT_LIFE = { shard: 5, ripple: 112, drop: 40, bubble: 0, tremor: 0, spark: 16, blob: 30 };

export class EmotionArt {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} params the parsed art-params.json
   * @param {number} seed
   */
  constructor(canvas, params, seed = 7) {
    this.canvas = canvas;
    // A half-float canvas lets the trails fade all the way to the background; 8-bit canvases
    // leave faint ghosts (each fade step rounds to zero near the background). Browsers that do
    // not know colorType ignore it.
    this.ctx = canvas.getContext('2d', { alpha: false, colorType: 'float16' });
    this.params = params;
    this.labels = Object.keys(params.emotions);
    this.styles = this.labels.map((l) => params.emotions[l]);
    this.palettes = this.styles.map((s) => s.palette.map(hexRgb));
    this.backgrounds = this.styles.map((s) => s.background.map(hexRgb));
    this.target = this.labels.map(() => 1 / this.labels.length);
    this.w = this.target.slice();
    this.running = false;
    this.easeSeconds = 0.8;
    this.reset(seed);
  }

  /** Starts over with a seed: new flow field, particles and accents. */
  reset(seed) {
    this.rng = mulberry32(seed);
    this.phase = [0, 1, 2, 3].map(() => this.rng() * TAU);
    this.step = 0;
    this.beat = 0;
    this.burstClock = 1e9;
    this.burstX = 0;
    this.burstY = 0;
    this.effects = [];
    this.resize();
  }

  /** Matches the canvas to its displayed size and refills it with particles. */
  resize() {
    const c = this.canvas;
    const dpr = Math.min(window.devicePixelRatio || 1, 1.5);
    const width = Math.max(16, Math.round(c.clientWidth * dpr));
    const height = Math.max(16, Math.round(c.clientHeight * dpr));
    if (width !== c.width || height !== c.height || !this.particles) {
      c.width = width;
      c.height = height;
      this.width = width;
      this.height = height;
      this.k = Math.min(width, height) / 1000;
      this.paintBackground(1);
      const n = Math.min(2400, Math.max(60, Math.round(this.params.particlesPerMegapixel * width * height / 1e6)));
      this.particles = [];
      for (let i = 0; i < n; i++) {
        const p = {};
        this.spawn(p);
        p.age = Math.floor(this.rng() * p.life);
        this.particles.push(p);
      }
    }
  }

  /** Sets the emotion mix to move towards: {Angry: 0.7, Calm: 0.1, ...}; missing labels are 0. */
  setMix(mix) {
    let sum = 0;
    const t = this.labels.map((l) => {
      const v = Math.max(0, Number(mix[l]) || 0);
      sum += v;
      return v;
    });
    if (sum > 0) {
      this.target = t.map((v) => v / sum);
    }
  }

  /** Jumps to the target mix at once (no easing). */
  settle() {
    this.w = this.target.slice();
  }

  /**
   * Keeps the animation fluid on slow machines: if the last 90 frames averaged under 40 frames
   * per second, drop a sixth of the particles (never below 300).
   */
  adapt(dt) {
    this.frameTimes = this.frameTimes || [];
    this.frameTimes.push(dt);
    if (this.frameTimes.length < 90) return;
    const mean = this.frameTimes.reduce((a, b) => a + b, 0) / this.frameTimes.length;
    this.frameTimes = [];
    if (mean > 1 / 40 && this.particles.length > 300) {
      this.particles.length = Math.max(300, Math.floor(this.particles.length * 5 / 6));
    }
  }

  start() {
    if (this.running) return;
    this.running = true;
    let last = performance.now();
    let acc = 0;
    const frame = (now) => {
      if (!this.running) return;
      const dt = Math.min(0.1, (now - last) / 1000);
      last = now;
      this.adapt(dt);
      acc += dt;
      const a = 1 - Math.exp(-dt / this.easeSeconds);
      this.w = this.w.map((v, i) => v + (this.target[i] - v) * a);
      let steps = 0;
      while (acc >= 1 / 60 && steps < 3) {
        this.tick();
        acc -= 1 / 60;
        steps++;
      }
      if (steps === 3) acc = 0;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  stop() {
    this.running = false;
  }

  /** Runs n steps at once (a still picture, e.g. for reduced motion). */
  advance(n) {
    for (let i = 0; i < n; i++) this.tick();
  }

  blend(key) {
    let s = 0;
    for (let i = 0; i < this.w.length; i++) s += this.w[i] * this.styles[i][key];
    return s;
  }

  backgroundGradient(alpha) {
    const ctx = this.ctx;
    const inner = [0, 0, 0];
    const outer = [0, 0, 0];
    for (let i = 0; i < this.w.length; i++) {
      for (let c = 0; c < 3; c++) {
        inner[c] += this.w[i] * this.backgrounds[i][0][c];
        outer[c] += this.w[i] * this.backgrounds[i][1][c];
      }
    }
    const cx = this.width / 2;
    const cy = this.height * 0.45;
    const g = ctx.createRadialGradient(cx, cy, 0, cx, cy, Math.hypot(this.width, this.height) * 0.55);
    // Smoothstep falloff, sampled, like the Java renderer's per-pixel gradient.
    for (let i = 0; i <= 8; i++) {
      const t = i / 8;
      const s = t * t * (3 - 2 * t);
      const c = inner.map((v, j) => Math.round(v + (outer[j] - v) * s));
      g.addColorStop(t, rgba(c, alpha));
    }
    return g;
  }

  paintBackground(alpha) {
    const ctx = this.ctx;
    ctx.globalAlpha = 1;
    ctx.fillStyle = this.backgroundGradient(alpha);
    ctx.fillRect(0, 0, this.width, this.height);
  }

  tick() {
    const tempo = this.blend('tempo');
    this.beat += tempo / 60;
    const pulse = Math.pow(0.5 + 0.5 * Math.cos(TAU * this.beat), 2);
    this.paintBackground(this.blend('fade'));
    this.updateBurst();
    for (let i = this.effects.length - 1; i >= 0; i--) {
      const fx = this.effects[i];
      this.drawEffect(fx);
      if (++fx.age > fx.life) this.effects.splice(i, 1);
    }
    const ctx = this.ctx;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const p of this.particles) this.move(p, pulse);
    this.step++;
  }

  updateBurst() {
    const si = this.labels.indexOf('Surprise');
    if (si < 0) return;
    this.burstClock++;
    if (this.w[si] > 0.05 && this.burstClock > 60 / this.styles[si].tempo) {
      this.burstClock = 0;
      this.burstX = this.width * (0.15 + 0.7 * this.rng());
      this.burstY = this.height * (0.15 + 0.7 * this.rng());
    }
  }

  sample() {
    const r = this.rng();
    let acc = 0;
    let last = 0;
    for (let i = 0; i < this.w.length; i++) {
      if (this.w[i] > 0) {
        acc += this.w[i];
        last = i;
        if (r < acc) return i;
      }
    }
    return last;
  }

  spawn(p) {
    p.e = this.sample();
    const s = this.styles[p.e];
    const label = this.labels[p.e];
    p.x = this.rng() * this.width;
    p.y = this.rng() * this.height;
    p.heading = this.rng() * TAU;
    if (label === 'Sad') {
      p.y = this.rng() * this.height * 0.6;
    } else if (label === 'Surprise' && this.burstClock < 1e9 && this.rng() < 0.6) {
      p.x = this.burstX + (this.rng() - 0.5) * 30 * this.k;
      p.y = this.burstY + (this.rng() - 0.5) * 30 * this.k;
    }
    const pal = this.palettes[p.e];
    p.color = pal[Math.floor(this.rng() * pal.length)];
    p.life = Math.max(1, Math.floor(s.life * (0.6 + 0.8 * this.rng())));
    p.bouncePhase = this.rng() * Math.PI;
    p.age = 0;
    p.vy = 0;
    p.px = p.x;
    p.py = p.y;
  }

  flow(u, v, scale) {
    const t = this.step / 60;
    const f = scale * Math.PI;
    const ph = this.phase;
    return Math.PI * (Math.sin(u * f * 1.3 + ph[0] + t * 0.21) * Math.cos(v * f * 1.1 + ph[1] - t * 0.17)
      + 0.6 * Math.sin((u + v) * f * 0.7 + ph[2] + t * 0.11)
      + 0.35 * Math.sin((u - v) * f * 2.3 + ph[3] - t * 0.29));
  }

  move(p, pulse) {
    const s = this.styles[p.e];
    const k = this.k;
    let ang = this.flow(p.x / (1000 * k), p.y / (1000 * k), s.flowScale) * s.turbulence;
    if (s.sharpness > 0) {
      const q = Math.PI / 3;
      ang += (Math.round(ang / q) * q - ang) * s.sharpness;
    }
    const spd = s.speed * k * (0.75 + 0.5 * pulse);
    let dx = Math.cos(ang) * spd + s.driftX * k;
    let dy = Math.sin(ang) * spd + s.driftY * k;
    if (s.gravity > 0) {
      p.vy = Math.min(p.vy + s.gravity * k, 6 * k);
      dy += p.vy;
    }
    if (s.burst > 0) {
      const push = s.burst * k * Math.exp(-p.age / 25);
      dx += Math.cos(p.heading) * push;
      dy += Math.sin(p.heading) * push;
    }
    if (s.recoil > 0) {
      const rx = p.x - this.width / 2;
      const ry = p.y - this.height / 2;
      const d = Math.hypot(rx, ry) + 1;
      const push = s.recoil * k * (0.5 + 0.5 * Math.sin(TAU * this.beat + p.bouncePhase));
      dx += (rx / d) * push;
      dy += (ry / d) * push;
    }
    if (s.tremble > 0) {
      dx += (this.rng() - 0.5) * 2 * s.tremble * k;
      dy += (this.rng() - 0.5) * 2 * s.tremble * k;
    }
    p.x += dx;
    p.y += dy;
    const drawX = p.x;
    let drawY = p.y;
    if (s.bounce > 0) {
      drawY -= s.bounce * k * Math.abs(Math.sin(Math.PI * s.tempo * this.step / 60 + p.bouncePhase));
    }
    const env = Math.sin(Math.PI * Math.min(1, p.age / p.life));
    const alpha = s.alpha * env * (0.7 + 0.3 * pulse);
    const lw = s.lineWidth * k * (0.8 + 0.4 * pulse);
    if (p.age > 0) {
      const ctx = this.ctx;
      if (s.glow > 0) {
        ctx.strokeStyle = rgba(p.color, alpha * s.glow * 0.22);
        ctx.lineWidth = Math.max(0.3, lw * 4.5);
        ctx.beginPath();
        ctx.moveTo(p.px, p.py);
        ctx.lineTo(drawX, drawY);
        ctx.stroke();
      }
      ctx.strokeStyle = rgba(p.color, alpha);
      ctx.lineWidth = Math.max(0.3, lw);
      ctx.beginPath();
      ctx.moveTo(p.px, p.py);
      ctx.lineTo(drawX, drawY);
      ctx.stroke();
    }
    if (this.rng() < s.accentRate) {
      this.effects.push({
        type: s.accent, x: drawX, y: drawY, color: p.color,
        size: s.accentSize * k * (0.6 + 0.8 * this.rng()), angle: ang,
        seed: Math.floor(this.rng() * 4294967296), life: EFFECT_LIFE[s.accent] ?? 0, age: 0,
      });
    }
    p.px = drawX;
    p.py = drawY;
    p.age++;
    const m = 60 * k;
    if (p.age > p.life || p.x < -m || p.x > this.width + m || p.y < -m || p.y > this.height + m) {
      this.spawn(p);
    }
  }

  drawEffect(fx) {
    const ctx = this.ctx;
    const k = this.k;
    const age = fx.age;
    const fadeOut = 1 - age / (fx.life + 1);
    const r = mulberry32(fx.seed);
    switch (fx.type) {
      case 'shard': {
        const len = fx.size;
        const ca = Math.cos(fx.angle);
        const sa = Math.sin(fx.angle);
        const half = len * 0.09;
        ctx.beginPath();
        ctx.moveTo(fx.x + ca * len, fx.y + sa * len);
        ctx.lineTo(fx.x - sa * half - ca * len * 0.2, fx.y + ca * half - sa * len * 0.2);
        ctx.lineTo(fx.x + sa * half - ca * len * 0.2, fx.y - ca * half - sa * len * 0.2);
        ctx.closePath();
        ctx.fillStyle = rgba(fx.color, 0.55 * fadeOut);
        ctx.fill();
        ctx.strokeStyle = rgba([255, 243, 208], 0.35 * fadeOut);
        ctx.lineWidth = 0.8 * k;
        ctx.stroke();
        break;
      }
      case 'ripple': {
        if (age % 14 === 0) {
          const rad = fx.size * (0.15 + age / fx.life);
          ctx.strokeStyle = rgba(fx.color, 0.4 * fadeOut);
          ctx.lineWidth = 1.4 * k;
          ctx.beginPath();
          ctx.ellipse(fx.x, fx.y, rad, rad * 0.55, 0, 0, TAU);
          ctx.stroke();
        }
        break;
      }
      case 'drop': {
        const y = fx.y + age * age * 0.06 * k;
        const rad = fx.size * 0.16;
        ctx.fillStyle = rgba(fx.color, 0.5 * fadeOut);
        ctx.beginPath();
        ctx.arc(fx.x, y, rad, 0, TAU);
        ctx.fill();
        break;
      }
      case 'bubble': {
        const rad = fx.size * 0.5;
        ctx.fillStyle = rgba(fx.color, 0.25);
        ctx.beginPath();
        ctx.arc(fx.x, fx.y, rad, 0, TAU);
        ctx.fill();
        ctx.strokeStyle = rgba(fx.color, 0.75);
        ctx.lineWidth = 1.5 * k;
        ctx.stroke();
        const hr = rad * 0.2;
        ctx.fillStyle = rgba([255, 255, 255], 0.7);
        ctx.beginPath();
        ctx.arc(fx.x - rad * 0.4, fx.y - rad * 0.4, hr, 0, TAU);
        ctx.fill();
        break;
      }
      case 'tremor': {
        const ca = Math.cos(fx.angle);
        const sa = Math.sin(fx.angle);
        ctx.beginPath();
        ctx.moveTo(fx.x, fx.y);
        for (let i = 1; i <= 9; i++) {
          const along = (fx.size * i) / 9;
          const off = (r() - 0.5) * fx.size * 0.35;
          ctx.lineTo(fx.x + ca * along - sa * off, fx.y + sa * along + ca * off);
        }
        ctx.strokeStyle = rgba(fx.color, 0.7 * fadeOut);
        ctx.lineWidth = 0.9 * k;
        ctx.stroke();
        break;
      }
      case 'spark': {
        const rays = 7 + Math.floor(r() * 6);
        const rot = r() * Math.PI;
        const outer = fx.size * (0.2 + age / fx.life);
        const inner = outer * 0.55;
        ctx.strokeStyle = rgba(fx.color, 0.85 * fadeOut);
        ctx.lineWidth = 1.3 * k;
        ctx.beginPath();
        for (let i = 0; i < rays; i++) {
          const a = rot + (TAU * i) / rays;
          ctx.moveTo(fx.x + Math.cos(a) * inner, fx.y + Math.sin(a) * inner);
          ctx.lineTo(fx.x + Math.cos(a) * outer, fx.y + Math.sin(a) * outer);
        }
        ctx.stroke();
        break;
      }
      case 'blob': {
        if (age % 5 === 0) {
          const drift = age * 0.8 * k;
          const cx = fx.x + Math.cos(fx.angle) * drift;
          const cy = fx.y + Math.sin(fx.angle) * drift;
          const lobes = [r(), r(), r()];
          ctx.beginPath();
          for (let i = 0; i <= 24; i++) {
            const a = (TAU * i) / 24;
            const rad = fx.size * (0.55 + 0.2 * Math.sin(3 * a + lobes[0] * 6) + 0.12 * Math.sin(5 * a + lobes[1] * 6)
              + 0.08 * Math.sin(2 * a + lobes[2] * 6)) * (1 - (0.4 * age) / fx.life);
            const x = cx + Math.cos(a) * rad;
            const y = cy + Math.sin(a) * rad;
            if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
          }
          ctx.closePath();
          ctx.fillStyle = rgba(fx.color, 0.16 * fadeOut);
          ctx.fill();
          ctx.strokeStyle = rgba(fx.color, 0.4 * fadeOut);
          ctx.lineWidth = 1.2 * k;
          ctx.stroke();
        }
        break;
      }
      default:
        break;
    }
  }
}
